import type { RunError } from './describe-run-error.js';
import type { OutputLabels, ReportEvent, Reporter } from './events.js';
import type { Sink } from './sink.js';

export interface JsonReporterOptions {
  sink: Sink;
  now: () => number;
  /** `--once`: only the single run object goes to stdout. */
  once: boolean;
  verbosity: 'quiet' | 'normal' | 'verbose';
  /** Added to every line: `shards` when this process runs only some (SPEC §9). */
  labels?: OutputLabels;
}

const iso = (ms: number) => new Date(ms).toISOString();

/** A bug's stack is for whoever debugs it: only under -v. */
const errorOf = ({ stack, ...error }: RunError, verbose: boolean) =>
  verbose && stack ? { ...error, stack } : error;

/** The NDJSON shape of SPEC §5: one object per line, each with `type` and `at`. */
export function toJson(
  event: Exclude<ReportEvent, { type: 'info' }>,
  at: number,
  verbose = false,
): Record<string, unknown> {
  const head = { type: event.type, at: iso(at) };
  switch (event.type) {
    case 'run': {
      const { loop, action, iteration, scheduledAt, startedAt, finishedAt, attempts } = event;
      const times = {
        scheduledAt: iso(scheduledAt),
        startedAt: iso(startedAt),
        durationMs: finishedAt - startedAt,
      };
      const result = event.ok
        ? { ok: true, data: event.data }
        : {
            ok: false,
            ...(event.outcome ? { outcome: event.outcome } : {}),
            error: errorOf(event.error, verbose),
          };
      const catchUp = event.catchUp ? { catchUp: true } : {};
      return { ...head, loop, action, iteration, ...times, attempts, ...catchUp, ...result };
    }
    case 'skip':
      return {
        ...head,
        loop: event.loop,
        tick: event.tick,
        scheduledAt: iso(event.scheduledAt),
        reason: event.reason,
        ticks: event.ticks,
      };
    case 'reload': {
      // The problems rendered for people are for the text output.
      const { type: _type, ...rest } = event;
      if ('text' in rest) delete (rest as { text?: string }).text;
      return { ...head, ...rest };
    }
    default: {
      const { type: _type, ...rest } = event;
      return { ...head, ...rest };
    }
  }
}

export function jsonReporter({
  sink,
  now,
  once,
  verbosity,
  labels = {},
}: JsonReporterOptions): Reporter {
  return {
    report(event) {
      // When the next run is due feeds the TTY status area; it is not one of SPEC §5's lines.
      if (event.type === 'next') return;
      if (event.type === 'info') {
        if (verbosity === 'verbose' || (verbosity === 'normal' && !event.verbose))
          sink.err(event.message);
        return;
      }
      if (once && event.type !== 'run') {
        // `--once --json` prints the single run object; a warning still reaches stderr.
        if (event.type === 'warning') sink.err(event.message);
        return;
      }
      sink.out(JSON.stringify({ ...toJson(event, now(), verbosity === 'verbose'), ...labels }));
    },
  };
}
