import type { OptionsSpec, OptionValues } from '../actions/options.js';
import type { LoopSetup } from '../config/plans.js';
import type { DiscordSession } from '../connection/session.js';
import { shardOf } from '../connection/shards.js';

/** Which loops run in this process, when it runs only some of the bot's shards (SPEC §9). */
export interface Placement {
  /** Loops to run here, their guild and channel options narrowed to local ones. */
  here: LoopSetup[];
  /** Loops another process runs. */
  elsewhere: string[];
  /** Loops whose guild or channel exists nowhere the bot is: they fail, with why. */
  unresolved: { loop: string; message: string }[];
}

/** A guild or channel option's values, by option name. */
interface Targets {
  guilds: { option: string; refs: string[] }[];
  channels: { option: string; refs: string[] }[];
}

/**
 * Places each loop by Discord's own rule, so each slot runs in exactly one process: a loop
 * bound to guilds or channels runs where their shards are, acting on the local ones only; a
 * loop that works across shards (list-voice, guilds, set-presence…) runs everywhere on what is
 * local; a loop bound to nothing runs where shard 0 is.
 */
export async function placeLoops(
  setups: readonly LoopSetup[],
  session: DiscordSession,
): Promise<Placement> {
  const local = new Set(session.shardIds);
  const isLocal = (guildId: string) => local.has(shardOf(guildId, session.shardCount));
  const port = session.portFor({
    loop: '',
    signal: new AbortController().signal,
    effects: { sent: false },
    heldMs: 0,
  });
  const localGuilds = port.guilds();
  const localChannels = port.channels();
  let everyGuild: Promise<{ id: string; name: string }[]> | undefined;
  const guildsEverywhere = () => {
    everyGuild ??= session.lookup.guilds();
    return everyGuild;
  };

  /** Is a guild ref local (true), elsewhere (false), or nowhere (undefined)? */
  async function guildIsLocal(ref: string): Promise<boolean | undefined> {
    if (localGuilds.some((g) => g.id === ref || g.name === ref)) return true;
    const found = (await guildsEverywhere()).find((g) => g.id === ref || g.name === ref);
    return found ? isLocal(found.id) : undefined;
  }
  async function channelIsLocal(ref: string): Promise<boolean | undefined> {
    const name = ref.replace(/^#/, '');
    if (localChannels.some((c) => c.id === ref || c.name === name)) return true;
    if (!/^\d{16,20}$/.test(ref)) return false; // a name not here: another process's
    const guildId = await session.lookup.channelGuild(ref);
    return guildId === undefined ? undefined : isLocal(guildId);
  }

  const placement: Placement = { here: [], elsewhere: [], unresolved: [] };
  for (const setup of setups) {
    const { name } = setup.plan;
    const targets = targetsOf(setup.action.options, setup.options);
    if (targets.guilds.length === 0 && targets.channels.length === 0) {
      const here = setup.action.acrossShards === true || local.has(0);
      (here ? placement.here : placement.elsewhere).push(...((here ? [setup] : [name]) as never[]));
      continue;
    }
    const options: OptionValues<OptionsSpec> = { ...setup.options };
    let anyHere = false;
    let missing: string | undefined;
    for (const [kind, list, check] of [
      ['guild', targets.guilds, guildIsLocal],
      ['channel', targets.channels, channelIsLocal],
    ] as const) {
      for (const { option, refs } of list) {
        const kept: string[] = [];
        for (const ref of refs) {
          const where = await check(ref);
          if (where === undefined) missing ??= `no ${kind} "${ref}" in any guild of the bot`;
          if (where) kept.push(ref);
        }
        if (kept.length > 0) anyHere = true;
        options[option] = Array.isArray(setup.options[option]) ? kept : kept[0];
      }
    }
    if (missing && !anyHere) placement.unresolved.push({ loop: name, message: missing });
    else if (anyHere) placement.here.push({ ...setup, options });
    else placement.elsewhere.push(name);
  }
  return placement;
}

/** The guild and channel references a loop's options make. */
function targetsOf(spec: OptionsSpec, values: OptionValues<OptionsSpec>): Targets {
  const targets: Targets = { guilds: [], channels: [] };
  for (const [option, s] of Object.entries(spec)) {
    if (s.kind !== 'target' && s.kind !== 'targets') continue;
    const value = values[option];
    const refs = (Array.isArray(value) ? value : value === undefined ? [] : [value]).map(String);
    if (refs.length === 0) continue;
    (s.of === 'guild' ? targets.guilds : targets.channels).push({ option, refs });
  }
  // A channel named within a guild goes where that guild is: the guild decides.
  if (targets.guilds.length > 0 && targets.channels.length > 0)
    targets.channels = targets.channels.filter(({ refs }) =>
      refs.every((r) => /^\d{16,20}$/.test(r)),
    );
  return targets;
}
