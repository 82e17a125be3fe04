import type { LoopRecord } from './record.js';

/** The state file's format version; a file of a newer one is refused rather than misread. */
export const STATE_VERSION = 1;

export type StateData = Record<string, LoopRecord>;

export class StateFormatError extends Error {}

const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());
const ms = (text: unknown) => (typeof text === 'string' ? Date.parse(text) : undefined);

/** The file's text: versioned, times as ISO strings so a person can read it. */
export function serializeState(loops: StateData): string {
  const out: Record<string, unknown> = {};
  for (const [name, record] of Object.entries(loops)) {
    out[name] = {
      ...record,
      lastScheduledAt: iso(record.lastScheduledAt),
      lastStartedAt: iso(record.lastStartedAt),
      lastFinishedAt: iso(record.lastFinishedAt),
    };
  }
  return `${JSON.stringify({ version: STATE_VERSION, loops: out }, null, 2)}\n`;
}

/** Reads the file's text; anything that is not a state file of a known version throws StateFormatError. */
export function parseState(text: string): StateData {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new StateFormatError(`not JSON (${(error as Error).message})`);
  }
  const { version, loops } = (data ?? {}) as { version?: unknown; loops?: unknown };
  if (typeof version !== 'number') throw new StateFormatError('it has no format version');
  if (version > STATE_VERSION)
    throw new StateFormatError(`it was written by a newer discloop (format ${version})`);
  if (typeof loops !== 'object' || loops === null || Array.isArray(loops))
    throw new StateFormatError('it has no "loops" mapping');
  const result: StateData = {};
  for (const [name, value] of Object.entries(loops)) result[name] = parseRecord(name, value);
  return result;
}

function parseRecord(name: string, value: unknown): LoopRecord {
  const r = (value ?? {}) as Record<string, unknown>;
  if (typeof r.fingerprint !== 'string' || !Number.isInteger(r.runs) || (r.runs as number) < 0)
    throw new StateFormatError(`loop "${name}" has no fingerprint or run count`);
  const outcome = r.lastOutcome;
  return {
    fingerprint: r.fingerprint,
    runs: r.runs as number,
    lastScheduledAt: ms(r.lastScheduledAt),
    lastStartedAt: ms(r.lastStartedAt),
    lastFinishedAt: ms(r.lastFinishedAt),
    ...(outcome === 'ok' || outcome === 'failed' || outcome === 'unknown'
      ? { lastOutcome: outcome }
      : {}),
    actionState:
      typeof r.actionState === 'object' && r.actionState !== null
        ? (r.actionState as Record<string, unknown>)
        : {},
  };
}
