import type { LoopEvent, RunRecord } from '../schedule/loop-runner.js';
import type { RunError } from './describe-run-error.js';

/** What the reporters render: results, skips and ends of loops, and connection diagnostics. */
export interface RunOutcomeBase extends RunRecord {
  action: string;
  /** Runs this loop will make at most, when it has a count. */
  count: number | undefined;
}

export type RunOutcome =
  | (RunOutcomeBase & { ok: true; data: unknown; text: string })
  /** `outcome: unknown`: cut off after a request may have reached Discord (its effect may have happened). */
  | (RunOutcomeBase & { ok: false; error: RunError; outcome?: 'unknown' });

/** A loop a reload added or changed: its schedule in words, and its count. */
export interface ReloadedLoop {
  name: string;
  schedule: string;
  count: number | undefined;
}

export type ReportEvent =
  | {
      type: 'ready';
      user: { id: string; username: string };
      /** Guilds on this process's shards; with only some shards, the bot's total and where loops run. */
      guilds: number;
      guildsTotal?: number;
      loops?: { here: string[]; elsewhere: string[] };
    }
  | ({ type: 'run' } & RunOutcome)
  | Extract<LoopEvent, { type: 'skip' | 'end' | 'next' }>
  | { type: 'warning'; message: string }
  | {
      type: 'reload';
      ok: true;
      added: string[];
      removed: string[];
      changed: string[];
      unchanged: number;
      /** How the added and changed loops run now (the status area and page show it). */
      loops: ReloadedLoop[];
    }
  /** A bad edit: the loops go on as they were; `text` is the problems rendered for people. */
  | { type: 'reload'; ok: false; problems: ReloadProblem[]; text: string }
  /** Once per limit hit; `route` is a template (`POST /channels/:id/messages`). */
  | { type: 'rate-limit'; route: string; scope: string; retryAfterMs: number; loop?: string }
  | { type: 'disconnect'; shard: number; code: number | undefined }
  | { type: 'reconnect'; shard: number; resumed: boolean; downMs: number; attempts: number }
  /** Progress lines (connecting…); `verbose` ones only show with -v. */
  | { type: 'info'; message: string; verbose?: boolean };

/** A config problem as NDJSON carries it. */
export interface ReloadProblem {
  file: string;
  line?: number;
  column?: number;
  message: string;
}

/** What every line says about the process that wrote it: the shards it runs, when only some. */
export interface OutputLabels {
  shards?: string;
}

export interface Reporter {
  report(event: ReportEvent): void;
}
