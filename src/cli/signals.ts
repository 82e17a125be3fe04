import type { CliContext } from './context.js';

/**
 * SIGINT or SIGTERM asks for a graceful stop; a second SIGINT leaves at once with 130, for a
 * run that will not finish. Returns a function that removes the handlers.
 */
export function onStopSignals(
  ctx: CliContext,
  stop: () => void,
  say: (message: string) => void,
): () => void {
  let stopping = false;
  const graceful = () => {
    if (stopping) return ctx.exitNow(130);
    stopping = true;
    say('Stopping after the running loops finish (Ctrl-C again to quit at once)…');
    stop();
  };
  ctx.signals.on('SIGINT', graceful);
  ctx.signals.on('SIGTERM', graceful);
  return () => {
    ctx.signals.off('SIGINT', graceful);
    ctx.signals.off('SIGTERM', graceful);
  };
}
