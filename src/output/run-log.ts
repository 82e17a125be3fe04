import type { ActionLog } from '../actions/types.js';
import type { Reporter } from './events.js';

/** A run's `ctx.log`: its lines among the diagnostics, each naming the loop. */
export function runLog(reporter: Reporter, loop: string): ActionLog {
  return {
    info: (message) => reporter.report({ type: 'info', message: `${loop}: ${message}` }),
    warn: (message) => reporter.report({ type: 'warning', message: `${loop}: ${message}` }),
  };
}
