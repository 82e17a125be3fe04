import type { OptionsSpec, OptionValues } from '../actions/options.js';

/** A guild or channel that one of a loop's options names, by id or name. */
export interface Target {
  of: 'guild' | 'channel';
  option: string;
  ref: string;
}

/**
 * Where a target is: on a shard of this process, on another's, in no guild of the bot, or not
 * known until `run` connects (offline, a guild's name or a channel says nothing of its shard).
 */
export type Where = 'here' | 'elsewhere' | 'nowhere' | 'at-start';

export type Answer = Target & { where: Where };

/** Where a loop runs, by the targets that decided it. */
export type LoopPlace =
  | { place: 'here'; kept: Target[] }
  | { place: 'elsewhere' }
  | { place: 'nowhere'; missing: Target }
  | { place: 'at-start'; pending: Target[] };

export const isSnowflake = (ref: string) => /^\d{16,20}$/.test(ref);

/**
 * SPEC §9's rule, the one `run` and `validate` share, so each slot runs in exactly one process:
 * a loop bound to nothing runs everywhere if it works across shards, else where shard 0 is; a
 * bound loop runs where any of its targets is, on those only.
 */
export function placeLoop(loop: {
  answers: readonly Answer[];
  acrossShards: boolean;
  shardZeroHere: boolean;
}): LoopPlace {
  const { answers } = loop;
  if (answers.length === 0)
    return loop.acrossShards || loop.shardZeroHere
      ? { place: 'here', kept: [] }
      : { place: 'elsewhere' };
  const kept = answers.filter((a) => a.where === 'here').map(targetOf);
  if (kept.length > 0) return { place: 'here', kept };
  const pending = answers.filter((a) => a.where === 'at-start').map(targetOf);
  if (pending.length > 0) return { place: 'at-start', pending };
  const missing = answers.find((a) => a.where === 'nowhere');
  return missing ? { place: 'nowhere', missing: targetOf(missing) } : { place: 'elsewhere' };
}

/** The guilds and channels a loop's options name: the guilds first, as they decide first. */
export function targetsOf(spec: OptionsSpec, values: OptionValues<OptionsSpec>): Target[] {
  const targets: Target[] = [];
  for (const [option, s] of Object.entries(spec)) {
    // Users (purge's authors) live on no shard: they filter, they do not place.
    if ((s.kind !== 'target' && s.kind !== 'targets') || s.of === 'user') continue;
    const { of } = s;
    const value = values[option];
    const refs = (Array.isArray(value) ? value : value === undefined ? [] : [value]).map(String);
    targets.push(...refs.map((ref): Target => ({ of, option, ref })));
  }
  const guilds = targets.filter((t) => t.of === 'guild');
  const channels = targets.filter((t) => t.of === 'channel');
  if (guilds.length === 0) return channels;
  // A channel named within a guild goes where that guild is: the guild decides.
  const named = new Set(channels.filter((t) => !isSnowflake(t.ref)).map((t) => t.option));
  return [...guilds, ...channels.filter((t) => !named.has(t.option))];
}

const targetOf = ({ of, option, ref }: Target): Target => ({ of, option, ref });
