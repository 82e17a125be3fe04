import type { OutputLabels, ReportEvent, Reporter, RunOutcome } from './events.js';
import type { Sink } from './sink.js';
import type { Style } from './style.js';

export interface TextReporterOptions {
  sink: Sink;
  style: Style;
  /** `--once`: print the body alone, no run header. */
  once: boolean;
  verbosity: 'quiet' | 'normal' | 'verbose';
  /** Shown in run headers: `[shards 0-1]` when this process runs only some. */
  labels?: OutputLabels;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
const clockTime = (ms: number) => new Date(ms).toTimeString().slice(0, 8);
const runLabel = (run: RunOutcome) =>
  `${run.loop} #${run.iteration}${run.count === undefined ? '' : `/${run.count}`}`;

/** Results on stdout, each under a header line; diagnostics on stderr. */
export function textReporter({
  sink,
  style,
  once,
  verbosity,
  labels = {},
}: TextReporterOptions): Reporter {
  const shards = () => (labels.shards ? ` [shards ${labels.shards}]` : '');
  const diag = (text: string) => {
    if (verbosity !== 'quiet') sink.err(text);
  };
  return {
    report(event: ReportEvent) {
      switch (event.type) {
        case 'run':
          if (!event.ok) {
            const where = once ? '' : `${clockTime(event.startedAt)} ${runLabel(event)} failed: `;
            const unknown =
              event.outcome === 'unknown'
                ? ' It may have reached Discord before it was cut off.'
                : '';
            sink.err(`${style.red('✗')} ${where}${event.error.message}${unknown}`);
            if (event.error.stack && verbosity === 'verbose')
              sink.err(style.dim(event.error.stack));
          } else {
            if (!once)
              sink.out(
                style.bold(`── ${clockTime(event.startedAt)} ${runLabel(event)}${shards()}`),
              );
            if (event.text) sink.out(event.text);
          }
          return;
        case 'ready': {
          const where = labels.shards
            ? ` on shards ${labels.shards}: ${event.guilds} of ${event.guildsTotal ?? '?'} guilds`
            : ` (${event.guilds} guilds)`;
          diag(`${style.green('✓')} Connected as ${event.user.username}${where}`);
          if (event.loops && verbosity === 'verbose') {
            const { here, elsewhere } = event.loops;
            diag(
              style.dim(
                `Loops here: ${here.join(', ') || 'none'}; elsewhere: ${elsewhere.join(', ') || 'none'}`,
              ),
            );
          }
          return;
        }
        case 'skip': {
          const what = event.ticks === 1 ? 'a run' : `${event.ticks} runs`;
          const why =
            event.reason === 'overlap'
              ? 'the previous run was still going'
              : 'their time passed while the process was busy or paused';
          return diag(`${style.yellow('↷')} ${event.loop}: skipped ${what} (${why})`);
        }
        case 'next':
          return; // for the status area
        case 'end':
          if (once) return;
          if (event.runs === 0) return diag(style.dim(`${event.loop} ended before its first run`));
          return diag(style.dim(`${event.loop} finished after ${plural(event.runs, 'run')}`));
        case 'warning':
          return sink.err(`${style.yellow('!')} ${event.message}`);
        case 'reload': {
          if (!event.ok) {
            const count = plural(event.problems.length, 'problem');
            return sink.err(
              `${style.yellow('!')} The config was not reloaded (${count}); the loops go on as they were:\n${event.text}`,
            );
          }
          const parts = [
            ...(['added', 'changed', 'removed'] as const).flatMap((what) =>
              event[what].length > 0 ? [`${what} ${event[what].join(', ')}`] : [],
            ),
            `${event.unchanged} unchanged`,
          ];
          return diag(`${style.green('↻')} Reloaded the config: ${parts.join('; ')}`);
        }
        case 'rate-limit': {
          const who = event.loop ? `${event.loop}: ` : '';
          const wait = `${(event.retryAfterMs / 1000).toFixed(1)} s`;
          return diag(
            `${style.yellow('⧗')} ${who}Discord rate limit on ${event.route} (${event.scope}): waiting ${wait}`,
          );
        }
        case 'disconnect':
          return diag(
            style.yellow(
              `Gateway disconnected (shard ${event.shard}${event.code ? `, code ${event.code}` : ''}); reconnecting…`,
            ),
          );
        case 'reconnect': {
          const after = `down ${(event.downMs / 1000).toFixed(1)} s, ${plural(event.attempts, 'attempt')}`;
          return diag(
            `${style.green('✓')} Gateway ${event.resumed ? 'resumed' : 'reconnected'} (shard ${event.shard}, ${after})`,
          );
        }
        case 'info':
          if (!event.verbose || verbosity === 'verbose') diag(style.dim(event.message));
          return;
      }
    },
  };
}
