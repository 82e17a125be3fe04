import { DiscloopError } from '../errors.js';
import type { Style } from './style.js';

/**
 * The one place errors become text. A DiscloopError is the user's to fix: message and hint,
 * no stack. Anything else is our bug: the stack, and a request to report it.
 */
export function renderError(error: unknown, style: Style): string {
  if (error instanceof DiscloopError) return renderFailure(error.message, style, error.hint);
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
  return `${style.red('✗')} discloop failed unexpectedly. This is a bug; please report it with the lines below.\n${detail}`;
}

/** `✗ message`, and the hint under it: how everything the user can fix is said. */
export function renderFailure(message: string, style: Style, hint?: string): string {
  return `${style.red('✗')} ${message}${hint ? `\n  ${style.dim(hint)}` : ''}`;
}

export function exitCodeOf(error: unknown): number {
  return error instanceof DiscloopError ? error.exitCode : 1;
}
