// The processes a benchmark starts: `node` from the repository's root, each with an `exited`
// promise ({code, signal}). Every one still running is killed on the way out, whatever happens
// (an exception, Ctrl-C, SIGTERM), so a failed run leaves nothing behind.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const live = new Set();
const killAll = () => {
  for (const child of live) child.kill('SIGKILL');
};
process.on('exit', killAll);
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    killAll();
    process.exit(130);
  });
}

/** `node …args` from the repository's root. */
export function start(args, options) {
  const child = spawn(process.execPath, args, { cwd: root, ...options });
  live.add(child);
  child.exited = new Promise((resolve) =>
    child.once('exit', (code, signal) => {
      live.delete(child);
      resolve({ code, signal });
    }),
  );
  return child;
}

/** Sends `signal`; after `timeoutMs` without an exit, SIGKILL (the result says `timedOut`). */
export async function stop(child, signal, timeoutMs) {
  if (child.exitCode !== null || child.signalCode !== null) return child.exited;
  child.kill(signal);
  const timer = sleep(timeoutMs, null, { ref: false });
  const exited = await Promise.race([child.exited, timer]);
  if (exited) return exited;
  child.kill('SIGKILL');
  return { ...(await child.exited), timedOut: true };
}
