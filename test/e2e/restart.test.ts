import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type Emulator, startEmulator } from '@discloop/emulator';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { spawnCli } from '../helpers/cli.js';
import { validNdjson } from '../helpers/ndjson-schema.js';

let emu: Emulator;
let dir: string;
beforeAll(async () => {
  // Restarts seconds apart on one shard: Discord's 5 s between IDENTIFYs would only add op 9s
  // and retries here (identify pacing has its own tests: test/e2e/identify-limits.test.ts).
  emu = await startEmulator({ sessionStartLimit: false });
});
afterAll(() => emu.close());
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'discloop-restart-'));
});

const start = (...args: string[]) =>
  spawnCli(
    ['run', 'loops.yaml', '--json', ...args],
    { DISCORD_TOKEN: emu.token, DISCLOOP_API_URL: emu.apiUrl },
    dir,
  );
const iterations = (stdout: string) =>
  validNdjson(stdout).flatMap((l) => (l.type === 'run' ? [l.iteration] : []));
const isRun = (n: number) => (line: string) =>
  line.includes('"type":"run"') && line.includes(`"iteration":${n},`);

describe('a restart continues where the last process stopped', () => {
  beforeEach(() =>
    writeFile(
      path.join(dir, 'loops.yaml'),
      'loops:\n  - { name: four, action: list-voice, seconds: 1, count: 4 }\n',
    ),
  );

  it('after SIGTERM at run 2: runs 3 and 4 follow, then exit 0; a third start exits at once', async () => {
    const first = start();
    await first.nextLine(isRun(2));
    first.child.kill('SIGTERM');
    const stopped = await first.exit;
    expect(stopped.code).toBe(0);
    expect(iterations(stopped.stdout)).toEqual([1, 2]);

    const second = await start().exit;
    expect(second.code).toBe(0);
    expect(iterations(second.stdout)).toEqual([3, 4]);
    expect(second.stderr).toContain('four: continuing after run 2.');

    const third = await start().exit;
    expect(third.code).toBe(0);
    expect(iterations(third.stdout)).toEqual([]);
    expect(third.stderr).toContain('four: already finished (4 of 4 runs)');
  });

  it('after SIGKILL: the state file is intact and no finished run is repeated', async () => {
    const first = start();
    await first.nextLine(isRun(2));
    // Run 2's state is written behind, within milliseconds; run 3 is a second away.
    await new Promise((resolve) => setTimeout(resolve, 300));
    first.child.kill('SIGKILL');
    await first.exit;
    const state = JSON.parse(await readFile(path.join(dir, '.discloop', 'state.json'), 'utf8'));
    expect(state).toMatchObject({ version: 1, loops: { four: { runs: expect.any(Number) } } });
    const recorded = state.loops.four.runs as number;
    expect([2, 3]).toContain(recorded); // 3: killed with run 3 in flight
    const second = await start().exit;
    expect(second.code).toBe(0);
    expect(iterations(second.stdout)).toEqual([3, 4].filter((n) => n > recorded));
  });

  it('a second run on the same state file is refused, naming the pid', async () => {
    const first = start();
    await first.nextLine(isRun(1));
    const second = await start().exit;
    first.child.kill('SIGTERM');
    await first.exit;
    expect(second.code).toBe(2);
    expect(second.stderr).toContain(`Another discloop (pid ${first.child.pid}) is running`);
    expect(second.stderr).not.toMatch(/This is a bug|\n\s+at /);
  });

  it('--no-state and --fresh start from run 1', async () => {
    await start().exit;
    expect(iterations((await start('--no-state').exit).stdout)).toEqual([1, 2, 3, 4]);
    expect(iterations((await start('--fresh').exit).stdout)).toEqual([1, 2, 3, 4]);
  });
});

describe('a time of day missed while discloop was down', () => {
  it('runs once at the next start, marked catchUp', async () => {
    const hhmmss = (ms: number) => new Date(ms).toTimeString().slice(0, 8);
    const config = (time: string) =>
      writeFile(
        path.join(dir, 'loops.yaml'),
        `loops:\n  - { name: daily, action: guilds, time: "${time}" }\n`,
      );
    // First life: the slot comes soon after start, runs, and leaves a state behind.
    await config(hhmmss(Date.now() + 3000));
    const first = start();
    await first.nextLine(isRun(1), 8000);
    first.child.kill('SIGTERM');
    await first.exit;
    // Down: the slot moves into the downtime, 1 s after the stop.
    await config(hhmmss(Date.now() + 1000));
    await new Promise((resolve) => setTimeout(resolve, 2500));
    const second = start();
    const line = await second.nextLine(isRun(2), 5000);
    second.child.kill('SIGTERM');
    await second.exit;
    expect(JSON.parse(line)).toMatchObject({ iteration: 2, catchUp: true });
  }, 20_000);
});
