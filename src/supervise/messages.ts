/**
 * What `run --processes` and its children say to each other over the IPC channel node:cluster
 * opens. Signals are forwarded as messages rather than re-sent as signals: a terminal's Ctrl-C
 * already reaches every child (they share its process group), and the parent's forwarded stop
 * must not count as the second Ctrl-C that quits at once.
 */
export type ToChild = { discloop: 'stop' } | { discloop: 'reload' };

export type ToParent =
  /** The child listens: messages sent before this one would have been lost. */
  | { discloop: 'hello' }
  /** How many loops run on the child's shards (after it connected, and after each reload). */
  | { discloop: 'loops'; count: number };

const kindOf = (message: unknown) =>
  typeof message === 'object' && message !== null && 'discloop' in message
    ? (message as { discloop: unknown }).discloop
    : undefined;

export function isToChild(message: unknown): message is ToChild {
  const kind = kindOf(message);
  return kind === 'stop' || kind === 'reload';
}

export function isToParent(message: unknown): message is ToParent {
  const kind = kindOf(message);
  return (
    kind === 'hello' ||
    (kind === 'loops' && typeof (message as { count?: unknown }).count === 'number')
  );
}
