import { describe, expect, it } from 'vitest';
import { outageTracker } from '../../../src/connection/outages.js';

describe('outages', () => {
  it('make one disconnect and one reconnect however many attempts the outage takes', () => {
    let now = 1000;
    const tracker = outageTracker(() => now);
    const events = [tracker.lost(0, 1006)];
    for (let attempt = 0; attempt < 59; attempt++) {
      now += 500;
      events.push(tracker.lost(0, 1006));
    }
    now += 700;
    events.push(tracker.back(0, false) ?? { type: 'debug', message: 'missing' });
    const people = events.filter((e) => e.type !== 'debug');
    expect(people).toEqual([
      { type: 'disconnect', shard: 0, code: 1006 },
      { type: 'reconnect', shard: 0, resumed: false, downMs: 30_200, attempts: 60 },
    ]);
    expect(events.filter((e) => e.type === 'debug')).toHaveLength(59);
  });

  it('keeps shards apart, and says nothing of a shard that was never down', () => {
    const tracker = outageTracker(() => 0);
    expect(tracker.back(1, true)).toBeUndefined();
    expect(tracker.lost(0, 4000)).toMatchObject({ type: 'disconnect', shard: 0 });
    expect(tracker.lost(1, 4000)).toMatchObject({ type: 'disconnect', shard: 1 });
    expect(tracker.back(0, true)).toMatchObject({ type: 'reconnect', shard: 0, attempts: 1 });
    expect(tracker.downSince(1)).toBe(0);
    expect(tracker.lost(0, 1006)).toMatchObject({ type: 'disconnect', shard: 0 });
  });
});
