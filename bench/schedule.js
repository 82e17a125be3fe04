// Scheduler timing benchmark: how late do interval runs start, on real timers and the real clock?
//   node bench/schedule.js [one|many|all]
// one: 1 loop every 100 ms, 1,000 runs (~100 s). many: 1,000 loops every 1 s, 60 runs each (~60 s).
// Lateness is startedAt − scheduledAt of each RunRecord: both are performance.now() offsets, so it
// is measured on the monotonic clock at sub-ms precision, for src/schedule as it is.
import os from 'node:os';
import { importBundled } from './bundle.js';

const args = process.argv.slice(2);
const which = args[0] ?? 'all';

const SCENARIOS = {
  one: { title: '1 loop every 100 ms, 1,000 runs', loops: 1, everyMs: 100, count: 1000, p99: 3 },
  many: {
    title: '1,000 loops every 1 s, 60 runs each',
    loops: 1000,
    everyMs: 1000,
    count: 60,
    p99: 5,
  },
};
const names = which === 'all' ? Object.keys(SCENARIOS) : [which];
if (!names.every((name) => name in SCENARIOS)) {
  console.error('usage: node bench/schedule.js [one|many|all]');
  process.exit(2);
}

const { createLoopSet, createSystemClock, memoryStore } = await importBundled('schedule');

/** Nearest-rank percentile of sorted numbers. */
const percentile = (sorted, p) => sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)];

async function runScenario({ loops, everyMs, count }) {
  // Everything is preallocated or folded as it comes, so the bench adds little garbage to collect.
  const lateness = new Float64Array(loops * count);
  // Without each loop's first run: the first runs of 1,000 loops come due at once, on cold code.
  const later = new Float64Array(loops * count);
  let laterRuns = 0;
  const taskAt = Array.from({ length: loops }, () => new Float64Array(count + 1));
  const perLoop = Array.from({ length: loops }, () => ({ first: undefined, last: undefined }));
  let runs = 0;
  let skips = 0;
  let failures = 0;
  // startedAt is wall time (t0Wall + a monotonic offset) and the bench cannot know the runner's
  // t0Wall to sub-ms (Date.now() is whole ms), so it checks that startedAt − performance.now() at
  // the top of the task is the same for every run of a loop: its spread is the error of startedAt.
  let taskSpread = 0;
  const entries = perLoop.map((_, i) => ({
    plan: {
      name: String(i),
      schedule: { kind: 'interval', everyMs },
      count,
      overlap: 'skip',
      onError: 'continue',
    },
    action: { name: 'bench' },
    options: {},
  }));
  const emit = (event) => {
    if (event.type === 'skip') skips += 1;
    if (event.type !== 'run') return;
    if (!event.ok) failures += 1;
    const { run } = event;
    const loop = perLoop[Number(run.loop)];
    const gap = run.startedAt - taskAt[Number(run.loop)][run.iteration];
    lateness[runs++] = run.startedAt - run.scheduledAt;
    if (run.iteration > 1) later[laterRuns++] = run.startedAt - run.scheduledAt;
    loop.first ??= { run, minGap: gap, maxGap: gap };
    loop.last = run;
    loop.first.minGap = Math.min(loop.first.minGap, gap);
    loop.first.maxGap = Math.max(loop.first.maxGap, gap);
  };
  const cpu = process.cpuUsage();
  const wallStart = performance.now();
  // The loop set, as `discloop run` drives it: its run function is each loop's task.
  const set = createLoopSet({
    clock: createSystemClock(),
    store: memoryStore(),
    say: () => {},
    emit,
    run: async ({ plan }, { iteration }) => {
      taskAt[Number(plan.name)][iteration] = performance.now();
    },
  });
  set.add(...entries);
  await set.done;
  const wallMs = performance.now() - wallStart;
  const { user, system } = process.cpuUsage(cpu);

  let drift = 0;
  const lastLate = [];
  for (const { first, last } of perLoop) {
    const d =
      last.scheduledAt - first.run.scheduledAt - (last.iteration - first.run.iteration) * everyMs;
    if (Math.abs(d) > Math.abs(drift)) drift = d;
    lastLate.push(last.startedAt - last.scheduledAt);
    taskSpread = Math.max(taskSpread, first.maxGap - first.minGap);
  }
  const sorted = lateness.subarray(0, runs).sort();
  const firstTicks = perLoop.map(({ first }) => first.run.scheduledAt);
  return {
    runs,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    laterP99: percentile(later.subarray(0, laterRuns).sort(), 99),
    max: sorted[runs - 1],
    min: sorted[0],
    early: sorted.filter((late) => late < 0).length,
    drift,
    lastLate: lastLate.sort((a, b) => a - b),
    taskSpread,
    startSpread: Math.max(...firstTicks) - Math.min(...firstTicks),
    skips,
    failures,
    cpuMs: (user + system) / 1000,
    wallMs,
  };
}

const ms = (x, digits = 2) => `${x.toFixed(digits)} ms`;
const cpus = os.cpus();
const ram = Math.round(os.totalmem() / 2 ** 30);
const label = 'src/schedule';
console.log(
  `machine: ${cpus[0]?.model} ×${cpus.length}, ${ram} GiB, Node ${process.version}, ${os.platform()} ${os.release()}`,
);
console.log('reference: discord.py tasks.loop, p50 1 ms / p99 2 ms on this kind of machine');

for (const name of names) {
  const scenario = SCENARIOS[name];
  const r = await runScenario(scenario);
  const expected = scenario.loops * scenario.count;
  const cpuPct = (r.cpuMs / r.wallMs) * 100;
  const many = scenario.loops > 1;
  const lastLate = many
    ? `${ms(percentile(r.lastLate, 50))} median, ${ms(r.lastLate.at(-1))} worst loop`
    : ms(r.lastLate[0]);
  // [figure, measured, target, met?]; rows without a target are context.
  const rows = [
    ['runs', `${r.runs}, ${r.failures} failed`, `${expected}`, r.runs === expected && !r.failures],
    ['lateness p50', ms(r.p50), '≤ 1 ms', r.p50 <= 1],
    ['lateness p99', ms(r.p99), `≤ ${scenario.p99} ms`, r.p99 <= scenario.p99],
    ['lateness p99 without first runs', ms(r.laterP99)],
    ['lateness max', ms(r.max)],
    ['lateness min', ms(r.min, 3), '≥ 0', r.min >= 0],
    ['runs early (lateness < 0)', String(r.early), '0', r.early === 0],
    [
      `drift of last scheduledAt${many ? ' (worst loop)' : ''}`,
      ms(r.drift, 3),
      '≤ 2 ms',
      Math.abs(r.drift) <= 2,
    ],
    ['lateness of last run', lastLate, '≤ 2 ms', r.lastLate.at(-1) <= 2],
    ['skip events', String(r.skips), '0', r.skips === 0],
    ['startedAt error (vs task performance.now())', ms(r.taskSpread, 3)],
    ...(many ? [["spread of the loops' first ticks", ms(r.startSpread)]] : []),
    ['CPU user+system', `${r.cpuMs.toFixed(0)} ms = ${cpuPct.toFixed(2)} % of wall`],
    ['wall', `${(r.wallMs / 1000).toFixed(1)} s`],
  ];
  const check = (target, ok) => (target ? `${ok ? '✓' : '✗'} ${target}` : '');
  console.log(`\n${name}: ${scenario.title}`);
  for (const [figure, value, target, ok] of rows)
    console.log(`  ${figure.padEnd(44)} ${value.padEnd(36)} ${check(target, ok)}`);
  console.log(`\n| ${name}: ${scenario.title} — ${label} | measured | target |`);
  console.log('| --- | --- | --- |');
  for (const [figure, value, target, ok] of rows)
    console.log(`| ${figure} | ${value} | ${check(target, ok)} |`);
}
