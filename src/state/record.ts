import { createHash } from 'node:crypto';

/** What discloop remembers of a loop across restarts (SPEC §8). Times are epoch ms. */
export interface LoopRecord {
  /** The loop's action and options when the record was made: another one starts afresh. */
  fingerprint: string;
  /** Runs attempted so far, across restarts: `count` and iteration numbers continue from it. */
  runs: number;
  lastScheduledAt?: number;
  lastStartedAt?: number;
  lastFinishedAt?: number;
  lastOutcome?: 'ok' | 'failed' | 'unknown';
  /** The action's own state: a presence rotation, the name last set, a message kept by edit. */
  actionState: Record<string, unknown>;
}

/**
 * A loop's identity for its state: its action and options. A changed schedule or count keeps
 * the runs done; another action or other options are another loop's work.
 */
export function fingerprint(action: string, options: unknown): string {
  return createHash('sha256')
    .update(JSON.stringify([action, options]))
    .digest('base64url')
    .slice(0, 16);
}
