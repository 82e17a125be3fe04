import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEFAULT_IDS, type Emulator, startEmulator } from '@discloop/emulator';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { spawnCli } from '../helpers/cli.js';
import { type JsonRun, parseLines, voiceOf } from '../helpers/run-json.js';

const { users, channels, guilds } = DEFAULT_IDS;
let emu: Emulator;
let dir: string;

beforeEach(async () => {
  emu = await startEmulator({ heartbeatIntervalMs: 1000 });
  dir = await mkdtemp(path.join(tmpdir(), 'discloop-e2e-'));
  await writeFile(
    path.join(dir, 'loops.yaml'),
    'loops:\n  - name: voice-report\n    action: list-voice\n    seconds: 1\n    count: 3\n',
  );
});
afterEach(() => emu.close());

function start() {
  return spawnCli(
    ['run', 'loops.yaml', '--json'],
    { DISCORD_TOKEN: emu.token, DISCLOOP_API_URL: emu.apiUrl },
    dir,
  );
}
const isRun = (n: number) => (line: string) =>
  line.includes('"type":"run"') && line.includes(`"iteration":${n},`);

describe('discloop run (spawned, against the emulator)', () => {
  it('runs 3 times, each run showing the world as it is at that moment, then exits 0', async () => {
    const cli = start();
    await cli.nextLine(isRun(1));
    emu.voiceMove(users.alice, channels.alphaGaming);
    await cli.nextLine(isRun(2));
    emu.voiceLeave(users.dave, guilds.alpha);
    const { code, stdout } = await cli.exit;
    expect(code).toBe(0);
    const lines = parseLines(stdout);
    expect(lines.map((l) => l.type)).toEqual(['ready', 'run', 'run', 'run', 'end']);
    const runs = lines.filter((l) => l.type === 'run') as unknown as JsonRun[];
    expect(runs.map((r) => voiceOf(r, 'Alpha Guild'))).toEqual([
      { General: ['Alice', 'Bobby'], Gaming: ['dave'] },
      { General: ['Bobby'], Gaming: ['Alice', 'dave'] },
      { General: ['Bobby'], Gaming: ['Alice'] },
    ]);
    expect(lines.at(-1)).toMatchObject({ type: 'end', loop: 'voice-report', runs: 3 });
  });

  it('survives an op 7 and a dropped socket between runs, resuming with the missed events', async () => {
    const cli = start();
    await cli.nextLine(isRun(1));
    emu.reconnect();
    emu.voiceMove(users.alice, channels.alphaGaming);
    await cli.nextLine(isRun(2));
    emu.dropSocket();
    emu.voiceLeave(users.dave, guilds.alpha);
    const { code, stdout } = await cli.exit;
    expect(code).toBe(0);
    const lines = parseLines(stdout);
    const runs = lines.filter((l) => l.type === 'run') as unknown as JsonRun[];
    expect(runs.map((r) => [r.iteration, r.ok])).toEqual([
      [1, true],
      [2, true],
      [3, true],
    ]);
    expect(runs.map((r) => voiceOf(r, 'Alpha Guild'))).toEqual([
      { General: ['Alice', 'Bobby'], Gaming: ['dave'] },
      { General: ['Bobby'], Gaming: ['Alice', 'dave'] },
      { General: ['Bobby'], Gaming: ['Alice'] },
    ]);
    // Both faults were resumed (op 6), never re-identified (a single op 2).
    const sent = emu.payloads.filter((p) => p.direction === 'in');
    expect(sent.filter((p) => p.op === 2)).toHaveLength(1);
    expect(sent.filter((p) => p.op === 6)).toHaveLength(2);
    expect(lines.filter((l) => l.type === 'reconnect').map((l) => l.resumed)).toEqual([true, true]);
    expect(lines.filter((l) => l.type === 'disconnect')).toHaveLength(2);
  });

  it('stops cleanly on SIGINT with exit 0', async () => {
    await writeFile(
      path.join(dir, 'loops.yaml'),
      'loops:\n  - name: forever\n    action: list-voice\n    seconds: 1\n',
    );
    const cli = start();
    await cli.nextLine(isRun(1));
    cli.child.kill('SIGINT');
    const { code, stdout } = await cli.exit;
    expect(code).toBe(0);
    expect(parseLines(stdout).at(-1)).toMatchObject({ type: 'end', loop: 'forever', runs: 1 });
  });
});
