import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type Emulator, startEmulator } from '@discloop/emulator';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type CliRun, killLeftover, spawnCli } from '../helpers/cli.js';
import { fourShards } from '../helpers/four-shards.js';
import { sample, until } from '../helpers/metrics-run.js';

let emu: Emulator;
let cli: CliRun | undefined;
beforeEach(async () => {
  emu = await startEmulator({ world: { ...fourShards, maxConcurrency: 4 } });
});
afterEach(async () => {
  await killLeftover(cli);
  cli = undefined;
  await emu.close();
});

/** `voice` runs in both children (it lists each one's guilds); `post-G0` in 0-1, `post-G3` in 2-3. */
const LOOPS = `loops:
  - { name: voice, action: list-voice, seconds: 1 }
${['G0', 'G3']
  .map(
    (g) =>
      `  - { name: post-${g}, action: send-message, with: { channel: general, guild: ${g}, content: hi }, seconds: 1 }\n`,
  )
  .join('')}`;

const ok = (loop: string, action: string, shards: string) =>
  `discloop_runs_total{loop="${loop}",action="${action}",outcome="ok",shards="${shards}"}`;

async function start(): Promise<{ run: CliRun; url: string }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'discloop-processes-metrics-'));
  await writeFile(path.join(dir, 'loops.yaml'), LOOPS);
  const run = spawnCli(
    [
      ...['run', 'loops.yaml', '--json', '--no-state', '--processes', '2', '--shard-count', '4'],
      ...['--metrics', '127.0.0.1:0', '--health-grace', '500ms'],
    ],
    { DISCORD_TOKEN: emu.token, DISCLOOP_API_URL: emu.apiUrl },
    dir,
  );
  cli = run;
  const line = await run.nextErrLine((l) => l.includes('Metrics and status on '));
  return { run, url: /(http:\/\/\S+)/.exec(line)?.[1] ?? '' };
}

describe('run --processes 2 --metrics (spawned, against the emulator)', () => {
  it('serves every child from the parent: merged metrics and status, readiness, and health through a crash', async () => {
    const { run, url } = await start();
    const served: string[] = [];
    const get = async (where: string) => {
      const response = await fetch(new URL(where, url));
      const body = await response.text();
      served.push(body);
      return { status: response.status, body };
    };
    const pidOf = async (word: 'Started' | 'Restarted') => {
      const found = await run.nextErrLine((l) => l.startsWith(`[shards 0-1] ${word} process`));
      return Number(/\(pid (\d+)\)/.exec(found)?.[1]);
    };
    const first = await pidOf('Started');
    // Scraped while the children start: prom-client would wait 5 s for them and fail.
    await run.nextErrLine((l) => l.startsWith('[shards 2-3] Started process'));
    expect((await get('/metrics')).status).toBe(200);

    await until(async () => ((await get('/readyz')).status === 200 ? true : undefined));
    // Both children have run their own loops, and `voice` in each.
    const status = await until(async () => {
      const body = JSON.parse((await get('/status')).body);
      return body.loops.length === 4 && body.loops.every((l: { runs: number }) => l.runs >= 1)
        ? body
        : undefined;
    });
    expect(status.ready).toBe(true);
    expect(
      status.loops.map((l: { name: string; shards: string }) => `${l.name} ${l.shards}`),
    ).toEqual(['voice 0-1', 'post-G0 0-1', 'voice 2-3', 'post-G3 2-3']);
    expect(status.shards).toMatchObject([0, 1, 2, 3].map((id) => ({ id, connected: true })));

    const text = (await get('/metrics')).body;
    expect(sample(text, ok('post-G0', 'send-message', '0-1'))).toBeGreaterThanOrEqual(1);
    expect(sample(text, ok('post-G3', 'send-message', '2-3'))).toBeGreaterThanOrEqual(1);
    // A loop in both children: a series each, by its child's shards (the status was taken earlier).
    for (const shards of ['0-1', '2-3']) {
      const runs = status.loops.find(
        (l: { name: string; shards: string }) => l.name === 'voice' && l.shards === shards,
      ).runs;
      expect(sample(text, ok('voice', 'list-voice', shards))).toBeGreaterThanOrEqual(runs);
    }
    expect(text.match(/^# TYPE discloop_runs_total counter$/gm)).toHaveLength(1);
    for (const shard of [0, 1, 2, 3]) {
      const shards = shard < 2 ? '0-1' : '2-3';
      expect(sample(text, `discloop_gateway_connected{shard="${shard}",shards="${shards}"}`)).toBe(
        1,
      );
    }
    expect(sample(text, 'discloop_child_up{shards="0-1"}')).toBe(1);
    expect(text).toContain('\nprocess_resident_memory_bytes{shards="0-1"} ');
    expect(text).toContain('\ndiscloop_parent_process_resident_memory_bytes ');
    expect(await get('/healthz')).toEqual({ status: 200, body: 'ok\n' });

    // One child killed: down longer than the grace, /healthz says which; then it is back.
    process.kill(first, 'SIGKILL');
    const unhealthy = await until(async () => {
      const health = await get('/healthz');
      return health.status === 503 ? health : undefined;
    });
    expect(unhealthy.body).toMatch(
      /^process 1 of 2 \(shards 0-1\) has been down for \d+m?s, longer than the health grace of 500ms\n$/,
    );
    expect((await get('/readyz')).status).toBe(503);
    await pidOf('Restarted');
    await until(async () => ((await get('/healthz')).status === 200 ? true : undefined));
    expect(await get('/readyz')).toEqual({ status: 200, body: 'ready\n' });
    const after = JSON.parse((await get('/status')).body);
    expect(after.shards).toMatchObject([0, 1, 2, 3].map((id) => ({ id, connected: true })));
    const metricsAfter = (await get('/metrics')).body;
    expect(sample(metricsAfter, 'discloop_gateway_connected{shard="0",shards="0-1"}')).toBe(1);
    expect(sample(metricsAfter, 'discloop_child_up{shards="0-1"}')).toBe(1);

    run.child.kill('SIGTERM');
    const done = await run.exit;
    expect(done.code, done.stderr).toBe(0);
    // Only the parent listens; the children keep reporting to stdout as before.
    expect(done.stderr.match(/Metrics and status on/g)).toHaveLength(1);
    expect(done.stdout).toMatch(/"type":"run".*"shards":"2-3"/);
    for (const body of [...served, done.stdout, done.stderr]) expect(body).not.toContain(emu.token);
    await expect(fetch(new URL('/healthz', url))).rejects.toThrow();
  }, 60_000);
});
