import type { CliContext } from './context.js';

/**
 * SIGINT or SIGTERM asks for a graceful stop; a second one leaves at once with 130, for a run
 * that will not finish. A stop forwarded by a `--processes` parent is graceful and never counts
 * as that second signal: the same Ctrl-C reaches the child directly too, in either order.
 * Returns a function that removes the handlers.
 */
export function onStopSignals(
  ctx: CliContext,
  stop: () => void,
  say: (message: string) => void,
): () => void {
  let signalled = false;
  let stopping = false;
  const stopOnce = (again: string) => {
    if (stopping) return;
    stopping = true;
    say(`Stopping: no new runs; runs in flight may finish${again}…`);
    stop();
  };
  const graceful = (signal: 'SIGINT' | 'SIGTERM') => () => {
    if (signalled) return ctx.exitNow(130);
    signalled = true;
    // Only a terminal's user can press Ctrl-C; a supervisor's SIGTERM gets the plain words.
    stopOnce(signal === 'SIGINT' ? ' (Ctrl-C again to quit at once)' : '');
  };
  const onInt = graceful('SIGINT');
  const onTerm = graceful('SIGTERM');
  ctx.signals.on('SIGINT', onInt);
  ctx.signals.on('SIGTERM', onTerm);
  const removeParentStop = ctx.parent?.onStop(() => stopOnce(''));
  return () => {
    ctx.signals.off('SIGINT', onInt);
    ctx.signals.off('SIGTERM', onTerm);
    removeParentStop?.();
  };
}
