import type { Sink } from './sink.js';
import { truncateToWidth } from './text-width.js';

/** The terminal stdout is: control sequences go to it, and its size is read at each redraw. */
export interface Terminal {
  write(text: string): unknown;
  columns?: number;
  rows?: number;
}

/** Calls `tick` every `ms` until the returned function is called. */
export type Every = (ms: number, tick: () => void) => () => void;

/** The real timer, `unref`'d: a status area never keeps a finished command alive. */
export const unrefEvery: Every = (ms, tick) => {
  const timer = setInterval(tick, ms);
  timer.unref();
  return () => clearInterval(timer);
};

/** A stream we may draw a status area on: a TTY we can write to. */
export function isTerminal(stream: { isTTY?: boolean }): stream is Terminal & { isTTY: true } {
  return stream.isTTY === true && typeof (stream as Partial<Terminal>).write === 'function';
}

export interface LiveSinkOptions {
  /** The real sink: everything, the area too, is written through it, so redaction still holds. */
  sink: Sink;
  terminal: Terminal;
  /** The area's lines for a terminal this many columns wide. */
  render(width: number): string[];
  every: Every;
  intervalMs?: number;
}

/** A sink that keeps a status area below everything it writes. */
export interface LiveSink extends Sink {
  /** Shows the area and redraws it every second from then on. */
  start(): void;
  /** Redraws the area now if what it shows has changed. */
  refresh(): void;
  /** Erases the area for good; later writes go straight through. */
  stop(): void;
}

/**
 * The area is drawn on stdout as whole lines, each ended by "\n", so the cursor rests at the
 * start of the line below it (and a killed process leaves the shell prompt on a fresh line).
 * To erase it: "\r" + CUU n ("ESC[nA") + ED ("ESC[0J"): back to the area's first line, then
 * clear to the end of the screen. CR, CUU and ED are VT100 and work everywhere; CPL ("ESC[nF")
 * would do the same in one sequence but is a later ECMA-48 addition some terminals lack.
 *
 * Each line is cut to one column less than the terminal, so none wraps (a line of exactly
 * the width leaves some terminals wrapping early) and the area takes exactly as many rows as
 * it has lines; it is capped below the terminal's height, as the cursor cannot go above it.
 *
 * Writing a result: erase, text, area again, in one write. Writing a diagnostic: erase on
 * stdout, the line on stderr, area on stdout. On a terminal both streams are the same screen
 * and Node writes to TTYs synchronously, so the line lands where the area was and the area is
 * redrawn below it.
 */
export function createLiveSink({
  sink,
  terminal,
  render,
  every,
  intervalMs = 1000,
}: LiveSinkOptions): LiveSink {
  let live = false;
  let drawn: string[] = [];
  let cancelTimer = () => {};

  const erase = () => (drawn.length > 0 ? `\r\u001b[${drawn.length}A\u001b[0J` : '');

  function area(): string[] {
    // A size of 0 means unknown (a pseudo-terminal nobody sized): assume 80 columns.
    const width = Math.max(1, (terminal.columns || 80) - 1);
    const lines = render(width)
      .flatMap((line) => line.split('\n'))
      .map((line) => truncateToWidth(line, width));
    const room = (terminal.rows || Number.POSITIVE_INFINITY) - 1;
    if (lines.length <= room) return lines;
    if (room < 2) return [];
    return [...lines.slice(0, room - 1), `… ${lines.length - room + 1} more`];
  }

  /** Erases the old area and draws the new one; `text` (a result) goes between them. */
  function repaint(text?: string, lines = area()) {
    const before = erase();
    drawn = lines;
    const parts = [...(text === undefined ? [] : [text]), ...drawn];
    if (parts.length > 0) sink.out(before + parts.join('\n'));
    else if (before) terminal.write(before);
  }

  function refresh() {
    if (!live) return;
    const next = area();
    if (next.join('\n') !== drawn.join('\n')) repaint(undefined, next);
  }

  return {
    out(text) {
      if (live) repaint(text);
      else sink.out(text);
    },
    err(text) {
      if (!live) return sink.err(text);
      const before = erase();
      if (before) terminal.write(before);
      drawn = [];
      sink.err(text);
      repaint();
    },
    hide: (secret) => sink.hide(secret),
    start() {
      if (live) return;
      live = true;
      repaint();
      cancelTimer = every(intervalMs, refresh);
    },
    refresh,
    stop() {
      if (!live) return;
      live = false;
      cancelTimer();
      const before = erase();
      drawn = [];
      if (before) terminal.write(before);
    },
  };
}
