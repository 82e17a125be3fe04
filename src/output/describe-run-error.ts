import { DiscloopError } from '../errors.js';

/**
 * What a failed run reports: a stable `code` for scripts and a message for people. An error of
 * discloop's family is the user's to act on; anything else thrown by a run is a bug in an action
 * (`internal`), reported with its stack so it can be found (shown under -v).
 */
export interface RunError {
  code: string;
  message: string;
  stack?: string;
}

export function describeRunError(error: unknown): RunError {
  if (error instanceof DiscloopError) return { code: error.code, message: error.message };
  if (!(error instanceof Error)) return { code: 'internal', message: String(error) };
  return {
    code: 'internal',
    message: `${error.name}: ${error.message}`,
    ...(error.stack ? { stack: error.stack } : {}),
  };
}
