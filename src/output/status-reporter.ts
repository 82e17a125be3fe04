import { describeSchedule } from '../schedule/describe.js';
import type { LoopPlan } from '../schedule/schedule.js';
import type { ReportEvent, Reporter } from './events.js';
import { createLiveSink, type Every, type Terminal } from './live-sink.js';
import type { Sink } from './sink.js';
import { type LoopStatus, renderStatus } from './status-area.js';
import type { Style } from './style.js';
import { type TextReporterOptions, textReporter } from './text-reporter.js';

export interface StatusReporterOptions {
  sink: Sink;
  terminal: Terminal;
  style: Style;
  verbosity: TextReporterOptions['verbosity'];
  loops: readonly Pick<LoopPlan, 'name' | 'schedule' | 'count'>[];
  /** Wall-clock epoch ms, for "next in". */
  now: () => number;
  every: Every;
  labels?: TextReporterOptions['labels'];
}

export interface StatusReporter extends Reporter {
  /** Takes the area down for good (it also goes once every loop has ended). */
  close(): void;
}

interface LoopState extends LoopStatus {
  /** Runs started, as far as the events tell: each new `next` means the previous tick fired. */
  started: number;
}

function track(state: LoopState, event: ReportEvent): void {
  switch (event.type) {
    case 'next':
      if (state.nextAt !== undefined) state.started += 1;
      state.nextAt = event.at;
      break;
    case 'skip':
      // A tick that found the previous run still going started nothing.
      if (event.reason === 'overlap') state.started -= 1;
      break;
    case 'run': {
      state.runs += 1;
      // A loop's last run announces no next time; its iteration says it started all the same.
      state.started = Math.max(state.started, event.iteration);
      const durationMs = event.finishedAt - event.startedAt;
      state.last = event.ok
        ? { ok: true, summary: event.text, durationMs }
        : { ok: false, ...event.error, durationMs };
      break;
    }
    case 'end':
      state.ended = true;
      break;
  }
  state.running = !state.ended && state.started > state.runs;
}

function freshState(name: string, schedule: string, count: number | undefined): LoopState {
  return {
    name,
    schedule,
    count,
    runs: 0,
    started: 0,
    running: false,
    nextAt: undefined,
    ended: false,
    last: undefined,
  };
}

/** A reload: added loops appear, changed ones show their new schedule, removed ones go. */
function follow(
  states: Map<string, LoopState>,
  event: Extract<ReportEvent, { type: 'reload'; ok: true }>,
) {
  for (const name of event.removed) states.delete(name);
  for (const { name, schedule, count } of event.loops) {
    const known = states.get(name);
    if (known) Object.assign(known, { schedule, count, ended: false });
    else states.set(name, freshState(name, schedule, count));
  }
}

/**
 * Text output with a live status area below it, for `run` on a terminal: every event goes to
 * the text reporter (through the live sink, which keeps the area under what it writes), and the
 * loops' events update what the area shows.
 *
 * The area appears with the first scheduler event and goes once every loop has ended. Every
 * line written meanwhile, diagnostics included, goes through the live sink and so above it.
 */
export function statusReporter(options: StatusReporterOptions): StatusReporter {
  const { sink, terminal, style, verbosity, now, every } = options;
  const states = new Map<string, LoopState>(
    options.loops.map(({ name, schedule, count }) => [
      name,
      freshState(name, describeSchedule(schedule), count),
    ]),
  );
  const live = createLiveSink({
    sink,
    terminal,
    every,
    render: (width) => renderStatus([...states.values()], now(), width, style),
  });
  const text = textReporter({ sink: live, style, once: false, verbosity, labels: options.labels });
  let phase: 'before' | 'live' | 'closed' = 'before';

  function close() {
    phase = 'closed';
    live.stop();
  }

  return {
    report(event) {
      if (event.type === 'reload' && event.ok) follow(states, event);
      const state = 'loop' in event && event.loop ? states.get(event.loop) : undefined;
      // The state changes first, so the area redrawn under this event's text is already new.
      if (state) track(state, event);
      text.report(event);
      if (!state || phase === 'closed') return;
      if (phase === 'before') {
        phase = 'live';
        live.start();
      } else live.refresh();
      if ([...states.values()].every((s) => s.ended)) close();
    },
    close,
  };
}
