// Service benchmarks (issue 10): what keeping state and reloading cost the scheduler.
//   node bench/service.js [state|reload|all] [seconds]
// state:  1,000 loops every 1 s for N s (default 20), alternating a state file (written after
//         every run) and no state; lateness (startedAt − scheduledAt) p50 / p99 of each.
// reload: a running set of 1,000 loops gets a config with one loop changed; the time from the
//         reload to its event, and whether the 999 unchanged loops kept their next run time.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'rolldown';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const [which = 'all', secondsArg = '20'] = process.argv.slice(2);
const seconds = Number(secondsArg);
const bundle = path.join(root, 'bench/results/service.js');
await build({
  input: path.join(root, 'bench/service/entry.js'),
  platform: 'node',
  logLevel: 'silent',
  output: { file: bundle, format: 'esm', codeSplitting: false },
});
const lib = await import(pathToFileURL(bundle).href);

const action = { name: 'bench', options: {}, renderText: () => '' };
const loop = (i, everyMs = 1000) => ({
  plan: {
    name: `l${i}`,
    schedule: { kind: 'interval', everyMs },
    overlap: 'skip',
    onError: 'continue',
  },
  action,
  options: { i },
});
const percentile = (sorted, p) => sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)];

async function lateness(store, loops, ms) {
  const late = [];
  const skips = {};
  const set = lib.createLoopSet({
    clock: lib.createSystemClock(),
    store,
    say: () => {},
    emit: (event) => {
      if (event.type === 'run') late.push(event.run.startedAt - event.run.scheduledAt);
      if (event.type === 'skip') skips[event.reason] = (skips[event.reason] ?? 0) + 1;
    },
    run: async (_setup, _request, state) => {
      state.n = (state.n ?? 0) + 1;
    },
  });
  set.add(...Array.from({ length: loops }, (_, i) => loop(i)));
  await new Promise((resolve) => setTimeout(resolve, ms));
  await set.stop();
  await store.close();
  late.sort((a, b) => a - b);
  return { runs: late.length, skips, p50: percentile(late, 50), p99: percentile(late, 99) };
}

async function stateBench() {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'discloop-bench-'));
  const rows = [];
  for (let round = 0; round < 2; round++) {
    const file = await lib.openStateFile(path.join(dir, `state-${round}.json`), {
      fresh: true,
      onNotice: () => {},
    });
    rows.push(['state file', await lateness(file, 1000, seconds * 1000)]);
    rows.push(['no state', await lateness(lib.memoryStore(), 1000, seconds * 1000)]);
  }
  await rm(dir, { recursive: true, force: true });
  console.log(`\nstate: 1,000 loops every 1 s, ${seconds} s each, alternating`);
  console.log('| store | runs | skipped | lateness p50 | lateness p99 |\n|---|---|---|---|---|');
  for (const [name, r] of rows) {
    const skipped =
      Object.entries(r.skips)
        .map(([why, n]) => `${n} ${why}`)
        .join(', ') || '0';
    console.log(
      `| ${name} | ${r.runs} | ${skipped} | ${r.p50.toFixed(2)} ms | ${r.p99.toFixed(2)} ms |`,
    );
  }
}

async function reloadBench() {
  const next = new Map();
  let reloadedAt;
  const set = lib.createLoopSet({
    clock: lib.createSystemClock(),
    store: lib.memoryStore(),
    say: () => {},
    emit: (event) => {
      if (event.type === 'next') next.set(event.loop, event.at);
    },
    run: async () => {},
  });
  // Every 10 minutes, so nothing runs again while the reload is measured.
  const before = Array.from({ length: 1000 }, (_, i) => loop(i, 600_000));
  set.add(...before);
  await new Promise((resolve) => setTimeout(resolve, 500));
  const nextBefore = new Map(next);
  const after = before.map((setup, i) =>
    i === 500 ? loop(i, 300_000) : { ...setup, plan: { ...setup.plan } },
  );
  const reporter = {
    report: (event) => {
      if (event.type === 'reload') reloadedAt = performance.now();
    },
  };
  const start = performance.now();
  await lib.applyReload(before, { ok: true, setups: after }, set, reporter, async (s) => s);
  const ms = reloadedAt - start;
  await new Promise((resolve) => setTimeout(resolve, 50));
  const moved = [...nextBefore].filter(([name, at]) => name !== 'l500' && next.get(name) !== at);
  await set.stop();
  console.log('\nreload: 1,000 loops, one changed');
  console.log(
    `| reload to its event | unchanged loops whose next run moved |\n|---|---|\n| ${ms.toFixed(2)} ms | ${moved.length} of 999 |`,
  );
}

const cpus = os.cpus();
console.log(
  `machine: ${cpus[0]?.model} ×${cpus.length}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
);
if (which === 'state' || which === 'all') await stateBench();
if (which === 'reload' || which === 'all') await reloadBench();
