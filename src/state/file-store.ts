import { closeSync, fsyncSync, openSync, renameSync, writeSync } from 'node:fs';
import { copyFile, mkdir, open, readFile, rename } from 'node:fs/promises';
import path from 'node:path';
import { UsageError } from '../errors.js';
import { parseState, type StateData, StateFormatError, serializeState } from './format.js';
import { lockStateFile } from './lock.js';
import type { StateStore } from './store.js';

export interface OpenStateOptions {
  /** Ignore what is stored (the file is overwritten at the first save). */
  fresh: boolean;
  /** Said when a stale lock of a process that is gone is taken over. */
  onNotice: (message: string) => void;
  now?: () => number;
}

/**
 * The state file: locked for this process, read once, written behind after each save —
 * atomically (temp file, fsync, rename), so a kill at any moment leaves the old file or the new
 * one, never half of one. A file that cannot be read as state is kept aside and refused.
 */
export async function openStateFile(
  statePath: string,
  options: OpenStateOptions,
): Promise<StateStore> {
  await mkdir(path.dirname(statePath), { recursive: true });
  const release = await lockStateFile(statePath, (pid) =>
    options.onNotice(`Took over the lock of ${statePath} from pid ${pid}, which is gone.`),
  );
  let loops: StateData;
  try {
    loops = options.fresh ? {} : await readState(statePath, options.now ?? Date.now);
  } catch (error) {
    await release();
    throw error;
  }
  const writer = writeBehind(
    statePath,
    () => serializeState(loops),
    (error) =>
      options.onNotice(
        `Could not write the state file ${statePath}: ${error.message}. Will try again at the next save.`,
      ),
  );
  return {
    path: statePath,
    get: (loop) => loops[loop],
    save(loop, record) {
      loops[loop] = record;
      writer.schedule();
    },
    flush: () => writer.flush(),
    async close() {
      await writer.flush();
      writer.close();
      await release();
    },
  };
}

async function readState(statePath: string, now: () => number): Promise<StateData> {
  let text: string;
  try {
    text = await readFile(statePath, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw error;
  }
  try {
    return parseState(text);
  } catch (error) {
    if (!(error instanceof StateFormatError)) throw error;
    const aside = `${statePath}.corrupt-${new Date(now()).toISOString().replace(/[:.]/g, '-')}`;
    await copyFile(statePath, aside);
    throw new UsageError(
      `The state file ${statePath} cannot be read: ${error.message}. A copy is kept as ${aside}.`,
      'Start afresh with --fresh (the loops forget their runs and state), or restore the file.',
    );
  }
}

/** How long after a save the file is written: saves meanwhile join that write. */
const WRITE_DELAY_MS = 100;

/**
 * At most one write in flight; saves meanwhile are folded into the next one. Whatever is not
 * written when the process exits (a second Ctrl-C, an uncaught error) is written then, at once.
 */
function writeBehind(statePath: string, text: () => string, onError: (error: Error) => void) {
  let writing: Promise<void> | undefined;
  let dirty = false;
  const tmp = `${statePath}.${process.pid}.tmp`;
  const writeNow = () => {
    if (!dirty) return;
    dirty = false;
    try {
      const fd = openSync(tmp, 'w');
      try {
        writeSync(fd, text());
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      renameSync(tmp, statePath);
    } catch {}
  };
  process.once('exit', writeNow);
  const writeOnce = async () => {
    dirty = false;
    const handle = await open(tmp, 'w');
    try {
      await handle.writeFile(text());
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tmp, statePath);
  };
  const drain = async () => {
    try {
      while (dirty) await writeOnce();
    } catch (error) {
      // A full disk must not stop the loops: the next save tries again.
      onError(error as Error);
    } finally {
      writing = undefined;
    }
  };
  return {
    schedule() {
      dirty = true;
      // Off the scheduling path: runs due together (a thousand loops on one second) finish
      // first, then one write holds them all. A kill -9 loses at most this much of the state.
      writing ??= new Promise<void>((resolve) => setTimeout(resolve, WRITE_DELAY_MS)).then(drain);
    },
    async flush() {
      if (dirty && !writing) writing = drain();
      await writing;
    },
    close() {
      process.off('exit', writeNow);
    },
  };
}
