import type { OptionsSpec, OptionValues } from '../actions/options.js';
import type { LoopSetup } from '../config/plans.js';
import type { DiscordSession } from '../connection/session.js';
import { shardOf } from '../connection/shards.js';
import {
  type Answer,
  isSnowflake,
  placeLoop,
  type Target,
  targetsOf,
  type Where,
} from './placement-rule.js';

/** Which loops run in this process, when it runs only some of the bot's shards (SPEC §9). */
export interface Placement {
  /** Loops to run here, their guild and channel options narrowed to local ones. */
  here: LoopSetup[];
  /** Loops another process runs. */
  elsewhere: string[];
  /** Loops whose guild or channel exists nowhere the bot is: they fail, with why. */
  unresolved: { loop: string; message: string }[];
}

/**
 * Places each loop by Discord's own rule (placement-rule.ts), asking the session where each
 * guild and channel is. A placed loop's guild and channel options keep only the local ones.
 */
export async function placeLoops(
  setups: readonly LoopSetup[],
  session: DiscordSession,
): Promise<Placement> {
  const local = new Set(session.shardIds);
  const where = whereInSession(session, local);
  const placement: Placement = { here: [], elsewhere: [], unresolved: [] };
  for (const setup of setups) {
    const { name } = setup.plan;
    const targets = targetsOf(setup.action.options, setup.options);
    const answers: Answer[] = [];
    for (const target of targets) answers.push({ ...target, where: await where(target) });
    const place = placeLoop({
      answers,
      acrossShards: setup.action.acrossShards === true,
      shardZeroHere: local.has(0),
    });
    if (place.place === 'here') placement.here.push(narrowed(setup, targets, place.kept));
    else if (place.place === 'elsewhere') placement.elsewhere.push(name);
    else if (place.place === 'nowhere') {
      const { of, ref } = place.missing;
      placement.unresolved.push({
        loop: name,
        message: `no ${of} "${ref}" in any guild of the bot`,
      });
    } else throw new Error(`placement: ${name} was left to decide at start, which is now`);
  }
  return placement;
}

/** Where a guild or channel is, from what the session holds and, failing that, asks. */
function whereInSession(session: DiscordSession, local: ReadonlySet<number>) {
  const on = (guildId: string): Where =>
    local.has(shardOf(guildId, session.shardCount)) ? 'here' : 'elsewhere';
  const port = session.portFor({
    loop: '',
    signal: new AbortController().signal,
    effects: { sent: false },
    heldMs: 0,
  });
  const localGuilds = port.guilds();
  const localChannels = port.channels();
  let everyGuild: Promise<{ id: string; name: string }[]> | undefined;

  async function guild(ref: string): Promise<Where> {
    if (localGuilds.some((g) => g.id === ref || g.name === ref)) return 'here';
    everyGuild ??= session.lookup.guilds();
    const found = (await everyGuild).find((g) => g.id === ref || g.name === ref);
    return found ? on(found.id) : 'nowhere';
  }
  async function channel(ref: string): Promise<Where> {
    const name = ref.replace(/^#/, '');
    if (localChannels.some((c) => c.id === ref || c.name === name)) return 'here';
    if (!isSnowflake(ref)) return 'elsewhere'; // a name not here: another process's
    const guildId = await session.lookup.channelGuild(ref);
    return guildId === undefined ? 'nowhere' : on(guildId);
  }
  return (target: Target) => (target.of === 'guild' ? guild(target.ref) : channel(target.ref));
}

/** The setup with its guild and channel options narrowed to the targets kept here. */
function narrowed(
  setup: LoopSetup,
  targets: readonly Target[],
  kept: readonly Target[],
): LoopSetup {
  if (targets.length === 0) return setup;
  const options: OptionValues<OptionsSpec> = { ...setup.options };
  for (const { option } of targets) {
    const refs = kept.filter((t) => t.option === option).map((t) => t.ref);
    options[option] = Array.isArray(setup.options[option]) ? refs : refs[0];
  }
  return { ...setup, options };
}
