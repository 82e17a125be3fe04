import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { init } from '../../src/cli/init.js';
import { main } from '../../src/cli/main.js';
import { run } from '../../src/cli/run.js';
import { validate } from '../../src/cli/validate.js';
import { captureContext } from '../helpers/in-process.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'discloop-commands-'));
});

const CONFIG = `timezone: Europe/Moscow
loops:
  - name: voice-report
    action: list-voice
    seconds: 10
    count: 2
  - name: twice-a-day
    action: member-count
    time: ["21:30:15", "09:00"]
  - name: mondays
    action: member-count
    cron: "0 12 * * 1"
    timezone: America/New_York
    jitter: 30s
    overlap: wait
  - name: parked
    action: list-voice
    minutes: 1
    enabled: false
`;

describe('discloop validate', () => {
  it('lists each loop, its schedule in words and its next runs in its own timezone', async () => {
    await writeFile(path.join(dir, 'loops.yaml'), CONFIG);
    const { ctx, stdout } = captureContext(dir, {});
    const now = Date.parse('2026-11-24T10:00:00Z'); // a Tuesday, 13:00 in Moscow
    expect(await validate(undefined, { color: false }, ctx, now)).toBe(0);
    const text = stdout();
    expect(text).toContain('✓ loops.yaml: 3 loops to run');
    expect(text).toContain('voice-report (list-voice): every 10s, 2 runs');
    expect(text).toContain(
      'twice-a-day (member-count): every day at 09:00 and 21:30:15 (Europe/Moscow)\n    2026-11-24 21:30:15 GMT+3\n    2026-11-25 09:00:00 GMT+3\n    2026-11-25 21:30:15 GMT+3',
    );
    expect(text).toContain(
      'mondays (member-count): at 12:00, only on Monday (cron "0 12 * * 1", America/New_York), jitter up to 30s, overlap: wait\n    2026-11-30 12:00:00 GMT−5\n    2026-12-07 12:00:00 GMT−5',
    );
    expect(text).toContain('disabled: parked');
    // An interval loop with count 2 has just 2 runs to show.
    const block = text.split('\n\n').find((b) => b.includes('voice-report'));
    expect(block?.split('\n').filter((line) => line.startsWith('    2026'))).toHaveLength(2);
  });

  it('exits 2 on problems, printing file:line:col, the line and a caret, and no stack', async () => {
    await writeFile(
      path.join(dir, 'loops.yaml'),
      'loops:\n  - name: v\n    action: list-voice\n    secnds: 10\n',
    );
    const { ctx, stdout, stderr } = captureContext(dir, { NO_COLOR: '1' });
    expect(await main(['validate'], ctx)).toBe(2);
    expect(stdout()).toBe('');
    expect(stderr()).toContain(
      'loops.yaml:4:5  unknown key "secnds": did you mean "seconds"?\n 4 |     secnds: 10\n   |     ^^^^^^',
    );
    expect(stderr()).toContain('✗ loops.yaml has 2 problems (see above).');
    expect(stderr()).not.toMatch(/\n\s+at /);
  });

  it('returns 2 for a config with problems rather than throwing, as run does too', async () => {
    await writeFile(
      path.join(dir, 'loops.yaml'),
      'loops:\n  - { name: v, action: list-voise, seconds: 1 }\n',
    );
    const { ctx, stderr } = captureContext(dir, { NO_COLOR: '1' });
    expect(await validate(undefined, { color: false }, ctx)).toBe(2);
    expect(await run(undefined, { color: false, state: true }, ctx)).toBe(2);
    const report =
      'loops.yaml:2:24  unknown action "list-voise": did you mean "list-voice"?\n 2 |   - { name: v, action: list-voise, seconds: 1 }\n   |                        ^^^^^^^^^^\n✗ loops.yaml has 1 problem (see above).\n';
    expect(stderr()).toBe(report + report);
  });
});

describe('discloop init', () => {
  it('writes a starter config that validates as it is', async () => {
    const { ctx } = captureContext(dir);
    expect(await init(undefined, {}, ctx)).toBe(0);
    const { ctx: check, stdout } = captureContext(dir);
    expect(await validate(undefined, { color: false }, check)).toBe(0);
    expect(stdout()).toContain('2 loops to run');
  });

  it('refuses to overwrite a file without --force, and overwrites with it', async () => {
    await writeFile(path.join(dir, 'mine.yaml'), 'precious\n');
    const { ctx, stderr } = captureContext(dir, { NO_COLOR: '1' });
    expect(await main(['init', 'mine.yaml'], ctx)).toBe(2);
    expect(stderr()).toContain('✗ mine.yaml already exists.\n  Pass --force to overwrite it');
    expect(await readFile(path.join(dir, 'mine.yaml'), 'utf8')).toBe('precious\n');
    expect(await main(['init', 'mine.yaml', '--force'], ctx)).toBe(0);
    expect(await readFile(path.join(dir, 'mine.yaml'), 'utf8')).toContain('loops:');
  });
});

describe('discloop schema', () => {
  it('prints the JSON Schema', async () => {
    const { ctx, stdout } = captureContext(dir);
    expect(await main(['schema'], ctx)).toBe(0);
    const schema = JSON.parse(stdout());
    expect(
      schema.properties.loops.items.oneOf.map(
        (l: { properties: { action: { const: string } } }) => l.properties.action.const,
      ),
    ).toEqual([
      'list-voice',
      'member-count',
      'guilds',
      'send-message',
      'rename-channel',
      'purge',
      'set-presence',
    ]);
  });
});
