import { loopIntents } from '../actions/intents.js';
import type { LoopSetup } from '../config/plans.js';
import { describeCache } from '../connection/guild-cache.js';
import { type IntentName, unionIntents } from '../connection/intents.js';
import type { IntentSources } from '../connection/login-errors.js';
import type { Connect, ConnectionEvent, DiscordSession } from '../connection/session.js';
import type { ShardRequest } from '../connection/shards.js';
import type { Reporter } from '../output/events.js';

/**
 * The run's connection to Discord, opened with the intents its loops need. A reload whose loops
 * need other intents gets a new session (one reconnect, reported); runs use whichever session
 * is current when they start.
 */
export function holdSession(deps: {
  connect: Connect;
  endpoint: string;
  reporter: Reporter;
  onEvent: (event: ConnectionEvent) => void;
  signal: AbortSignal;
  shards?: ShardRequest;
}) {
  let session: DiscordSession | undefined;
  let intents: IntentName[] = [];

  async function open(setups: readonly LoopSetup[]): Promise<DiscordSession> {
    intents = intentsOf(setups);
    deps.reporter.report({
      type: 'info',
      message: `Connecting to ${deps.endpoint} (intents: ${intents.join(', ') || 'none'})`,
    });
    deps.reporter.report({ type: 'info', verbose: true, message: describeCache(intents) });
    return deps.connect({
      intents,
      intentSources: sourcesOf(setups),
      onEvent: deps.onEvent,
      signal: deps.signal,
      ...(deps.shards ? { shards: deps.shards } : {}),
    });
  }

  return {
    /** The first session; rejects with `stopped` if the user stops before it is ready. */
    async start(setups: readonly LoopSetup[]): Promise<DiscordSession> {
      session = await open(setups);
      return session;
    },
    current(): DiscordSession {
      if (!session) throw new Error('no session yet');
      return session;
    },
    /** Reconnects if `setups` need other intents than the session has; says whether it did. */
    async fitIntents(setups: readonly LoopSetup[]): Promise<boolean> {
      const wanted = intentsOf(setups);
      if (wanted.join() === intents.join()) return false;
      deps.reporter.report({
        type: 'info',
        message: `The loops now need intents ${wanted.join(', ') || 'none'} (were ${intents.join(', ') || 'none'}): reconnecting.`,
      });
      const next = await open(setups);
      const old = session;
      session = next;
      await old?.close();
      return true;
    },
    close: () => session?.close(),
  };
}

const intentsOf = (setups: readonly LoopSetup[]) =>
  unionIntents(setups.map((s) => loopIntents(s.action, s.options)));

function sourcesOf(setups: readonly LoopSetup[]): IntentSources {
  const sources: IntentSources = {};
  for (const { plan, action, options } of setups) {
    for (const intent of loopIntents(action, options))
      sources[intent] = [...(sources[intent] ?? []), plan.name];
  }
  return sources;
}
