import { describe, expect, it } from 'vitest';
import { formatShards, shardIds, shardOf, shardRequest } from '../../../src/connection/shards.js';

describe('choosing shards', () => {
  it('takes every shard by default', () => {
    expect(shardRequest({}, {})).toEqual({ kind: 'all' });
  });

  it('reads lists and ranges, from the flag or DISCLOOP_SHARDS', () => {
    expect(shardRequest({ shards: '0,2,5-7', shardCount: '8' }, {})).toEqual({
      kind: 'list',
      ids: [0, 2, 5, 6, 7],
      count: 8,
    });
    expect(shardRequest({}, { DISCLOOP_SHARDS: '1-2' })).toEqual({
      kind: 'list',
      ids: [1, 2],
      count: 'auto',
    });
  });

  it('gives the I-th of P ranges, the first (count mod P) one shard more', () => {
    const slices = [0, 1, 2].map((index) =>
      shardIds({ kind: 'slice', index, of: 3, count: 'auto' }, 8),
    );
    expect(slices).toEqual([
      [0, 1, 2],
      [3, 4, 5],
      [6, 7],
    ]);
    expect(shardRequest({}, { DISCLOOP_PROCESS_INDEX: '1', DISCLOOP_PROCESS_COUNT: '2' })).toEqual({
      kind: 'slice',
      index: 1,
      of: 2,
      count: 'auto',
    });
  });

  it.each([
    [{ shards: '4', shardCount: '4' }, 'Shard 4 does not exist with a shard count of 4'],
    [{ shardCount: '0' }, '--shard-count expects a whole number above 0, got "0"'],
    [{ processIndex: '2', processCount: '2' }, '--process-index 2 is not below --process-count 2'],
    [{ shards: '0-1', processIndex: '0', processCount: '2' }, 'exclude each other'],
    [{ shards: 'a' }, '--shards expects ids and ranges'],
    [{ processIndex: '0' }, 'go together'],
  ])('refuses %o as a usage error', (flags, message) => {
    expect(() => shardRequest(flags, {})).toThrow(
      expect.objectContaining({ exitCode: 2, message: expect.stringContaining(message) }),
    );
  });

  it('names ranges the way --shards takes them', () => {
    expect(formatShards([0, 1, 2, 3])).toBe('0-3');
    expect(formatShards([0, 2, 5, 6, 7])).toBe('0,2,5-7');
  });

  it("places a guild on Discord's shard: (id >> 22) % count", () => {
    expect(shardOf('981527533977731072', 4)).toBe(Number((981527533977731072n >> 22n) % 4n));
  });
});
