import type { CliContext } from './context.js';

/**
 * SIGINT or SIGTERM asks for a graceful stop; a second one leaves at once with 130, for a run
 * that will not finish. Returns a function that removes the handlers.
 */
export function onStopSignals(
  ctx: CliContext,
  stop: () => void,
  say: (message: string) => void,
): () => void {
  let stopping = false;
  const graceful = (signal: 'SIGINT' | 'SIGTERM') => () => {
    if (stopping) return ctx.exitNow(130);
    stopping = true;
    // Only a terminal's user can press Ctrl-C; a supervisor's SIGTERM gets the plain words.
    const again = signal === 'SIGINT' ? ' (Ctrl-C again to quit at once)' : '';
    say(`Stopping: no new runs; runs in flight may finish${again}…`);
    stop();
  };
  const onInt = graceful('SIGINT');
  const onTerm = graceful('SIGTERM');
  ctx.signals.on('SIGINT', onInt);
  ctx.signals.on('SIGTERM', onTerm);
  return () => {
    ctx.signals.off('SIGINT', onInt);
    ctx.signals.off('SIGTERM', onTerm);
  };
}
