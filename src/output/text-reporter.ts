import type { ReportEvent, Reporter, RunOutcome } from './events.js';
import type { Sink } from './sink.js';
import type { Style } from './style.js';

export interface TextReporterOptions {
  sink: Sink;
  style: Style;
  /** `--once`: print the body alone, no run header. */
  once: boolean;
  verbosity: 'quiet' | 'normal' | 'verbose';
}

const clockTime = (ms: number) => new Date(ms).toTimeString().slice(0, 8);
const runLabel = (run: RunOutcome) =>
  `${run.loop} #${run.iteration}${run.count === undefined ? '' : `/${run.count}`}`;

/** Results on stdout, each under a header line; diagnostics on stderr. */
export function textReporter({ sink, style, once, verbosity }: TextReporterOptions): Reporter {
  const diag = (text: string) => {
    if (verbosity !== 'quiet') sink.err(text);
  };
  return {
    report(event: ReportEvent) {
      switch (event.type) {
        case 'run':
          if (!event.ok) {
            const where = once ? '' : `${clockTime(event.startedAt)} ${runLabel(event)} failed: `;
            sink.err(`${style.red('✗')} ${where}${event.error.message}`);
            if (event.error.stack && verbosity === 'verbose')
              sink.err(style.dim(event.error.stack));
          } else {
            if (!once) sink.out(style.bold(`── ${clockTime(event.startedAt)} ${runLabel(event)}`));
            if (event.text) sink.out(event.text);
          }
          return;
        case 'ready':
          return diag(
            `${style.green('✓')} Connected as ${event.user.username} (${event.guilds} guilds)`,
          );
        case 'skip': {
          const why =
            event.reason === 'overlap'
              ? 'the previous run was still going'
              : `${event.ticks} tick(s) missed`;
          return diag(`${style.yellow('↷')} ${event.loop}: skipped a run (${why})`);
        }
        case 'next':
          return; // for the status area
        case 'end':
          if (!once) diag(style.dim(`${event.loop} finished after ${event.runs} run(s)`));
          return;
        case 'warning':
          return sink.err(`${style.yellow('!')} ${event.message}`);
        case 'disconnect':
          return diag(
            style.yellow(
              `Gateway disconnected (shard ${event.shard}${event.code ? `, code ${event.code}` : ''}); reconnecting…`,
            ),
          );
        case 'reconnect':
          return diag(
            `${style.green('✓')} Gateway ${event.resumed ? 'resumed' : 'reconnected'} (shard ${event.shard})`,
          );
        case 'info':
          if (!event.verbose || verbosity === 'verbose') diag(style.dim(event.message));
          return;
      }
    },
  };
}
