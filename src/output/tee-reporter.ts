import type { Reporter } from './events.js';

/** One event stream to several reporters, in order: the printed output, then the monitor. */
export function teeReporter(...reporters: Reporter[]): Reporter {
  return {
    report(event) {
      for (const reporter of reporters) reporter.report(event);
    },
  };
}
