import type { Style } from './style.js';
import { displayWidth, truncateToWidth } from './text-width.js';

/** How a loop's last run went, as the status area shows it. */
export type LastResult =
  | { ok: true; summary: string; durationMs: number }
  | { ok: false; code: string; message: string; durationMs: number };

/** One loop as the live status area sees it (SPEC §5). Times are wall-clock epoch ms. */
export interface LoopStatus {
  name: string;
  /** The schedule in words, as `describeSchedule` puts it. */
  schedule: string;
  count: number | undefined;
  /** Runs finished so far. */
  runs: number;
  /** A run has started and not finished yet. */
  running: boolean;
  /** When the next run is due, if one is. */
  nextAt: number | undefined;
  ended: boolean;
  last: LastResult | undefined;
}

const GAP = '  ';
const same = (text: string) => text;
/** Long names and cron descriptions are cut so the last result keeps some room. */
const MAX_NAME = 24;
const MAX_SCHEDULE = 32;
/** Below this many columns for a result's text, the whole line is simply cut at the end. */
const MIN_SUMMARY = 8;
const SEPARATOR = 60;
/** "next in 2m10s": the countdown column keeps this width so the columns after it stay put. */
const MIN_NEXT = 13;

/** 4s, 2m10s, 3h, 1d2h: time left, rounded up to the second so it never shows 0s. */
export function formatCountdown(ms: number): string {
  const s = Math.max(1, Math.ceil(ms / 1000));
  const join = (big: number, bigUnit: string, small: number, smallUnit: string) =>
    `${big}${bigUnit}${small > 0 ? `${small}${smallUnit}` : ''}`;
  if (s < 60) return `${s}s`;
  if (s < 3600) return join(Math.floor(s / 60), 'm', s % 60, 's');
  if (s < 86_400) return join(Math.floor(s / 3600), 'h', Math.floor((s % 3600) / 60), 'm');
  return join(Math.floor(s / 86_400), 'd', Math.floor((s % 86_400) / 3600), 'h');
}

/** A run's text on one line: its non-empty lines joined with " · ", control characters removed. */
export function oneLine(text: string): string {
  return text
    .split(/\r?\n/)
    .map((line) => line.replace(/\p{Cc}/gu, ' ').trim())
    .filter((line) => line !== '')
    .join(' · ');
}

const tookOf = (ms: number) => (ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`);

function nextCell(loop: LoopStatus, now: number): string {
  // All its counted runs finished: done, even before the scheduler's `end` arrives.
  if (loop.ended || (loop.count !== undefined && loop.runs >= loop.count)) return 'done';
  // Past due and no newer time announced: the scheduler is starting that run.
  if (loop.running || (loop.nextAt !== undefined && loop.nextAt <= now)) return 'running';
  if (loop.nextAt === undefined) return '—';
  return `next in ${formatCountdown(loop.nextAt - now)}`;
}

function paintNext(cell: string, style: Style): string {
  if (cell === 'done') return style.dim(cell);
  return cell === 'running' ? style.yellow(cell) : cell;
}

function runsCell({ runs, count }: LoopStatus): string {
  return count === undefined ? `${runs} run${runs === 1 ? '' : 's'}` : `${runs}/${count} runs`;
}

/** "✓ summary (12 ms)", the summary cut first so the duration stays in view. */
function resultCell(last: LastResult | undefined, room: number, style: Style): string {
  if (!last) return '';
  const mark = last.ok ? style.green('✓') : style.red('✗');
  const body = oneLine(last.ok ? last.summary : `${last.code}: ${last.message}`) || 'ok';
  const took = ` (${tookOf(last.durationMs)})`;
  const bodyRoom = room - 2 - displayWidth(took);
  if (bodyRoom < MIN_SUMMARY) return `${mark} ${body}${style.dim(took)}`;
  return `${mark} ${truncateToWidth(body, bodyRoom)}${style.dim(took)}`;
}

/**
 * The live status area: a dim separator, then one line per loop with its schedule, when it
 * runs next, runs done (of its count) and its last result, in aligned columns. Every line fits
 * in `width` columns. Pure: the time is passed in.
 */
export function renderStatus(
  loops: readonly LoopStatus[],
  now: number,
  width: number,
  style: Style,
): string[] {
  if (loops.length === 0) return [];
  const rows = loops.map((loop) => ({
    loop,
    cells: [
      truncateToWidth(loop.name, MAX_NAME),
      truncateToWidth(loop.schedule, MAX_SCHEDULE),
      nextCell(loop, now),
      runsCell(loop),
    ],
  }));
  const widths = [0, 1, 2, 3].map((i) =>
    Math.max(i === 2 ? MIN_NEXT : 0, ...rows.map(({ cells }) => displayWidth(cells[i] ?? ''))),
  );
  const fixed = widths.reduce((sum, w) => sum + w + GAP.length, 0);
  const header = `── status ${'─'.repeat(Math.max(0, Math.min(width, SEPARATOR) - 10))}`;
  const paints = [style.bold, same, (next: string) => paintNext(next, style), same];
  const lines = rows.map(({ loop, cells }) => {
    const columns = cells.map((text, i) => {
      const paint = paints[i] ?? same;
      return paint(text) + ' '.repeat((widths[i] ?? 0) - displayWidth(text));
    });
    const line = columns.join(GAP) + GAP + resultCell(loop.last, width - fixed, style);
    return truncateToWidth(line.trimEnd(), width);
  });
  return [truncateToWidth(style.dim(header), width), ...lines];
}
