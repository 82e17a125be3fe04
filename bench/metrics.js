// /metrics scrape time with 1,000 loops' worth of series (issue "service", item 7).
//   node bench/metrics.js [scrapes]        (default 200 per mode, after 20 untimed warm-up scrapes)
// The monitor of `run --metrics` (src/service, bundled as it is) is fed synthetic events as the
// reporters would get them: for each of 1,000 loops 20 runs (ok, failed and unknown, lateness
// and durations spread over the histograms' buckets), skips of every reason and its next run;
// plus rate limits on 20 routes and a gateway reconnect. A scraper on a thread of its own (as
// Prometheus is another process) then GETs /metrics over loopback, one request at a time, and
// times each from request to last byte. Two modes:
//   steady: nothing happened between scrapes;
//   all-ran: every one of the 1,000 loops finished a run since the previous scrape (the worst
//            case: each loop's series are rendered again).
// Goal: under 20 ms per scrape.
import { spawn } from 'node:child_process';
import os from 'node:os';
import { createInterface } from 'node:readline';
import { importBundled } from './bundle.js';

const scrapes = Number(process.argv[2] ?? 200);
const WARM_UP = 20;
const LOOPS = 1000;
const RUNS_PER_LOOP = 20;
const GOAL_MS = 20;

const { startMonitor } = await importBundled('metrics');

const t0 = Date.now();
const actions = ['list-voice', 'member-count', 'send-message', 'rename-channel', 'set-presence'];
const loops = Array.from({ length: LOOPS }, (_, i) => ({
  name: `loop-${String(i).padStart(4, '0')}`,
  schedule:
    i % 3 === 0
      ? { kind: 'cron', expression: '*/5 * * * *' }
      : { kind: 'interval', everyMs: 60_000 },
  count: i % 2 === 0 ? 100 : undefined,
  action: actions[i % actions.length],
}));
const monitor = await startMonitor({
  listen: { host: '127.0.0.1', port: 0 },
  healthGraceMs: 60_000,
  loops,
  now: Date.now,
  secrets: ['ODkzNDI5NTMzOTAwOTMxMDcy.GdLoop.bench-token-never-served'],
});
const { reporter } = monitor;

function runOf(i, run) {
  const loop = loops[i];
  const scheduledAt = t0 + run * 60_000;
  const startedAt = scheduledAt + ((i * 7 + run * 13) % 2000) / 10; // 0–200 ms late
  const finishedAt = startedAt + ((i * 11 + run * 17) % 5000); // 0–5 s long
  const base = { type: 'run', loop: loop.name, action: loop.action, count: loop.count };
  const times = { iteration: run, scheduledAt, startedAt, finishedAt };
  const kind = (i + run) % 10;
  if (kind < 8) return { ...base, ...times, ok: true, data: {}, text: '' };
  return {
    ...base,
    ...times,
    ok: false,
    error: { code: kind === 8 ? 'missing_permissions' : 'timeout', message: 'bench' },
    ...(kind === 9 ? { outcome: 'unknown' } : {}),
  };
}

reporter.report({ type: 'ready', user: { id: '1', username: 'bench' }, guilds: 1000 });
for (let i = 0; i < LOOPS; i++) {
  for (let run = 1; run <= RUNS_PER_LOOP; run++) reporter.report(runOf(i, run));
  for (const reason of ['overlap', 'missed', 'downtime']) {
    const skip = { type: 'skip', loop: loops[i].name, tick: 1, scheduledAt: t0, reason, ticks: 1 };
    reporter.report(skip);
  }
  reporter.report({ type: 'next', loop: loops[i].name, at: t0 + 60_000 });
}
for (let r = 0; r < 20; r++) {
  const route = `PATCH /route-${r}/:id`;
  reporter.report({ type: 'rate-limit', route, scope: 'user', retryAfterMs: 1000 });
}
reporter.report({ type: 'disconnect', shard: 0, code: 1006 });
reporter.report({ type: 'reconnect', shard: 0, resumed: true, downMs: 1000, attempts: 2 });

// The scraper: a process of its own, as Prometheus is, so reading 2 MB of text is not counted
// as the server's work. It answers each "go" line with the milliseconds from request to last byte.
const scraper = spawn(
  process.execPath,
  [
    '-e',
    `const url = process.argv[1];
     require('node:readline').createInterface({ input: process.stdin }).on('line', async () => {
       const start = performance.now();
       const response = await fetch(url);
       const body = await response.text();
       const ms = performance.now() - start;
       process.stdout.write(JSON.stringify({ ms, status: response.status, bytes: body.length, samples: body.split('\\n').filter((l) => l && l[0] !== '#').length, own: body.split('\\n').filter((l) => l.startsWith('discloop_')).length }) + '\\n');
     });`,
    new URL('/metrics', monitor.url).href,
  ],
  { stdio: ['pipe', 'pipe', 'inherit'] },
);
const replies = createInterface({ input: scraper.stdout });
const waiting = [];
replies.on('line', (line) => waiting.shift()?.(JSON.parse(line)));
/** One scrape: its time as the scraper saw it, and the CPU this process spent meanwhile. */
const scrape = () =>
  new Promise((resolve) => {
    const cpu = process.cpuUsage();
    waiting.push((reply) => {
      const used = process.cpuUsage(cpu);
      resolve({ ...reply, cpuMs: (used.user + used.system) / 1000 });
    });
    scraper.stdin.write('go\n');
  });

let nextRun = RUNS_PER_LOOP + 1;
async function measure(allRan) {
  const wall = [];
  const cpu = [];
  let last;
  for (let i = 0; i < WARM_UP + scrapes; i++) {
    if (allRan) {
      for (let loop = 0; loop < LOOPS; loop++) reporter.report(runOf(loop, nextRun));
      nextRun += 1;
    }
    last = await scrape();
    if (last.status !== 200) throw new Error(`/metrics answered ${last.status}`);
    if (i >= WARM_UP) {
      wall.push(last.ms);
      cpu.push(last.cpuMs);
    }
  }
  const stats = (values) => {
    values.sort((a, b) => a - b);
    const at = (p) => values[Math.max(0, Math.ceil((p / 100) * values.length) - 1)];
    return { min: values[0], median: at(50), p95: at(95), max: values.at(-1) };
  };
  return { wall: stats(wall), cpu: stats(cpu), last };
}

const steady = await measure(false);
const allRan = await measure(true);
scraper.kill();
await monitor.close();

const { bytes, samples, own } = steady.last;
const ms = (v) => v.toFixed(2);
console.log(
  `machine: ${os.cpus()[0]?.model ?? 'unknown CPU'}, nproc ${os.availableParallelism()}, Node ${process.version}, load average ${os.loadavg()[0].toFixed(2)}`,
);
console.log(
  `/metrics: ${(bytes / 1024).toFixed(0)} KiB, ${samples} samples (${own} discloop_*), ${LOOPS} loops`,
);
for (const [mode, r] of [
  ['steady', steady],
  ['all-ran', allRan],
]) {
  console.log(
    `${mode.padEnd(7)} ${scrapes} scrapes: median ${ms(r.wall.median)} ms (min ${ms(r.wall.min)}, p95 ${ms(r.wall.p95)}, max ${ms(r.wall.max)}); server CPU median ${ms(r.cpu.median)} ms (min ${ms(r.cpu.min)}) — goal < ${GOAL_MS} ms`,
  );
}
console.log(`heap used at the end: ${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(1)} MiB`);
