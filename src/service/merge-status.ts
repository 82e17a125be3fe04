import { type Health, overGrace, type ShardView, shardHealth } from './health.js';
import type { LoopStatusJson, StatusJson } from './monitor-state.js';

/** One child of `run --processes`, as its parent last heard from it. */
export interface ChildView {
  /** How the parent names it: `process 1 of 2`. */
  name: string;
  /** Its range (`0-1`) and the shard ids in it. */
  shards: string;
  ids: readonly number[];
  /** Its latest answer, and the latest in which it was ready. */
  latest: StatusJson | undefined;
  lastReady: StatusJson | undefined;
  /** Since when (wall-clock ms) it has been down: it crashed and is not ready again yet. */
  downSince: number | undefined;
  /** It exited for good: its loops were done, or it was stopped. */
  finished: boolean;
}

/** A loop in the status of `run --processes`: once per child it runs in, with the child's range. */
export type MergedLoopJson = LoopStatusJson & { shards: string };

export interface MergedStatusJson extends StatusJson {
  loops: MergedLoopJson[];
}

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * `/status` of `run --processes`: every child's loops and shards. A loop in several children is
 * listed once per child, under its range, as each child runs its own slots and has its own next
 * run, count and errors. A child that is reconnecting shows the loops it had when it was last
 * ready; a child that is down shows its shards disconnected since it went down.
 */
export function mergeStatus(children: readonly ChildView[], now: number): MergedStatusJson {
  const loops = children.flatMap((child) => {
    const shown = child.latest?.ready ? child.latest : child.lastReady;
    return (shown?.loops ?? []).map((loop) => ({ ...loop, shards: child.shards }));
  });
  const shards = children
    .flatMap((child) =>
      shardsOf(child).map(({ id, connected, since }) => ({ id, connected, since: iso(since) })),
    )
    .sort((a, b) => a.id - b.id);
  return { now: iso(now), ready: allReady(children), loops, shards };
}

/** `/readyz` of `run --processes`: every child that has not finished is ready. */
export const allReady = (children: readonly ChildView[]): boolean =>
  children.every(
    (child) => child.finished || (child.downSince === undefined && child.latest?.ready === true),
  );

/**
 * `/healthz` of `run --processes`: unhealthy once a child has been down longer than the grace
 * (said first: it is the cause), or a shard of a child has been disconnected that long.
 */
export function mergedHealth(children: readonly ChildView[], now: number, graceMs: number): Health {
  const down = children.flatMap((child) =>
    child.downSince === undefined || child.finished ? [] : [{ ...child, since: child.downSince }],
  );
  const health = overGrace(
    down,
    { at: now, graceMs, noun: ['process', 'processes'] },
    (child) => `${child.name} (shards ${child.shards}) has been down`,
  );
  return health.ok ? shardHealth(children.flatMap(shardsOf), now, graceMs) : health;
}

/** A child's shards: none once it finished, all disconnected while it is down. */
function shardsOf(child: ChildView): ShardView[] {
  if (child.finished) return [];
  const { downSince } = child;
  if (downSince !== undefined)
    return child.ids.map((id) => ({ id, connected: false, since: downSince }));
  return (child.latest?.shards ?? []).map(({ id, connected, since }) => ({
    id,
    connected,
    since: Date.parse(since),
  }));
}
