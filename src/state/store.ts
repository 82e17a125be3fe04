import type { StateData } from './format.js';
import type { LoopRecord } from './record.js';

/**
 * Loop state as the run sees it: read at start, saved after each run. Saving never waits for
 * a disk: a file store writes behind, one write at a time, the latest state winning.
 */
export interface StateStore {
  /** Where it is kept, for messages (none: in memory only). */
  readonly path: string | undefined;
  get(loop: string): LoopRecord | undefined;
  save(loop: string, record: LoopRecord): void;
  /** Resolves once everything saved so far is on disk. */
  flush(): Promise<void>;
  /** Flushes, then lets go of the file (its lock). */
  close(): Promise<void>;
}

/** State kept for this process only: ad hoc runs and `--no-state`. */
export function memoryStore(initial: StateData = {}): StateStore {
  const loops = new Map(Object.entries(initial));
  return {
    path: undefined,
    get: (loop) => loops.get(loop),
    save: (loop, record) => void loops.set(loop, record),
    flush: async () => {},
    close: async () => {},
  };
}
