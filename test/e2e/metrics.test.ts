import { createServer } from 'node:http';
import { type Emulator, startEmulator } from '@discloop/emulator';
import { afterEach, describe, expect, it } from 'vitest';
import { spawnCli } from '../helpers/cli.js';
import { configDir, sample, startMetricsRun, TWO_LOOPS, until } from '../helpers/metrics-run.js';

let emu: Emulator;
afterEach(() => emu?.close());

const NOT_A_BUG = /This is a bug|\n\s+at /;
const OK_RUNS = 'discloop_runs_total{loop="voice-report",action="list-voice",outcome="ok"}';
const FAILED_RUNS = 'discloop_runs_total{loop="announce",action="send-message",outcome="failed"}';
const CONNECTED = 'discloop_gateway_connected{shard="0"}';
const RESUMES = 'discloop_gateway_reconnects_total{shard="0",resumed="true"}';

describe('discloop run --metrics (spawned, against the emulator)', () => {
  it('serves metrics, readiness, status and health from the run, through an outage, and never the token', async () => {
    emu = await startEmulator({ heartbeatIntervalMs: 1000 });
    const { cli, url } = await startMetricsRun(emu, TWO_LOOPS, ['--health-grace', '1s']);
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const served: string[] = [];
    const get = async (path: string) => {
      const response = await fetch(new URL(path, url));
      const body = await response.text();
      served.push(body, [...response.headers.values()].join('\n'));
      return { status: response.status, body };
    };
    const metrics = async () => (await get('/metrics')).body;

    // Runs are counted as they happen, by loop, action and outcome.
    const first = await until(async () => {
      const text = await metrics();
      return (sample(text, OK_RUNS) ?? 0) >= 1 && (sample(text, FAILED_RUNS) ?? 0) >= 1
        ? text
        : undefined;
    });
    const okBefore = sample(first, OK_RUNS) ?? 0;
    await until(async () =>
      (sample(await metrics(), OK_RUNS) ?? 0) > okBefore ? true : undefined,
    );
    const text = await metrics();
    expect(
      sample(text, 'discloop_runs_total{loop="voice-report",action="list-voice",outcome="failed"}'),
    ).toBe(0);
    expect(
      sample(text, 'discloop_runs_total{loop="announce",action="send-message",outcome="ok"}'),
    ).toBe(0);
    expect(sample(text, CONNECTED)).toBe(1);
    expect(
      sample(text, 'discloop_run_lateness_seconds_count{loop="voice-report"}'),
    ).toBeGreaterThanOrEqual(2);
    expect(
      sample(text, 'discloop_run_duration_seconds_count{loop="announce"}'),
    ).toBeGreaterThanOrEqual(1);
    expect(
      sample(text, 'discloop_last_success_timestamp_seconds{loop="voice-report"}'),
    ).toBeGreaterThan(Date.now() / 1000 - 60);
    expect(text).toContain('discloop_run_duration_seconds_bucket{le="+Inf",loop="voice-report"}');
    expect(text).toContain('# TYPE discloop_skips_total counter');
    expect(text).toContain('# TYPE discloop_rate_limits_total counter');
    expect(text).toContain('# TYPE discloop_gateway_reconnects_total counter');
    expect(text).toContain('process_resident_memory_bytes');
    expect(text).toContain('nodejs_eventloop_lag_seconds');

    expect(await get('/readyz')).toEqual({ status: 200, body: 'ready\n' });
    expect(await get('/healthz')).toEqual({ status: 200, body: 'ok\n' });
    const status = JSON.parse((await get('/status')).body);
    expect(status).toMatchObject({
      ready: true,
      loops: [
        {
          name: 'voice-report',
          schedule: 'every 1s',
          count: null,
          lastOutcome: 'ok',
          lastError: null,
        },
        {
          name: 'announce',
          schedule: 'every 1s',
          lastOutcome: 'failed',
          lastError: { code: 'missing_permissions' },
        },
      ],
      shards: [{ id: 0, connected: true }],
    });
    expect(Date.parse(status.loops[0].nextRunAt)).toBeGreaterThan(0);
    expect(status.loops[0].runs).toBeGreaterThanOrEqual(2);

    // The gateway goes down for longer than --health-grace: /healthz says so, then recovers.
    emu.gatewayOutage({ durationMs: 4000, refuse: 'unavailable' });
    await cli.nextLine((line) => line.includes('"type":"disconnect"'));
    const unhealthy = await until(async () => {
      const health = await get('/healthz');
      return health.status === 503 ? health : undefined;
    });
    expect(unhealthy.body).toMatch(
      /^shard 0 has been disconnected for \d+s, longer than the health grace of 1s\n$/,
    );
    expect(sample(await metrics(), CONNECTED)).toBe(0);
    expect(await get('/readyz')).toEqual({ status: 200, body: 'ready\n' });
    await cli.nextLine((line) => line.includes('"type":"reconnect"'));
    expect(await get('/healthz')).toEqual({ status: 200, body: 'ok\n' });
    const after = await metrics();
    expect(sample(after, CONNECTED)).toBe(1);
    expect(sample(after, RESUMES)).toBe(1);
    expect(JSON.parse((await get('/status')).body).shards).toMatchObject([
      { id: 0, connected: true },
    ]);
    served.push((await get('/')).body);

    cli.child.kill('SIGTERM');
    const { code, stdout, stderr } = await cli.exit;
    expect(code).toBe(0);
    for (const body of [...served, stdout, stderr]) expect(body).not.toContain(emu.token);
    // The server went with the process.
    await expect(fetch(new URL('/healthz', url))).rejects.toThrow();
  }, 60_000);

  it('a port already in use is exit 2 with a clear message, before connecting', async () => {
    emu = await startEmulator();
    const busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    const { port } = busy.address() as { port: number };
    try {
      const cli = spawnCli(
        ['run', 'loops.yaml', '--no-state', '--metrics', String(port)],
        { DISCORD_TOKEN: emu.token, DISCLOOP_API_URL: emu.apiUrl },
        await configDir(TWO_LOOPS),
      );
      const { code, stderr } = await cli.exit;
      expect(code).toBe(2);
      expect(stderr).toContain(`✗ --metrics: 127.0.0.1:${port} is already in use.`);
      expect(stderr).not.toMatch(NOT_A_BUG);
      expect(emu.payloads.filter((p) => p.direction === 'in' && p.op === 2)).toHaveLength(0);
    } finally {
      busy.close();
    }
  });

  it.each([
    [
      ['--metrics', 'localhost'],
      {},
      '✗ --metrics expects a port or host:port such as 9464 or 0.0.0.0:9464, not "localhost".',
    ],
    [
      [],
      { DISCLOOP_METRICS: 'http://x:1' },
      '✗ DISCLOOP_METRICS expects a port or host:port such as 9464 or 0.0.0.0:9464, not "http://x:1".',
    ],
    [
      ['--metrics', '9464', '--health-grace', '0s'],
      {},
      '✗ --health-grace expects a positive duration such as 60s or 2m, not "0s".',
    ],
  ])('%j %j is a usage error (exit 2) in one line', async (args, env, message) => {
    const { code, stderr } = await spawnCli(['run', 'loops.yaml', ...args], {
      DISCORD_TOKEN: 'x'.repeat(40),
      ...env,
    }).exit;
    expect(code).toBe(2);
    expect(stderr.trim()).toBe(message);
  });
});
