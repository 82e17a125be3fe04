import { describe, expect, it } from 'vitest';
import {
  formatCountdown,
  type LoopStatus,
  oneLine,
  renderStatus,
} from '../../../src/output/status-area.js';
import { styleFor } from '../../../src/output/style.js';
import { displayWidth } from '../../../src/output/text-width.js';
import { colorsOpenedAndClosed, endsInsideEscape, stripAnsi } from '../../helpers/ansi.js';

const NOW = Date.UTC(2026, 0, 1, 18, 20, 1);
const plain = styleFor(false);
const colored = styleFor(true);

function loop(overrides: Partial<LoopStatus> = {}): LoopStatus {
  return {
    name: 'voice-report',
    schedule: 'every 10s',
    count: 5,
    runs: 3,
    running: false,
    nextAt: NOW + 4000,
    ended: false,
    last: { ok: true, summary: '2 guilds, 3 in voice', durationMs: 12 },
    ...overrides,
  };
}

describe('renderStatus', () => {
  it('shows each loop on one line under a dim separator, columns aligned', () => {
    const lines = renderStatus(
      [
        loop(),
        loop({
          name: 'member-counts',
          schedule: 'every 1m',
          count: undefined,
          runs: 1,
          nextAt: NOW + 130_000,
          last: { ok: true, summary: 'Alpha Guild: 11 members', durationMs: 7 },
        }),
      ],
      NOW,
      100,
      plain,
    );
    expect(lines).toEqual([
      `── status ${'─'.repeat(50)}`,
      'voice-report   every 10s  next in 4s     3/5 runs  ✓ 2 guilds, 3 in voice (12 ms)',
      'member-counts  every 1m   next in 2m10s  1 run     ✓ Alpha Guild: 11 members (7 ms)',
    ]);
  });

  it.each<[string, Partial<LoopStatus>, string]>([
    ['waiting', {}, 'l  every 10s  next in 4s     3/5 runs  ✓ 2 guilds, 3 in voice (12 ms)'],
    [
      'running',
      { running: true },
      'l  every 10s  running        3/5 runs  ✓ 2 guilds, 3 in voice (12 ms)',
    ],
    [
      'past due (its last run, which announces no next time)',
      { nextAt: NOW - 10 },
      'l  every 10s  running        3/5 runs  ✓ 2 guilds, 3 in voice (12 ms)',
    ],
    [
      'failed',
      {
        last: { ok: false, code: 'timeout', message: 'The run took too long.', durationMs: 5000 },
      },
      'l  every 10s  next in 4s     3/5 runs  ✗ timeout: The run took too long. (5.0 s)',
    ],
    [
      'done',
      { ended: true, runs: 5, nextAt: NOW + 4000 },
      'l  every 10s  done           5/5 runs  ✓ 2 guilds, 3 in voice (12 ms)',
    ],
    [
      'all counted runs finished, before the scheduler says it ended',
      { runs: 5, nextAt: NOW - 10 },
      'l  every 10s  done           5/5 runs  ✓ 2 guilds, 3 in voice (12 ms)',
    ],
    [
      'no count',
      { count: undefined },
      'l  every 10s  next in 4s     3 runs  ✓ 2 guilds, 3 in voice (12 ms)',
    ],
    [
      'no next time',
      { nextAt: undefined },
      'l  every 10s  —              3/5 runs  ✓ 2 guilds, 3 in voice (12 ms)',
    ],
    ['not run yet', { runs: 0, last: undefined }, 'l  every 10s  next in 4s     0/5 runs'],
    [
      'a multi-line result, on one line',
      { last: { ok: true, summary: 'Alpha Guild\n\tAlice (General)\n', durationMs: 3 } },
      'l  every 10s  next in 4s     3/5 runs  ✓ Alpha Guild · Alice (General) (3 ms)',
    ],
    [
      'an empty result',
      { last: { ok: true, summary: '', durationMs: 3 } },
      'l  every 10s  next in 4s     3/5 runs  ✓ ok (3 ms)',
    ],
  ])('%s', (_, overrides, expected) => {
    expect(renderStatus([loop({ name: 'l', ...overrides })], NOW, 120, plain)[1]).toBe(expected);
  });

  it('cuts the result first, keeping its duration, so every line fits the width', () => {
    const long = { ok: true as const, summary: 'x'.repeat(200), durationMs: 12 };
    const lines = renderStatus([loop({ last: long })], NOW, 70, plain);
    expect(lines[1]).toBe(
      `voice-report  every 10s  next in 4s     3/5 runs  ✓ ${'x'.repeat(9)}… (12 ms)`,
    );
    expect(lines.map(displayWidth)).toEqual([60, 70]);
  });

  it('cuts the whole line at the end when the terminal is too narrow for the result', () => {
    const lines = renderStatus([loop()], NOW, 30, plain);
    expect(lines).toEqual(['── status ────────────────────', 'voice-report  every 10s  next…']);
  });

  it('shortens very long names and schedules so the other columns keep their place', () => {
    const lines = renderStatus(
      [
        loop({
          name: 'a-very-long-loop-name-that-goes-on-and-on',
          schedule: 'at 09:00, only on Monday (cron "0 9 * * 1", Europe/Moscow)',
          last: undefined,
        }),
      ],
      NOW,
      120,
      plain,
    );
    expect(lines[1]).toBe(
      'a-very-long-loop-name-t…  at 09:00, only on Monday (cron…  next in 4s     3/5 runs',
    );
  });

  it('never cuts through a color: the colored lines are the plain ones with styling added', () => {
    const loops = [
      loop({ last: { ok: true, summary: 'y'.repeat(300), durationMs: 1 } }),
      loop({
        name: 'b',
        running: true,
        last: { ok: false, code: 'c', message: 'm', durationMs: 1 },
      }),
      loop({ name: 'c', ended: true }),
    ];
    for (const width of [20, 33, 47, 64, 200]) {
      const lines = renderStatus(loops, NOW, width, colored);
      expect(lines.map(stripAnsi)).toEqual(renderStatus(loops, NOW, width, plain));
      for (const line of lines) {
        expect(endsInsideEscape(line)).toBe(false);
        // Every color opened is closed again: bold/dim by 22, colors by 39.
        const { opened, closed } = colorsOpenedAndClosed(line);
        expect(closed).toBe(opened);
      }
    }
  });

  it('colors the marks and states when colors are on', () => {
    const lines = renderStatus(
      [
        loop({ running: true }),
        loop({
          name: 'b',
          ended: true,
          last: { ok: false, code: 'c', message: 'm', durationMs: 1 },
        }),
      ],
      NOW,
      120,
      colored,
    );
    expect(lines[0]?.startsWith('\u001b[2m── status')).toBe(true);
    expect(lines[1]).toContain('\u001b[33mrunning\u001b[39m');
    expect(lines[1]).toContain('\u001b[32m✓\u001b[39m');
    expect(lines[2]).toContain('\u001b[2mdone\u001b[22m');
    expect(lines[2]).toContain('\u001b[31m✗\u001b[39m');
  });

  it('shows nothing for no loops', () => {
    expect(renderStatus([], NOW, 80, plain)).toEqual([]);
  });
});

describe('formatCountdown', () => {
  it.each([
    [4000, '4s'],
    [3001, '4s'],
    [1, '1s'],
    [0, '1s'],
    [59_000, '59s'],
    [59_500, '1m'],
    [130_000, '2m10s'],
    [3 * 3_600_000, '3h'],
    [3 * 3_600_000 + 30_000, '3h'],
    [3 * 3_600_000 + 90_000, '3h1m'],
    [26 * 3_600_000, '1d2h'],
    [48 * 3_600_000, '2d'],
  ])('%d ms → %s', (ms, text) => {
    expect(formatCountdown(ms)).toBe(text);
  });
});

describe('oneLine', () => {
  it('joins non-empty lines, trimmed, with a middle dot', () => {
    expect(oneLine('Alpha Guild\n\tAlice (General)\r\n\nBeta Guild\n')).toBe(
      'Alpha Guild · Alice (General) · Beta Guild',
    );
  });

  it('drops control characters a guild or member name could smuggle in', () => {
    expect(oneLine('evil\u001b[2Jname\u0007')).toBe('evil [2Jname');
  });
});
