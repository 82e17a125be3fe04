import { DiscloopError } from '../errors.js';
import type { Style } from './style.js';

/**
 * The one place errors become text. A DiscloopError is the user's to fix: message and hint,
 * no stack. Anything else is our bug: the stack, and a request to report it.
 */
export function renderError(error: unknown, style: Style): string {
  if (error instanceof DiscloopError) {
    const hint = error.hint ? `\n  ${style.dim(error.hint)}` : '';
    return `${style.red('✗')} ${error.message}${hint}`;
  }
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
  return `${style.red('✗')} discloop failed unexpectedly. This is a bug; please report it with the lines below.\n${detail}`;
}

export function exitCodeOf(error: unknown): number {
  return error instanceof DiscloopError ? error.exitCode : 1;
}
