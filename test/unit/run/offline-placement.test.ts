import { describe, expect, it } from 'vitest';
import { sendMessage } from '../../../src/actions/send-message.js';
import type { LoopSetup } from '../../../src/config/plans.js';
import { placeOffline } from '../../../src/run/offline-placement.js';
import { noopAction, setupOf } from '../../helpers/one-loop.js';

/** A guild id on `shard` of 4: Discord's rule is (id >> 22) % count. */
const guildOn = (shard: number) => ((200_000_000_000n + BigInt(shard)) << 22n).toString();

const post = (name: string, options: Record<string, string>): LoopSetup => ({
  ...setupOf({
    name,
    schedule: { kind: 'interval', everyMs: 60_000 },
    overlap: 'skip',
    onError: 'continue',
  }),
  action: sendMessage,
  options: { content: 'hi', ...options },
});
const unbound = (name: string, acrossShards: boolean): LoopSetup => ({
  ...post(name, {}),
  action: { ...noopAction, acrossShards },
  options: {},
});
const LOOPS = [
  unbound('census', true),
  unbound('ping', false),
  post('by-id', { guild: guildOn(1), channel: 'general' }),
  post('by-name', { guild: 'Alpha Guild', channel: 'general' }),
  post('by-channel', { channel: guildOn(0) }),
];
const names = (loops: { loop: string }[]) => loops.map((l) => l.loop);

describe('placing loops without connecting', () => {
  it('places guild ids by their shard, leaves names and channels to start', () => {
    const placement = placeOffline(LOOPS, { ids: [2, 3], count: 4 });
    expect(placement).toMatchObject({ shards: '2-3', shardCount: 4 });
    expect(names(placement.here)).toEqual(['census']);
    expect(placement.elsewhere).toEqual([
      { loop: 'ping', why: 'bound to nothing: where shard 0 is' },
      { loop: 'by-id', why: `guild ${guildOn(1)} on shard 1` },
    ]);
    expect(placement.atStart).toEqual([
      { loop: 'by-name', why: 'guild named "Alpha Guild" is looked up when run connects' },
      { loop: 'by-channel', why: `channel ${guildOn(0)} is looked up when run connects` },
    ]);
  });

  it('runs everything here when the process holds every shard: nothing is left to start', () => {
    const placement = placeOffline(LOOPS, { ids: [0, 1, 2, 3], count: 4 });
    expect(names(placement.here)).toEqual(LOOPS.map((l) => l.plan.name));
    expect(placement.here.find((l) => l.loop === 'by-name')?.why).toBe('guild named "Alpha Guild"');
    expect([...placement.elsewhere, ...placement.atStart]).toEqual([]);
  });
});
