// What the in-process memory experiments share: the emulator in a child process serving a
// world, and the V8 heap after full garbage collections (run node with --expose-gc).
import { setTimeout as sleep } from 'node:timers/promises';
import { start } from '../children.js';

/** The emulator serving `world` (--demo or a world.json); its API URL and token. */
export async function startEmulator(world) {
  const emulator = start(['packages/emulator/bin/discloop-emulator.js', world], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const { apiUrl, token } = await new Promise((resolve) =>
    emulator.stdout.once('data', (chunk) => resolve(JSON.parse(chunk))),
  );
  return { apiUrl, token, stop: () => emulator.kill('SIGTERM') };
}

/** V8 heap in use after three full collections, in MiB. */
export async function heapAfterGc() {
  if (typeof globalThis.gc !== 'function') throw new Error('run with node --expose-gc');
  for (let i = 0; i < 3; i++) {
    globalThis.gc();
    await sleep(50);
  }
  return process.memoryUsage().heapUsed / 2 ** 20;
}
