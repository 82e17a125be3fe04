import { describe, expect, it } from 'vitest';
import type { ReportEvent } from '../../../src/output/events.js';
import type { Every } from '../../../src/output/live-sink.js';
import { createSink } from '../../../src/output/sink.js';
import { statusReporter } from '../../../src/output/status-reporter.js';
import { styleFor } from '../../../src/output/style.js';
import { VirtualScreen } from '../../helpers/virtual-screen.js';

// Local time: run headers show the clock time where the tests run.
const T0 = new Date(2026, 0, 1, 18, 20, 0).getTime();
const SEP = `── status ${'─'.repeat(50)}`;

function setup(
  loops = [{ name: 'voice', schedule: { kind: 'interval' as const, everyMs: 5000 }, count: 3 }],
) {
  const screen = new VirtualScreen(100);
  const sink = createSink({ write: screen.write }, { write: screen.write });
  const clock = { now: T0 };
  const timer = { running: false, tick: () => {} };
  const every: Every = (_, tick) => {
    Object.assign(timer, { running: true, tick });
    return () => {
      timer.running = false;
    };
  };
  const reporter = statusReporter({
    sink,
    terminal: { write: screen.write, columns: 100, rows: 30 },
    style: styleFor(false),
    verbosity: 'normal',
    loops,
    now: () => clock.now,
    every,
  });
  return {
    screen,
    clock,
    timer,
    reporter,
    report: (e: ReportEvent) => reporter.report(e),
  };
}

const next = (at: number, loop = 'voice'): ReportEvent => ({ type: 'next', loop, at });
const run = (iteration: number, text: string, loop = 'voice', count = 3): ReportEvent => ({
  type: 'run',
  loop,
  action: 'list-voice',
  count,
  iteration,
  attempts: 1,
  scheduledAt: T0,
  startedAt: T0 + 5000 * (iteration - 1),
  finishedAt: T0 + 5000 * (iteration - 1) + 12,
  ok: true,
  data: {},
  text,
});

describe('the status reporter', () => {
  it('shows no area before the loops start: connection diagnostics print as usual', () => {
    const s = setup();
    s.report({ type: 'info', message: 'Connecting to the sandbox' });
    s.report({ type: 'ready', user: { id: '1', username: 'bot' }, guilds: 2 });
    expect(s.screen.lines()).toEqual([
      'Connecting to the sandbox',
      '✓ Connected as bot (2 guilds)',
    ]);
    expect(s.screen.writes.join('')).not.toContain('\u001b');
    expect(s.timer.running).toBe(false);
  });

  it('follows a loop: due, running, its result, the countdown to the next run', () => {
    const s = setup();
    s.report(next(T0));
    expect(s.screen.lines()).toEqual([SEP, 'voice  every 5s  running        0/3 runs']);
    s.report(next(T0 + 5000));
    expect(s.screen.lines()).toEqual([SEP, 'voice  every 5s  running        0/3 runs']);
    s.clock.now = T0 + 12;
    const before = s.screen.writes.length;
    s.report(run(1, 'Alpha Guild\n\tAlice (General)'));
    // Header and body, each with the area below it already showing this run: no stale frame.
    const writes = s.screen.writes.slice(before);
    expect(writes).toHaveLength(2);
    for (const write of writes) expect(write).toContain('1/3 runs');
    expect(s.screen.lines()).toEqual([
      '── 18:20:00 voice #1/3',
      'Alpha Guild',
      '\tAlice (General)',
      SEP,
      'voice  every 5s  next in 5s     1/3 runs  ✓ Alpha Guild · Alice (General) (12 ms)',
    ]);
    s.clock.now = T0 + 2100;
    s.timer.tick();
    expect(s.screen.lines().at(-1)).toBe(
      'voice  every 5s  next in 3s     1/3 runs  ✓ Alpha Guild · Alice (General) (12 ms)',
    );
  });

  it('follows a reload: an added loop appears, a changed one shows its new schedule, a removed one goes', () => {
    const s = setup([
      { name: 'voice', schedule: { kind: 'interval' as const, everyMs: 5000 }, count: 3 },
      { name: 'old', schedule: { kind: 'interval' as const, everyMs: 5000 }, count: 3 },
    ]);
    s.report(next(T0));
    s.report(next(T0, 'old'));
    s.report({
      type: 'reload',
      ok: true,
      added: ['fresh'],
      removed: ['old'],
      changed: ['voice'],
      unchanged: 0,
      loops: [
        { name: 'fresh', schedule: 'every 1m', count: undefined },
        { name: 'voice', schedule: 'every 10s', count: 3 },
      ],
    });
    s.report(next(T0 + 60_000, 'fresh'));
    expect(s.screen.lines().slice(-3)).toEqual([
      SEP,
      'voice  every 10s  running        0/3 runs',
      'fresh  every 1m   next in 1m     0 runs',
    ]);
  });

  it('does not count a tick skipped for overlap as a run in flight', () => {
    const s = setup();
    s.report(next(T0));
    s.report(next(T0 + 5000));
    s.report(run(1, 'one'));
    s.report(next(T0 + 10_000));
    s.report({
      type: 'skip',
      loop: 'voice',
      tick: 2,
      scheduledAt: T0 + 5000,
      reason: 'overlap',
      ticks: 1,
    });
    s.clock.now = T0 + 5100;
    s.timer.tick();
    expect(s.screen.lines().at(-1)).toBe('voice  every 5s  next in 5s     1/3 runs  ✓ one (12 ms)');
  });

  it('takes the area down once every loop has ended, and lets the timer go', () => {
    const s = setup([
      { name: 'voice', schedule: { kind: 'interval', everyMs: 5000 }, count: 1 },
      { name: 'counts', schedule: { kind: 'interval', everyMs: 60_000 }, count: 1 },
    ]);
    s.report(next(T0));
    s.report(next(T0, 'counts'));
    s.report(run(1, 'voice result', 'voice', 1));
    s.report({ type: 'end', loop: 'voice', runs: 1, reason: 'count' });
    expect(s.screen.lines().slice(-3)).toEqual([
      SEP,
      'voice   every 5s  done           1/1 runs  ✓ voice result (12 ms)',
      'counts  every 1m  running        0/1 runs',
    ]);
    s.report(run(1, 'counts result', 'counts', 1));
    s.report({ type: 'end', loop: 'counts', runs: 1, reason: 'count' });
    expect(s.screen.lines()).toEqual([
      '── 18:20:00 voice #1/1',
      'voice result',
      'voice finished after 1 run',
      '── 18:20:00 counts #1/1',
      'counts result',
      'counts finished after 1 run',
    ]);
    expect(s.timer.running).toBe(false);
  });

  it('writes a diagnostic during the run (Ctrl-C\'s "Stopping…") above the area, not over it', () => {
    const s = setup();
    s.report(next(T0));
    s.report({ type: 'info', message: 'Stopping after the running loops finish' });
    const lines = s.screen.lines();
    expect(lines[0]).toBe('Stopping after the running loops finish');
    expect(lines[1]).toBe(SEP);
    expect(lines[2]).toMatch(/^voice {2}every 5s/);
  });

  it('close() takes the area down for good', () => {
    const s = setup();
    s.report(next(T0));
    s.reporter.close();
    s.report(next(T0 + 5000));
    expect(s.screen.lines()).toEqual([]);
  });
});
