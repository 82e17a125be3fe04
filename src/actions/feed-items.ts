import type { FeedItem } from './feed-parse.js';

/**
 * Items oldest first: by published date when every one of them has a date, else in the order
 * the file lists them (SPEC §4). Equal dates keep the file's order.
 */
export function oldestFirst(items: readonly FeedItem[]): FeedItem[] {
  if (!items.every((item) => item.published !== undefined)) return [...items];
  return [...items].sort((a, b) => (a.published ?? 0) - (b.published ?? 0));
}

export interface Selection {
  /** To post this run, oldest first. */
  post: FeedItem[];
  /** New items left for later runs (past `maxPerRun`). */
  later: number;
  /** Ids to mark seen without posting: on the first run, all but the newest `backfill`. */
  baseline: string[];
}

/**
 * What a run posts. On the first run (`seen` undefined) the feed's items are the baseline,
 * except the newest `backfill`, which are new; new items go oldest first, `maxPerRun` at most.
 */
export function selectItems(
  items: readonly FeedItem[],
  seen: ReadonlySet<string> | undefined,
  { backfill, maxPerRun }: { backfill: number; maxPerRun: number },
): Selection {
  const ordered = oldestFirst(unique(items));
  const baseline =
    seen === undefined ? ordered.slice(0, Math.max(0, ordered.length - backfill)) : [];
  const fresh =
    seen === undefined ? ordered.slice(baseline.length) : ordered.filter((i) => !seen.has(i.id));
  return {
    post: fresh.slice(0, maxPerRun),
    later: Math.max(0, fresh.length - maxPerRun),
    baseline: baseline.map((item) => item.id),
  };
}

/** A feed that lists one item twice posts it once. */
function unique(items: readonly FeedItem[]): FeedItem[] {
  const ids = new Set<string>();
  return items.filter((item) => !ids.has(item.id) && ids.add(item.id));
}

/**
 * The seen ids after adding `ids`, oldest first, at most `limit` of them, but never forgetting
 * an id the feed still lists (that item would be posted again): the oldest others go first.
 */
export function remember(
  seen: readonly string[],
  ids: readonly string[],
  inFeed: ReadonlySet<string>,
  limit = 500,
): string[] {
  const added = new Set(ids);
  const all = [...seen.filter((id) => !added.has(id)), ...added];
  let excess = all.length - limit;
  return all.filter((id) => inFeed.has(id) || excess-- <= 0);
}
