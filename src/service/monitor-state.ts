import { parseShards } from '../connection/shards.js';
import type { ReportEvent } from '../output/events.js';
import { type Health, type ShardView, shardHealth } from './health.js';

/** A loop as the monitor knows it before any event: its name, schedule in words and count. */
export interface MonitoredLoop {
  name: string;
  /** In words, as `describeSchedule` puts it; null for a loop first seen in an event. */
  schedule: string | null;
  count?: number | undefined;
  /** The action's name, so the loop's series exist (at 0) before its first run. */
  action?: string | undefined;
}

/** How a run went, as `/status` and `discloop_runs_total{outcome}` say it. */
export type Outcome = 'ok' | 'failed' | 'unknown';

export const OUTCOMES: readonly Outcome[] = ['ok', 'failed', 'unknown'];

export function outcomeOf(run: Extract<ReportEvent, { type: 'run' }>): Outcome {
  if (run.ok) return 'ok';
  return run.outcome === 'unknown' ? 'unknown' : 'failed';
}

/** `/status` (SPEC §8); times are ISO strings, absent values null. */
export interface StatusJson {
  /** The server's clock, so a page can count down without trusting its own. */
  now: string;
  /** The bot is connected and has every guild (the `ready` event). */
  ready: boolean;
  loops: LoopStatusJson[];
  shards: ShardStatusJson[];
}

export interface LoopStatusJson {
  name: string;
  schedule: string | null;
  nextRunAt: string | null;
  /** Runs attempted, those of earlier processes included (iterations continue across restarts). */
  runs: number;
  count: number | null;
  lastOutcome: Outcome | null;
  lastError: { code: string; message: string } | null;
  ended: boolean;
}

export interface ShardStatusJson {
  id: number;
  connected: boolean;
  /** Since when the shard has been connected, or disconnected. */
  since: string;
}

interface LoopState {
  name: string;
  schedule: string | null;
  count: number | undefined;
  runs: number;
  nextAt: number | undefined;
  ended: boolean;
  lastOutcome: Outcome | undefined;
  lastError: { code: string; message: string } | undefined;
}

export interface MonitorState {
  apply(event: ReportEvent): void;
  readonly ready: boolean;
  shards(): ShardView[];
  status(): StatusJson;
  /** Unhealthy once a shard has been disconnected for longer than `graceMs`. */
  health(graceMs: number): Health;
}

const iso = (ms: number | undefined) => (ms === undefined ? null : new Date(ms).toISOString());

/**
 * What a running discloop looks like from the outside, folded from the reporters' events: each
 * loop's schedule, next run, runs and last outcome, and each shard's connection. Pure: time
 * comes from `now` (wall-clock ms), nothing is read or written elsewhere.
 */
export function createMonitorState(
  loops: readonly MonitoredLoop[],
  now: () => number,
  /** The range of shards this process runs (`2-3`), once known; none: all of them. */
  shardsHere: () => string | undefined = () => undefined,
): MonitorState {
  const byName = new Map<string, LoopState>();
  const shards = new Map<number, ShardView>();
  let ready = false;

  const loopOf = (name: string) => {
    let state = byName.get(name);
    if (!state) {
      state = blankLoop({ name, schedule: null });
      byName.set(name, state);
    }
    return state;
  };
  for (const loop of loops) byName.set(loop.name, blankLoop(loop));

  const setShard = (id: number, connected: boolean) =>
    shards.set(id, { id, connected, since: now() });
  const sortedShards = () => [...shards.values()].sort((a, b) => a.id - b.id);

  return {
    apply(event) {
      switch (event.type) {
        case 'ready': {
          ready = true;
          // The event names no shard: those of this process's range, connected unless reported
          // otherwise; with all shards, until one is reported, the process is one shard, 0.
          const range = shardsHere();
          const ids = range !== undefined ? parseShards(range) : shards.size === 0 ? [0] : [];
          for (const id of ids) if (!shards.has(id)) setShard(id, true);
          // A process with some of the shards runs some of the loops: the others are not its own.
          for (const name of event.loops?.elsewhere ?? []) byName.delete(name);
          break;
        }
        case 'disconnect':
          setShard(event.shard, false);
          break;
        case 'reconnect':
          setShard(event.shard, true);
          break;
        case 'reload':
          if (!event.ok) break;
          for (const { name, schedule, count } of event.loops)
            Object.assign(loopOf(name), { schedule, count, ended: false });
          break;
        case 'next':
          loopOf(event.loop).nextAt = event.at;
          break;
        case 'run': {
          const loop = loopOf(event.loop);
          loop.runs = Math.max(loop.runs + 1, event.iteration);
          loop.lastOutcome = outcomeOf(event);
          loop.lastError = event.ok
            ? undefined
            : { code: event.error.code, message: event.error.message };
          break;
        }
        case 'end': {
          if (event.reason === 'removed') {
            byName.delete(event.loop);
            break;
          }
          const loop = loopOf(event.loop);
          loop.ended = true;
          loop.nextAt = undefined;
          loop.runs = Math.max(loop.runs, event.runs);
          break;
        }
      }
    },
    get ready() {
      return ready;
    },
    shards: sortedShards,
    status() {
      return {
        now: new Date(now()).toISOString(),
        ready,
        loops: [...byName.values()].map((loop) => ({
          name: loop.name,
          schedule: loop.schedule,
          nextRunAt: iso(loop.nextAt),
          runs: loop.runs,
          count: loop.count ?? null,
          lastOutcome: loop.lastOutcome ?? null,
          lastError: loop.lastError ?? null,
          ended: loop.ended,
        })),
        shards: sortedShards().map(({ id, connected, since }) => ({
          id,
          connected,
          since: new Date(since).toISOString(),
        })),
      };
    },
    health: (graceMs) => shardHealth(sortedShards(), now(), graceMs),
  };
}

function blankLoop({ name, schedule, count }: MonitoredLoop): LoopState {
  return {
    name,
    schedule,
    count,
    runs: 0,
    nextAt: undefined,
    ended: false,
    lastOutcome: undefined,
    lastError: undefined,
  };
}
