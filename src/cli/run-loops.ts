import { loopIntents } from '../actions/intents.js';
import type { LoopSetup } from '../config/plans.js';
import { cachePlan, describeCachePlan } from '../connection/cache-plan.js';
import { unionIntents } from '../connection/intents.js';
import type { IntentSources } from '../connection/login-errors.js';
import type { ConnectionEvent, DiscordSession } from '../discord/connect.js';
import { describeRunError } from '../output/describe-run-error.js';
import type { ReportEvent, Reporter } from '../output/events.js';
import { jsonReporter } from '../output/json-reporter.js';
import { isTerminal, unrefEvery } from '../output/live-sink.js';
import { statusReporter } from '../output/status-reporter.js';
import { colorWanted, styleFor } from '../output/style.js';
import { textReporter } from '../output/text-reporter.js';
import type { LoopEvent } from '../schedule/loop-runner.js';
import { startLoops } from '../schedule/loops.js';
import { createSystemClock } from '../schedule/system-clock.js';
import { type ConnectionFlags, verbosityOf } from './connection-options.js';
import type { CliContext } from './context.js';
import { onStopSignals } from './signals.js';
import { resolveTarget } from './target.js';

export interface RunLoopsOptions {
  setups: LoopSetup[];
  flags: ConnectionFlags;
  /** `--once`: a single ad hoc run, printed without a header; its failure fails the command. */
  once: boolean;
  configToken?: string;
  /** The config's warnings, reported like any other (NDJSON lines with --json). */
  warnings?: string[];
}

/** A run that is due while the gateway reconnects waits this long for it, to read a fresh cache. */
const SETTLE_TIMEOUT_MS = 5000;

/**
 * Connects, waits until Discord has sent every guild, then runs the loops until they are all
 * done or a signal stops them. Returns the exit code.
 */
export async function runLoops(
  { setups, flags, once, configToken, warnings = [] }: RunLoopsOptions,
  ctx: CliContext,
): Promise<number> {
  const reporter = createReporter(flags, once, ctx, setups);
  for (const message of warnings) reporter.report({ type: 'warning', message });
  const target = await resolveTarget(flags, configToken, ctx);
  ctx.sink.hide(target.token);
  const intents = unionIntents(setups.map((s) => loopIntents(s.action, s.options)));
  reporter.report({
    type: 'info',
    message: `Connecting to ${target.label} (intents: ${intents.join(', ') || 'none'})`,
  });
  const caches = cachePlan(intents);
  reporter.report({ type: 'info', verbose: true, message: describeCachePlan(caches) });

  let fatal: Error | undefined;
  let stopAll = () => {};
  const onEvent = (event: ConnectionEvent) => {
    if (event.type === 'fatal') {
      fatal = event.error;
      stopAll();
    } else if (event.type === 'debug')
      reporter.report({ type: 'info', message: event.message, verbose: true });
    else reporter.report(event);
  };
  try {
    const { connect } = await import('../discord/connect.js');
    const session = await connect({
      token: target.token,
      apiUrl: target.apiUrl,
      intents,
      caches,
      intentSources: sourcesOf(setups),
      onEvent,
    });
    try {
      reporter.report({ type: 'ready', user: session.user, guilds: session.guildCount });
      const failed = await schedule(setups, session, reporter, ctx, (stop) => {
        stopAll = stop;
      });
      if (fatal) throw fatal;
      return failed && once ? 1 : 0;
    } finally {
      await session.close();
    }
  } finally {
    await target.close();
  }
}

async function schedule(
  setups: LoopSetup[],
  session: DiscordSession,
  reporter: Reporter,
  ctx: CliContext,
  exposeStop: (stop: () => void) => void,
): Promise<boolean> {
  let failed = false;
  const byName = new Map(setups.map((setup) => [setup.plan.name, setup]));
  const loops = startLoops(
    setups.map(({ plan, action, options, timezone }) => {
      const state = {};
      return {
        plan,
        task: async ({ iteration }) => {
          await session.settled(SETTLE_TIMEOUT_MS);
          const loop = { name: plan.name, iteration };
          return action.run(
            { discord: session.port, loop, now: Date.now(), timezone, state },
            options,
          );
        },
      };
    }),
    {
      clock: createSystemClock(),
      emit: (event) => {
        if (event.type === 'run' && !event.ok) failed = true;
        reporter.report(toReportEvent(event, byName));
      },
    },
  );
  exposeStop(() => void loops.stop());
  const removeSignals = onStopSignals(
    ctx,
    () => void loops.stop(),
    (message) => reporter.report({ type: 'info', message }),
  );
  try {
    await loops.done;
  } finally {
    removeSignals();
  }
  return failed;
}

function toReportEvent(event: LoopEvent, setups: Map<string, LoopSetup>): ReportEvent {
  if (event.type !== 'run') return event;
  const setup = setups.get(event.run.loop);
  const base = { ...event.run, action: setup?.action.name ?? '', count: setup?.plan.count };
  if (!event.ok) return { type: 'run', ...base, ok: false, error: describeRunError(event.error) };
  return {
    type: 'run',
    ...base,
    ok: true,
    data: event.value,
    text: setup?.action.renderText(event.value) ?? '',
  };
}

function sourcesOf(setups: LoopSetup[]): IntentSources {
  const sources: IntentSources = {};
  for (const { plan, action, options } of setups) {
    for (const intent of loopIntents(action, options))
      sources[intent] = [...(sources[intent] ?? []), plan.name];
  }
  return sources;
}

/** NDJSON for --json; text otherwise, with a live status area when `run` writes to a terminal. */
function createReporter(
  flags: ConnectionFlags,
  once: boolean,
  ctx: CliContext,
  setups: LoopSetup[],
): Reporter {
  const verbosity = verbosityOf(flags);
  if (flags.json) return jsonReporter({ sink: ctx.sink, now: Date.now, once, verbosity });
  const style = styleFor(colorWanted(ctx.stdout, flags.color, ctx.env));
  if (!once && isTerminal(ctx.stdout)) {
    return statusReporter({
      sink: ctx.sink,
      terminal: ctx.stdout,
      style,
      verbosity,
      loops: setups.map((setup) => setup.plan),
      now: Date.now,
      every: unrefEvery,
    });
  }
  return textReporter({ sink: ctx.sink, style, once, verbosity });
}
