import { describe, expect, it } from 'vitest';
import { createLiveSink, type Every, isTerminal } from '../../../src/output/live-sink.js';
import { createSink } from '../../../src/output/sink.js';
import { styleFor } from '../../../src/output/style.js';
import { erasesIn, hasColor } from '../../helpers/ansi.js';
import { VirtualScreen } from '../../helpers/virtual-screen.js';

/** A timer the test ticks by hand. */
function manualTimer() {
  const timer = { ms: 0, tick: () => {}, running: false };
  const every: Every = (ms, tick) => {
    Object.assign(timer, { ms, tick, running: true });
    return () => {
      timer.running = false;
    };
  };
  return { timer, every };
}

/**
 * stdout and stderr both write to one virtual screen, as they do on a terminal; stderr's own
 * bytes are kept apart too.
 */
function setup({ columns = 80, rows = 24, area = ['── status', 'loop-a  next in 4s'] } = {}) {
  const screen = new VirtualScreen(columns);
  const stderr: string[] = [];
  const sink = createSink(
    { write: screen.write },
    {
      write: (text: string) => {
        stderr.push(text);
        return screen.write(text);
      },
    },
  );
  const terminal = { write: screen.write, columns, rows };
  const state = { area, widths: [] as number[] };
  const { timer, every } = manualTimer();
  const live = createLiveSink({
    sink,
    terminal,
    every,
    render: (width) => {
      state.widths.push(width);
      return state.area;
    },
  });
  return { screen, stderr, sink, terminal, state, timer, live };
}

describe('the live sink', () => {
  it('writes straight through before the area is started', () => {
    const { screen, live } = setup();
    live.out('result');
    live.err('diagnostic');
    expect(screen.writes).toEqual(['result\n', 'diagnostic\n']);
  });

  it('draws the area below what was written, and a result above it', () => {
    const { screen, live } = setup();
    live.out('before');
    live.start();
    expect(screen.lines()).toEqual(['before', '── status', 'loop-a  next in 4s']);
    live.out('── 18:20:01 loop-a #1\nbody');
    expect(screen.lines()).toEqual([
      'before',
      '── 18:20:01 loop-a #1',
      'body',
      '── status',
      'loop-a  next in 4s',
    ]);
  });

  it('erases the previous area (its 2 lines) before a write, then draws it again', () => {
    const { screen, live } = setup();
    live.start();
    screen.writes.length = 0;
    live.out('result');
    expect(screen.writes).toEqual(['\r\u001b[2A\u001b[0Jresult\n── status\nloop-a  next in 4s\n']);
  });

  it('writes diagnostics on stderr where the area was, and redraws it below them', () => {
    const { screen, stderr, live } = setup();
    live.start();
    live.out('one');
    live.err('! a warning');
    live.out('two');
    live.err('✗ a failure');
    expect(stderr).toEqual(['! a warning\n', '✗ a failure\n']);
    expect(screen.lines()).toEqual([
      'one',
      '! a warning',
      'two',
      '✗ a failure',
      '── status',
      'loop-a  next in 4s',
    ]);
    // Only stdout carries control sequences; stderr holds nothing but the lines.
    expect(stderr.join('')).not.toContain('\u001b');
  });

  it('stop() leaves no area behind and later writes go straight through', () => {
    const { screen, timer, live } = setup();
    live.start();
    live.out('result');
    live.stop();
    expect(screen.lines()).toEqual(['result']);
    expect(timer.running).toBe(false);
    screen.writes.length = 0;
    live.out('after');
    live.err('bye');
    expect(screen.writes).toEqual(['after\n', 'bye\n']);
    expect(screen.lines()).toEqual(['result', 'after', 'bye']);
  });

  it('redraws every second, and only when what the area shows has changed', () => {
    const { screen, state, timer, live } = setup();
    live.start();
    expect(timer).toMatchObject({ ms: 1000, running: true });
    screen.writes.length = 0;
    timer.tick();
    expect(screen.writes).toEqual([]);
    state.area = ['── status', 'loop-a  next in 3s'];
    timer.tick();
    expect(screen.lines()).toEqual(['── status', 'loop-a  next in 3s']);
    expect(screen.writes).toHaveLength(1);
  });

  it('refresh() redraws a changed area in place, even when it has fewer lines', () => {
    const { screen, state, live } = setup();
    live.out('kept');
    live.start();
    state.area = ['just one line'];
    live.refresh();
    expect(screen.lines()).toEqual(['kept', 'just one line']);
    state.area = ['a', 'b', 'c'];
    live.refresh();
    expect(screen.lines()).toEqual(['kept', 'a', 'b', 'c']);
  });

  it('renders one column narrower than the terminal and cuts what is still too wide', () => {
    const { screen, state, live } = setup({ columns: 20 });
    state.area = ['x'.repeat(50), 'short'];
    live.out('above');
    live.start();
    live.out('below');
    expect(state.widths.every((w) => w === 19)).toBe(true);
    // Had the long line wrapped, the erase (2 lines up) would have left a piece of it behind.
    expect(screen.lines()).toEqual(['above', 'below', `${'x'.repeat(18)}…`, 'short']);
  });

  it('keeps the area below the terminal height, saying how many lines it left out', () => {
    const { screen, state, live } = setup({ rows: 4 });
    state.area = ['l1', 'l2', 'l3', 'l4', 'l5', 'l6'];
    live.start();
    live.out('result');
    expect(screen.lines()).toEqual(['result', 'l1', 'l2', '… 4 more']);
  });

  it('treats a size of 0 (an unsized pseudo-terminal) as unknown: 80 columns, no height cap', () => {
    const { state, terminal, live } = setup();
    terminal.columns = 0;
    terminal.rows = 0;
    live.start();
    expect(state.widths).toEqual([79]);
  });

  it('redacts hidden secrets in results, diagnostics and the area alike', () => {
    const secret = 'MTIz.secret-token.value';
    const { screen, stderr, state, live } = setup();
    state.area = [`last: ${secret}`];
    live.hide(secret);
    live.start();
    live.out(`result ${secret}`);
    live.err(`error ${secret}`);
    expect(screen.writes.join('')).not.toContain(secret);
    expect(stderr).toEqual(['error [redacted]\n']);
    expect(screen.lines()).toEqual(['result [redacted]', 'error [redacted]', 'last: [redacted]']);
  });

  it('adds no colors of its own: with the plain style only cursor moves are written', () => {
    const { screen, state, live } = setup();
    state.area = [styleFor(false).dim('── status'), 'loop-a  next in 4s'];
    live.start();
    live.out('result');
    live.err('warning');
    live.stop();
    const bytes = screen.writes.join('');
    expect(hasColor(bytes)).toBe(false);
    expect(erasesIn(bytes)).toEqual([2, 2, 2]);
  });
});

describe('isTerminal', () => {
  it('accepts a TTY it can write to, nothing else', () => {
    const write = () => true;
    expect(isTerminal({ isTTY: true, write } as { isTTY: boolean })).toBe(true);
    expect(isTerminal({ isTTY: false, write } as { isTTY: boolean })).toBe(false);
    expect(isTerminal({ isTTY: true })).toBe(false);
    expect(isTerminal({})).toBe(false);
  });
});
