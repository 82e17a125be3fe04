import { loopIntents } from '../actions/intents.js';
import type { LoopSetup } from '../config/plans.js';
import { cachePlan, describeCachePlan } from '../connection/cache-plan.js';
import { unionIntents } from '../connection/intents.js';
import type { IntentSources } from '../connection/login-errors.js';
import type { Connect, ConnectionEvent, DiscordSession } from '../connection/session.js';
import type { Reporter } from '../output/events.js';
import type { Clock } from '../schedule/clock.js';
import { createLoopSet, type LoopSet } from './loop-set.js';
import { toReportEvent } from './report-events.js';

export interface RunLoopsInputs {
  setups: LoopSetup[];
  /** `--once`: a single ad hoc run; its failure fails the command (exit 1). */
  once: boolean;
  /** Opens the connection; the token and endpoint are bound by the caller. */
  connect: Connect;
  /** Where the connection goes, in words, for "Connecting to …" (never the token). */
  endpoint: string;
  clock: Clock;
  reporter: Reporter;
  /** Calls `stop` when the user asks to stop (SIGINT / SIGTERM); returns an unsubscribe. */
  onStopRequest: (stop: () => void) => () => void;
}

/** A run that is due while the gateway reconnects waits this long for it, to read a fresh cache. */
const SETTLE_TIMEOUT_MS = 5000;

/**
 * Connects with the intents the loops need, waits until Discord has sent every guild, then
 * runs the loops until they have all ended or a stop is asked for. Returns the exit code.
 */
export async function runLoops(inputs: RunLoopsInputs): Promise<number> {
  const { setups, reporter } = inputs;
  const intents = unionIntents(setups.map((s) => loopIntents(s.action, s.options)));
  reporter.report({
    type: 'info',
    message: `Connecting to ${inputs.endpoint} (intents: ${intents.join(', ') || 'none'})`,
  });
  const caches = cachePlan(intents);
  reporter.report({ type: 'info', verbose: true, message: describeCachePlan(caches) });

  let fatal: Error | undefined;
  let loops: LoopSet | undefined;
  const onEvent = (event: ConnectionEvent) => {
    if (event.type === 'fatal') {
      fatal = event.error;
      void loops?.stop();
    } else if (event.type === 'debug')
      reporter.report({ type: 'info', message: event.message, verbose: true });
    else reporter.report(event);
  };
  const session = await inputs.connect({
    intents,
    caches,
    intentSources: sourcesOf(setups),
    onEvent,
  });
  try {
    reporter.report({ type: 'ready', user: session.user, guilds: session.guildCount });
    loops = startLoopSet(inputs, session);
    const removeStopRequest = inputs.onStopRequest(() => void loops?.stop());
    try {
      await loops.done;
    } finally {
      removeStopRequest();
    }
    if (fatal) throw fatal;
    return loops.failed && inputs.once ? 1 : 0;
  } finally {
    await session.close();
  }
}

/** The loop set, each run reading and acting through the session's port. */
function startLoopSet(
  { setups, clock, reporter }: RunLoopsInputs,
  session: DiscordSession,
): LoopSet {
  const loops = createLoopSet({
    clock,
    emit: (event, setup) => reporter.report(toReportEvent(event, setup)),
    run: async ({ plan, action, options, timezone }, { iteration }, state) => {
      await session.settled(SETTLE_TIMEOUT_MS);
      const loop = { name: plan.name, iteration };
      return action.run({ discord: session.port, loop, now: Date.now(), timezone, state }, options);
    },
  });
  loops.add(...setups);
  return loops;
}

function sourcesOf(setups: LoopSetup[]): IntentSources {
  const sources: IntentSources = {};
  for (const { plan, action, options } of setups) {
    for (const intent of loopIntents(action, options))
      sources[intent] = [...(sources[intent] ?? []), plan.name];
  }
  return sources;
}
