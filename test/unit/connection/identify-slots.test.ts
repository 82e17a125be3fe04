import { describe, expect, it } from 'vitest';
import {
  SAME_SHARD_GAP_MS,
  WINDOW_MS,
  waitForSlot,
} from '../../../src/connection/identify-slots.js';

describe('identify slots', () => {
  it('never puts two shards of one bucket in the same window, whatever each process started at', () => {
    // 16 shards, max_concurrency 4, four processes starting at slightly different instants.
    const starts = [1_000_000, 1_000_137, 1_000_905, 1_001_500];
    const identifies: { shard: number; at: number }[] = [];
    for (let shard = 0; shard < 16; shard++) {
      const now = starts[Math.floor(shard / 4)] ?? 0;
      identifies.push({
        shard,
        at: now + waitForSlot({ shardId: shard, shardCount: 16, maxConcurrency: 4, now }),
      });
    }
    for (const a of identifies) {
      for (const b of identifies) {
        if (a.shard < b.shard && a.shard % 4 === b.shard % 4)
          expect(Math.abs(a.at - b.at), `${a.shard} vs ${b.shard}`).toBeGreaterThan(5000);
      }
    }
  });

  it('lets every bucket identify at once: max_concurrency per window', () => {
    const now = 10 * WINDOW_MS;
    const waits = [0, 1, 2, 3].map((shardId) =>
      waitForSlot({ shardId, shardCount: 4, maxConcurrency: 4, now }),
    );
    expect(new Set(waits).size).toBe(1);
  });

  it('waits more than 5 s after the same shard identified (an op 9 at identify)', () => {
    const now = 7 * WINDOW_MS + 400;
    const wait = waitForSlot({
      shardId: 0,
      shardCount: 1,
      maxConcurrency: 1,
      now,
      lastIdentifyAt: now - 100,
    });
    expect(wait).toBeGreaterThanOrEqual(SAME_SHARD_GAP_MS - 100);
  });
});
