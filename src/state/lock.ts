import { readFileSync, unlinkSync } from 'node:fs';
import { open, readFile, unlink } from 'node:fs/promises';
import { UsageError } from '../errors.js';

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, it is just not ours to signal.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * One `run` per state file: a lock file beside it holds the owner's pid. A lock whose process
 * is gone (killed -9, a crash, a reboot) is stale and taken over. Returns how to let go of it.
 */
export async function lockStateFile(
  statePath: string,
  onTakeOver: (pid: number) => void,
): Promise<() => Promise<void>> {
  const lockPath = `${statePath}.lock`;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const handle = await open(lockPath, 'wx');
      await handle.writeFile(`${process.pid}\n`);
      await handle.close();
      const release = () => {
        // Only our own lock: a successor may have taken over a stale one meanwhile.
        if (readFileSync(lockPath, 'utf8').trim() === String(process.pid)) unlinkSync(lockPath);
      };
      const onExit = () => {
        try {
          release();
        } catch {}
      };
      process.once('exit', onExit);
      return async () => {
        process.off('exit', onExit);
        onExit();
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const pid = Number.parseInt(await readFile(lockPath, 'utf8').catch(() => ''), 10);
    if (Number.isInteger(pid) && pid !== process.pid && isAlive(pid)) {
      throw new UsageError(
        `Another discloop (pid ${pid}) is running with the state file ${statePath}.`,
        'Stop it first, or give this one a state file of its own with --state <path>.',
      );
    }
    await unlink(lockPath).catch(() => {});
    if (Number.isInteger(pid)) onTakeOver(pid);
  }
  throw new UsageError(`Could not lock the state file ${statePath}.`);
}
