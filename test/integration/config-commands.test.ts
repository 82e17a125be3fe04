import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { init } from '../../src/cli/init.js';
import { main } from '../../src/cli/main.js';
import { run } from '../../src/cli/run.js';
import { validate } from '../../src/cli/validate.js';
import { MINIMAL_CONFIG } from '../../src/config/starter.js';
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

  it("warns at a schedule's file:line:col when it can run an action past a rate-limit budget", async () => {
    await writeFile(
      path.join(dir, 'loops.yaml'),
      `loops:
  - name: counter
    action: rename-channel
    with: { channel: Members, name: "Members: {guild.memberCount}" }
    seconds: 30
  - name: status
    action: set-presence
    with: { activities: ["Watching {bot.guildCount} guilds"] }
    cron: "*/20 * * * * *"
  - name: calm
    action: set-presence
    with: { status: idle }
    minutes: 1
`,
    );
    const { ctx, stdout, stderr } = captureContext(dir, { NO_COLOR: '1' });
    expect(await validate(undefined, { color: false }, ctx)).toBe(0);
    expect(stdout()).toContain('3 loops to run');
    const warnings = stderr()
      .split('\n')
      .filter((line) => line.startsWith('! '));
    expect(warnings).toEqual([
      '! loops.yaml:5:5  rename-channel here can run every 30s, but Discord allows 2 renames per channel per 10 minutes: run it every 5m or less often',
      expect.stringMatching(
        /^! loops\.yaml:9:5 {2}set-presence here can run every 20s, but each presence update .*: run it every 1m or less often$/,
      ),
    ]);
    expect(stderr()).toContain(' 5 |     seconds: 30\n   |     ^^^^^^^');
  });

  it('builds one clock per zone, not one per printed time, however many loops share it', async () => {
    // Building an Intl.DateTimeFormat is what made 10,000 loops take seconds (bench/validate.js).
    const zones = ['Europe/Moscow', 'Asia/Tokyo', 'America/New_York'];
    const loops = Array.from(
      { length: 300 },
      (_, i) =>
        `  - { name: l${i}, action: guilds, cron: "${i % 60} 9 * * *", timezone: ${zones[i % 3]} }`,
    );
    await writeFile(path.join(dir, 'loops.yaml'), `loops:\n${loops.join('\n')}\n`);
    const { ctx, stdout } = captureContext(dir, {});
    const Original = Intl.DateTimeFormat;
    let built = 0;
    Intl.DateTimeFormat = new Proxy(Original, {
      construct(target, args) {
        built++;
        return Reflect.construct(target, args);
      },
    });
    try {
      expect(await validate(undefined, { color: false }, ctx)).toBe(0);
    } finally {
      Intl.DateTimeFormat = Original;
    }
    expect(
      stdout()
        .split('\n')
        .filter((line) => /^ {4}\d{4}-/.test(line)),
    ).toHaveLength(900);
    expect(built).toBeLessThanOrEqual(2 * zones.length + 1);
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

describe('an empty config', () => {
  const example =
    '    loops:\n      - name: voice-report\n        action: list-voice\n        seconds: 10\n';

  it('given by path: says the file is empty and shows a minimal config, exit 2', async () => {
    await writeFile(path.join(dir, 'mine.yaml'), '');
    const { ctx, stdout, stderr } = captureContext(dir, { NO_COLOR: '1' });
    expect(await main(['validate', 'mine.yaml'], ctx)).toBe(2);
    expect(stdout()).toBe('');
    expect(stderr()).toContain(
      `mine.yaml:1:1  the file is empty: expected a config with at least one loop, such as:\n${example}`,
    );
    expect(stderr()).not.toContain('undefined');
  });

  it('found by search: is reported as empty, not as missing', async () => {
    await writeFile(path.join(dir, 'loops.yaml'), '\n  \n');
    const { ctx, stderr } = captureContext(dir, { NO_COLOR: '1' });
    expect(await main(['validate'], ctx)).toBe(2);
    expect(stderr()).toContain(
      `loops.yaml:1:1  the file is empty: expected a config with at least one loop, such as:\n${example}`,
    );
    expect(stderr()).not.toContain('No config file found');
  });

  it('is shown an example that is itself a valid config', async () => {
    await writeFile(path.join(dir, 'loops.yaml'), MINIMAL_CONFIG);
    const { ctx } = captureContext(dir);
    expect(await validate(undefined, { color: false }, ctx)).toBe(0);
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
      'post-feed',
      'purge',
      'set-presence',
    ]);
  });
});
