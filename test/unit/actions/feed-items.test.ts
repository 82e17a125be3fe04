import { describe, expect, it } from 'vitest';
import { oldestFirst, remember, selectItems } from '../../../src/actions/feed-items.js';
import type { FeedItem } from '../../../src/actions/feed-parse.js';

const item = (id: string, day?: number): FeedItem => ({
  id,
  title: id,
  link: '',
  author: '',
  ...(day === undefined ? {} : { published: Date.UTC(2026, 5, day) }),
});
const ids = (items: FeedItem[]) => items.map((i) => i.id);
/** As feeds list them: newest first. */
const feed = [item('e', 5), item('d', 4), item('c', 3), item('b', 2), item('a', 1)];

describe('oldestFirst', () => {
  it('orders by published date, keeping the file order of equal dates', () => {
    expect(ids(oldestFirst([item('x', 2), item('y', 1), item('z', 2)]))).toEqual(['y', 'x', 'z']);
  });

  it('keeps the file order when an item is undated', () => {
    expect(ids(oldestFirst([item('x', 2), item('y'), item('z', 1)]))).toEqual(['x', 'y', 'z']);
  });
});

describe('selectItems', () => {
  const limits = { backfill: 0, maxPerRun: 5 };

  it('the first run posts nothing: every item is the baseline', () => {
    expect(selectItems(feed, undefined, limits)).toEqual({
      post: [],
      later: 0,
      baseline: ['a', 'b', 'c', 'd', 'e'],
    });
  });

  it('with backfill, the first run posts the newest N, oldest of them first', () => {
    const chosen = selectItems(feed, undefined, { backfill: 2, maxPerRun: 5 });
    expect(ids(chosen.post)).toEqual(['d', 'e']);
    expect(chosen.baseline).toEqual(['a', 'b', 'c']);
    expect(ids(selectItems(feed, undefined, { backfill: 9, maxPerRun: 5 }).post)).toEqual([
      'a',
      'b',
      'c',
      'd',
      'e',
    ]);
  });

  it('later runs post the unseen items oldest first, maxPerRun of them, the rest later', () => {
    const seen = new Set(['a', 'b']);
    expect(selectItems(feed, seen, limits)).toMatchObject({ later: 0, baseline: [] });
    expect(ids(selectItems(feed, seen, limits).post)).toEqual(['c', 'd', 'e']);
    const spread = selectItems(feed, seen, { backfill: 0, maxPerRun: 2 });
    expect([ids(spread.post), spread.later]).toEqual([['c', 'd'], 1]);
  });

  it('an item listed twice is posted once', () => {
    expect(ids(selectItems([item('x', 1), item('x', 1)], new Set(), limits).post)).toEqual(['x']);
  });
});

describe('remember', () => {
  it('adds ids once, newest last', () => {
    expect(remember(['a', 'b'], ['b', 'c'], new Set())).toEqual(['a', 'b', 'c']);
  });

  it('forgets the oldest ids past the limit, but never one the feed still lists', () => {
    const inFeed = new Set(['a', 'd']);
    expect(remember(['a', 'b', 'c'], ['d', 'e'], inFeed, 3)).toEqual(['a', 'd', 'e']);
    expect(remember(['a', 'd'], ['e'], new Set(['a', 'd', 'e']), 2)).toEqual(['a', 'd', 'e']);
  });
});
