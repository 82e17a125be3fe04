import type { LoopSetup } from '../config/plans.js';
import { formatShards, shardOf } from '../connection/shards.js';
import { isSnowflake, placeLoop, type Target, targetsOf, type Where } from './placement-rule.js';

/** A loop and why it lands where it does. */
export interface PlacedLoop {
  loop: string;
  why: string;
}

/** Which loops a process of these shards would run, as far as the config alone says (SPEC §9). */
export interface OfflinePlacement {
  shards: string;
  shardCount: number;
  here: PlacedLoop[];
  elsewhere: PlacedLoop[];
  /** Loops whose guild is named, or whose channel is given: only `run` can look them up. */
  atStart: PlacedLoop[];
}

/**
 * Places the loops by the rule `run` uses, without Discord: a guild id tells its shard; a
 * guild's name or a channel tells nothing until run connects, so that is said, not guessed.
 */
export function placeOffline(setups: readonly LoopSetup[], shards: Shards): OfflinePlacement {
  const local = new Set(shards.ids);
  const where = whereOffline(local, shards.count);
  const words = (targets: readonly Target[]) => describe(targets, shards.count);
  const placement: OfflinePlacement = {
    shards: formatShards(shards.ids),
    shardCount: shards.count,
    here: [],
    elsewhere: [],
    atStart: [],
  };
  for (const { plan, action, options } of setups) {
    const loop = plan.name;
    const targets = targetsOf(action.options, options);
    const acrossShards = action.acrossShards === true;
    const answers = targets.map((t) => ({ ...t, where: where(t) }));
    const place = placeLoop({ answers, acrossShards, shardZeroHere: local.has(0) });
    const unbound = acrossShards
      ? 'in every process, on its own shards'
      : 'bound to nothing: where shard 0 is';
    if (place.place === 'here')
      placement.here.push({ loop, why: targets.length ? words(place.kept) : unbound });
    else if (place.place === 'elsewhere')
      placement.elsewhere.push({ loop, why: targets.length ? words(targets) : unbound });
    else if (place.place === 'at-start') {
      const verb = place.pending.length === 1 ? 'is' : 'are';
      const why = `${words(place.pending)} ${verb} looked up when run connects`;
      placement.atStart.push({ loop, why });
    } else throw new Error(`placement: ${loop} was found nowhere without looking`);
  }
  return placement;
}

interface Shards {
  ids: readonly number[];
  count: number;
}

/** Where a target is, as far as its text tells: a guild id has its shard in it. */
function whereOffline(local: ReadonlySet<number>, count: number) {
  const everyShard = local.size === count;
  return (t: Target): Where => {
    if (everyShard) return 'here'; // whatever it names is on one of them
    if (t.of === 'channel' || !isSnowflake(t.ref)) return 'at-start';
    return local.has(shardOf(t.ref, count)) ? 'here' : 'elsewhere';
  };
}

/** "guild 838860800004194304 on shard 1, guild named "Alpha", channel general". */
function describe(targets: readonly Target[], count: number): string {
  const words = ({ of, ref }: Target) => {
    if (of === 'channel') return `channel ${ref}`;
    return isSnowflake(ref)
      ? `guild ${ref} on shard ${shardOf(ref, count)}`
      : `guild named "${ref}"`;
  };
  return targets.map(words).join(', ');
}
