import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type Emulator, startEmulator } from '@discloop/emulator';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { spawnCli } from '../helpers/cli.js';
import { validNdjson } from '../helpers/ndjson-schema.js';

let emu: Emulator;
let dir: string;
beforeEach(async () => {
  emu = await startEmulator();
  dir = await mkdtemp(path.join(tmpdir(), 'discloop-reload-'));
});
afterEach(() => emu.close());

const write = (yaml: string) => writeFile(path.join(dir, 'loops.yaml'), yaml);
/** `discloop run loops.yaml --json --no-state` against the emulator, in the test's folder. */
const start = (...args: string[]) =>
  spawnCli(
    ['run', 'loops.yaml', '--json', '--no-state', ...args],
    { DISCORD_TOKEN: emu.token, DISCLOOP_API_URL: emu.apiUrl },
    dir,
  );
const isReload = (line: string) => line.includes('"type":"reload"');
/** Sessions started: READYs (an IDENTIFY refused with op 9 under the session start limit starts none). */
const sessions = () => emu.payloads.filter((p) => p.direction === 'out' && p.t === 'READY').length;

describe('reloading the config while it runs', () => {
  it('SIGHUP: a bad edit keeps everything, then an added loop starts and a changed one restarts, on one session', async () => {
    await write(`loops:
  - { name: guilds, action: guilds, seconds: 1 }
  - { name: steady, action: guilds, minutes: 10 }
`);
    const cli = start();
    await cli.nextLine((l) => l.includes('"loop":"guilds"') && l.includes('"iteration":2,'));

    await write('loops:\n  - { name: guilds, action: guilds, secnds: 1 }\n');
    cli.child.kill('SIGHUP');
    const bad = JSON.parse(await cli.nextLine(isReload));
    expect(bad.ok).toBe(false);
    expect(bad.problems).toContainEqual({
      file: 'loops.yaml',
      line: 2,
      column: expect.any(Number),
      message: expect.stringContaining('did you mean "seconds"'),
    });

    await write(`loops:
  - { name: guilds, action: guilds, seconds: 1 }
  - { name: steady, action: guilds, minutes: 10 }
  - { name: added, action: member-count, seconds: 1 }
`);
    cli.child.kill('SIGHUP');
    await cli.nextLine((l) => isReload(l) && l.includes('"added"') && l.includes('"ok":true'));
    await cli.nextLine((l) => l.includes('"loop":"added"') && l.includes('"iteration":1,'));

    await write(`loops:
  - { name: guilds, action: guilds, seconds: 2 }
  - { name: steady, action: guilds, minutes: 10 }
  - { name: added, action: member-count, seconds: 1 }
`);
    cli.child.kill('SIGHUP');
    await cli.nextLine((l) => isReload(l) && l.includes('"changed":["guilds"]'));
    cli.child.kill('SIGTERM');
    const { code, stdout, stderr } = await cli.exit;
    expect(code, stderr).toBe(0);
    const reloads = validNdjson(stdout).filter((l) => l.type === 'reload');
    expect(reloads).toEqual([
      expect.objectContaining({ ok: false }),
      expect.objectContaining({
        ok: true,
        added: ['added'],
        removed: [],
        changed: [],
        unchanged: 2,
      }),
      expect.objectContaining({
        ok: true,
        added: [],
        removed: [],
        changed: ['guilds'],
        unchanged: 2,
      }),
    ]);
    // The steady loop was never touched: it ran once, at the start, and nothing restarted it.
    const steady = validNdjson(stdout).filter((l) => l.type === 'run' && l.loop === 'steady');
    expect(steady).toHaveLength(1);
    expect(sessions()).toBe(1);
  }, 20_000);

  it('--watch: removing a loop ends it as removed; new intents reconnect once', async () => {
    await write(`loops:
  - { name: guilds, action: guilds, seconds: 1 }
  - { name: doomed, action: guilds, seconds: 1 }
`);
    const cli = start('--watch');
    await cli.nextLine((l) => l.includes('"loop":"doomed"') && l.includes('"iteration":1,'));
    await write(`loops:
  - { name: guilds, action: guilds, seconds: 1 }
  - { name: voice, action: list-voice, seconds: 1 }
`);
    await cli.nextLine((l) => isReload(l) && l.includes('"ok":true'));
    await cli.nextLine((l) => l.includes('"loop":"voice"') && l.includes('"iteration":1,'));
    cli.child.kill('SIGTERM');
    const { code, stdout, stderr } = await cli.exit;
    expect(code, stderr).toBe(0);
    const lines = validNdjson(stdout);
    expect(lines.find((l) => l.type === 'end' && l.loop === 'doomed')).toMatchObject({
      reason: 'removed',
    });
    expect(lines.find((l) => l.type === 'reload')).toMatchObject({
      added: ['voice'],
      removed: ['doomed'],
    });
    expect(stderr).toContain(
      'The loops now need intents Guilds, GuildVoiceStates (were Guilds): reconnecting.',
    );
    expect(sessions()).toBe(2);
  }, 20_000);
});
