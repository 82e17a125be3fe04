import type { StatusJson } from '../service/monitor-state.js';

/**
 * What `run --processes` and its children say to each other over the IPC channel node:cluster
 * opens. Signals are forwarded as messages rather than re-sent as signals: a terminal's Ctrl-C
 * already reaches every child (they share its process group), and the parent's forwarded stop
 * must not count as the second Ctrl-C that quits at once. With --metrics, the parent asks each
 * child for its status here; prom-client's cluster support asks for metrics on the same channel.
 */
export type ToChild =
  | { discloop: 'stop' }
  | { discloop: 'reload' }
  /** `/status`, `/healthz` or `/readyz` was asked of the parent: what does this child say? */
  | { discloop: 'status'; id: number };

export type ToParent =
  /** The child listens: messages sent before this one would have been lost. */
  | { discloop: 'hello' }
  /** How many loops run on the child's shards (after it connected, and after each reload). */
  | { discloop: 'loops'; count: number }
  /** The answer to a status request; null from a child that keeps no status (not yet). */
  | { discloop: 'status'; id: number; status: StatusJson | null }
  /** The child answers prom-client's metrics requests from now on. */
  | { discloop: 'metrics' };

/** Set in a child's environment when the parent serves --metrics for it: it keeps them for the parent. */
export const METRICS_TO_PARENT = 'DISCLOOP_METRICS_TO_PARENT';

const kindOf = (message: unknown) =>
  typeof message === 'object' && message !== null && 'discloop' in message
    ? (message as { discloop: unknown }).discloop
    : undefined;

const hasNumber = (message: unknown, key: string) =>
  typeof (message as Record<string, unknown>)[key] === 'number';

export function isToChild(message: unknown): message is ToChild {
  const kind = kindOf(message);
  return kind === 'stop' || kind === 'reload' || (kind === 'status' && hasNumber(message, 'id'));
}

export function isToParent(message: unknown): message is ToParent {
  const kind = kindOf(message);
  return (
    kind === 'hello' ||
    kind === 'metrics' ||
    (kind === 'loops' && hasNumber(message, 'count')) ||
    (kind === 'status' &&
      hasNumber(message, 'id') &&
      typeof (message as { status?: unknown }).status === 'object')
  );
}
