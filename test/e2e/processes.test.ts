import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type Emulator, startEmulator } from '@discloop/emulator';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type CliRun, killLeftover, spawnCli } from '../helpers/cli.js';
import { fourShards, GUILDS, generalOf } from '../helpers/four-shards.js';
import { type NdjsonLine, validNdjson } from '../helpers/ndjson-schema.js';

let emu: Emulator;
let dir: string;
let cli: CliRun | undefined;
beforeEach(async () => {
  // maxConcurrency 4: the four shards identify together rather than 5 s apart.
  emu = await startEmulator({ world: { ...fourShards, maxConcurrency: 4 } });
  dir = await mkdtemp(path.join(tmpdir(), 'discloop-processes-'));
});
afterEach(async () => {
  await killLeftover(cli);
  cli = undefined;
  await emu.close();
});

const config = (loops: string[]) =>
  writeFile(path.join(dir, 'loops.yaml'), `loops:\n${loops.map((l) => `  - ${l}\n`).join('')}`);
const postLoop = (guild: string, count = '') =>
  `{ name: post-${guild}, action: send-message, with: { channel: general, guild: ${guild}, content: "slot {loop.iteration}" }, seconds: 1${count} }`;
const start = (...args: string[]) => {
  cli = spawnCli(
    ['run', 'loops.yaml', ...args],
    { DISCORD_TOKEN: emu.token, DISCLOOP_API_URL: emu.apiUrl },
    dir,
  );
  return cli;
};
const posted = (guild: string) => {
  const channel = generalOf(guild);
  return emu.requests
    .filter(
      (r) =>
        r.route === 'POST /channels/:id/messages' && r.params.id === channel && r.status === 200,
    )
    .map((r) => (r.body as { content: string }).content);
};
const shardsOf = (line: NdjsonLine) => (line as { shards?: string }).shards;
const voiceRuns = (lines: NdjsonLine[], shards: string) =>
  lines.flatMap((l) =>
    l.type === 'run' && l.loop === 'voice' && shardsOf(l) === shards ? [l.iteration] : [],
  );
const isVoiceRun = (shards: string, atLeast: number) => (line: string) => {
  if (!line.includes('"type":"run"') || !line.includes(`"shards":"${shards}"`)) return false;
  const run = JSON.parse(line) as { loop: string; iteration: number };
  return run.loop === 'voice' && run.iteration >= atLeast;
};
const pidOf = async (run: CliRun, shards: string, word: 'Started' | 'Restarted') => {
  const line = await run.nextErrLine((l) => l.startsWith(`[shards ${shards}] ${word} process`));
  return Number(/\(pid (\d+)\)/.exec(line)?.[1]);
};
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('run --processes on one machine', () => {
  it('spreads the shards over two children: each slot runs once, exit 0, NDJSON labelled by range', async () => {
    await config([
      '{ name: voice, action: list-voice, seconds: 1, count: 2 }',
      ...GUILDS.map((g) => postLoop(g, ', count: 2')),
    ]);
    const done = await start('--json', '--no-state', '--processes', '2', '--shard-count', '4').exit;
    expect(done.code, done.stderr).toBe(0);
    const lines = validNdjson(done.stdout);
    expect(new Set(lines.map(shardsOf))).toEqual(new Set(['0-1', '2-3']));
    expect(
      lines
        .filter((l) => l.type === 'ready')
        .map(shardsOf)
        .sort(),
    ).toEqual(['0-1', '2-3']);
    for (const guild of GUILDS) expect(posted(guild), guild).toEqual(['slot 1', 'slot 2']);
    // Each child lists the guilds of its shards: together, every guild once per run.
    for (const iteration of [1, 2]) {
      const listed = lines.flatMap((l) =>
        l.type === 'run' && l.loop === 'voice' && l.iteration === iteration && l.ok
          ? (l.data as { guilds: { name: string }[] }).guilds.map((g) => g.name)
          : [],
      );
      expect(listed.sort()).toEqual(GUILDS);
    }
    // Diagnostics are labelled with the child's range; nothing crashed.
    expect(done.stderr).toMatch(/^\[shards 0-1\] Started process 1 of 2 \(pid \d+\)$/m);
    expect(done.stderr).toMatch(/^\[shards 2-3\] Connecting to /m);
    expect(done.stderr).not.toContain('crashed');
  });

  it('restarts a killed child, whose loops continue from their state, leaving the other one be; SIGHUP reloads both, SIGTERM stops both, exit 0', async () => {
    await config([
      '{ name: voice, action: list-voice, seconds: 1 }',
      postLoop('G0'),
      postLoop('G3'),
    ]);
    const run = start('--json', '--processes', '2', '--shard-count', '4');
    const [first, other] = [await pidOf(run, '0-1', 'Started'), await pidOf(run, '2-3', 'Started')];
    await run.nextLine(isVoiceRun('0-1', 2));
    // Run 2's state is written behind, within milliseconds; run 3 is a second away.
    await new Promise((resolve) => setTimeout(resolve, 300));
    process.kill(first, 'SIGKILL');
    const second = await pidOf(run, '0-1', 'Restarted');
    const lastBefore = Math.max(...voiceRuns(validNdjson(run.stdout.join('\n')), '0-1'));
    await run.nextLine(isVoiceRun('0-1', lastBefore + 1), 20_000);
    const otherSoFar = Math.max(...voiceRuns(validNdjson(run.stdout.join('\n')), '2-3'));
    await run.nextLine(isVoiceRun('2-3', otherSoFar + 1));
    run.child.kill('SIGHUP');
    const reloaded = (shards: string) => (line: string) =>
      line.includes('"type":"reload"') && line.includes(`"shards":"${shards}"`);
    await Promise.all([run.nextLine(reloaded('0-1')), run.nextLine(reloaded('2-3'))]);
    run.child.kill('SIGTERM');
    const done = await run.exit;
    expect(done.code, done.stderr).toBe(0);
    expect([first, second, other].filter(alive)).toEqual([]);
    expect((await readdir(path.join(dir, '.discloop'))).filter((f) => f.endsWith('.json'))).toEqual(
      ['state.shards-0-1-of-4.json', 'state.shards-2-3-of-4.json'],
    );

    const lines = validNdjson(done.stdout);
    expect(lines.every((l) => shardsOf(l) !== undefined)).toBe(true);
    // The crash is reported once, for the killed child's range, on stdout and stderr.
    const warnings = lines.filter((l) => l.type === 'warning' && l.message.includes('crashed'));
    expect(warnings.map(shardsOf)).toEqual(['0-1']);
    expect(warnings[0]).toMatchObject({
      message: expect.stringContaining(
        `(pid ${first}) crashed (killed by SIGKILL); restarting it in 1 s`,
      ),
    });
    expect(done.stderr).toContain(`[shards 0-1] ! Process 1 of 2 (pid ${first}) crashed`);
    // The restarted child continued its count; none ran twice.
    const restarted = voiceRuns(lines, '0-1');
    expect(restarted.filter((n) => n <= lastBefore)).toEqual(
      Array.from({ length: lastBefore }, (_, i) => i + 1),
    );
    const after = restarted.slice(lastBefore);
    expect(after[0]).toBeGreaterThan(lastBefore);
    expect(after).toEqual([...new Set(after)].sort((a, b) => a - b));
    expect(
      lines
        .filter((l) => l.type === 'ready')
        .map(shardsOf)
        .sort(),
    ).toEqual(['0-1', '0-1', '2-3']);
    // The other child: one session, runs 1, 2, 3… without a gap.
    const untouched = voiceRuns(lines, '2-3');
    expect(untouched).toEqual(Array.from({ length: untouched.length }, (_, i) => i + 1));
    expect(
      lines
        .filter((l) => l.type === 'end')
        .map(shardsOf)
        .sort(),
    ).toEqual(['0-1', '0-1', '2-3', '2-3']);
  });

  it('quits at once with 130 on a second SIGTERM while its children stop, killing them', async () => {
    // G0's posts are held by rate limits for ever: its child has a run in flight when stopping.
    const g0 = generalOf('G0');
    emu.rateLimit({ route: `POST /channels/${g0}/messages`, count: 100_000, retryAfterMs: 400 });
    await config([postLoop('G0'), '{ name: voice, action: list-voice, seconds: 1 }']);
    const run = start('--json', '--no-state', '--processes', '2', '--shard-count', '4');
    const pids = [await pidOf(run, '0-1', 'Started'), await pidOf(run, '2-3', 'Started')];
    await run.nextLine((line) => line.includes('"type":"rate-limit"'));
    run.child.kill('SIGTERM');
    await run.nextErrLine((line) => line.startsWith('Stopping: no new runs'));
    run.child.kill('SIGTERM');
    expect((await run.exit).code).toBe(130);
    // Killed, they are gone as soon as init has reaped them.
    await expect.poll(() => pids.filter(alive), { timeout: 5000 }).toEqual([]);
  });

  it('learns the shard count from Discord when none is given, and stops a child with no loop once the others are done', async () => {
    await config([postLoop('G0', ', count: 2')]);
    const done = await start('--processes', '2', '--state', 'kept.json').exit;
    expect(done.code, done.stderr).toBe(0);
    expect(posted('G0')).toEqual(['slot 1', 'slot 2']);
    // The world's 4 shards, split in two.
    expect(done.stderr).toContain(
      '[shards 2-3] No loop runs on these shards: staying connected for a reload to bring one.',
    );
    expect(done.stderr).toContain(
      'No process has a loop left to run: stopping those that were waiting for a reload.',
    );
    expect(done.stdout).toMatch(/── \S+ post-G0 #2\/2 \[shards 0-1\]/);
    // The state file named is one per child, with its range in the name.
    const kept = JSON.parse(await readFile(path.join(dir, 'kept.shards-0-1-of-4.json'), 'utf8'));
    expect(kept).toMatchObject({ loops: { 'post-G0': { runs: 2 } } });
  });

  it('stops every child and exits 3 when Discord rejects the token, restarting none', async () => {
    await config([postLoop('G0')]);
    cli = spawnCli(
      ['run', 'loops.yaml', '--processes', '2', '--shard-count', '4'],
      { DISCORD_TOKEN: 'not-the-token-at-all', DISCLOOP_API_URL: emu.apiUrl },
      dir,
    );
    const done = await cli.exit;
    expect(done.code, done.stderr).toBe(3);
    expect(done.stderr).toMatch(/^\[shards (0-1|2-3)\] ✗ Discord rejected the bot token\.$/m);
    expect(done.stderr).toMatch(/exited with code 3: every process would meet the same/);
    expect(done.stderr).not.toContain('crashed');
  });

  it.each([
    [['--processes', '0'], '--processes expects a whole number above 0, got "0"'],
    [['--processes', '5', '--shard-count', '4'], "--processes 5 is more than the bot's 4 shards"],
    [['--processes', '5'], "--processes 5 is more than the bot's 4 shards"],
    [['--processes', '2', '--shards', '0-1'], 'it does not go with --shards'],
    [
      ['--processes', '2', '--process-index', '0', '--process-count', '2'],
      'it does not go with --process-index, --process-count',
    ],
  ])('%o is a usage error: exit 2', async (args, message) => {
    await config([postLoop('G0')]);
    const done = await start(...args).exit;
    expect(done.code).toBe(2);
    expect(done.stderr).toContain(message);
    expect(done.stderr).not.toContain('Started process');
  });
});
