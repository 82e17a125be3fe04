// Shards benchmark (issue "shards", performance): a generated world of 10,000 guilds
// (bench/shards/emulator.js: the emulator's bigWorld, Discord's session start limit enforced),
// 16 shards, max_concurrency 16 (and 1 with --concurrency=16,1). For each setup every process is
// spawned at the same instant; measured: the time from spawn to each process's `ready` line
// (all its shards connected, every guild received) and to the last of them, each process's peak
// RSS (VmHWM) and CPU once all are ready and settled, and when each shard's IDENTIFY reached the
// emulator (and how many got op 9). Setups:
//   - discord.js (reference): bench/shards/bare-client.js, a bare client running all shards
//   - discloop, no shard flags: every shard in one process, paced by discord.js's throttler
//   - discloop × P: P processes of `run bench/shards/loops.yaml --json --shard-count 16
//     --process-index i --process-count P`, paced by identify windows (src/connection)
// Each run gets a fresh emulator, so the buckets' clocks start clean; setups alternate, the
// order rotating every round; figures are medians (min–max).
//   npm run build && node bench/shards.js [--rounds=3] [--concurrency=16,1] [--processes=1,2,4]
//     [--guilds=10000] [--shards=16] [--members=100] [--settle=5] [--baseline=<dir>]
// --baseline adds "baseline, no shard flags": the same run by another build of discloop (a
// worktree with `npm run build` done, e.g. the commit before a change). --processes= (empty)
// leaves out the discloop × P setups.
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { start, stop } from './children.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values: args } = parseArgs({
  options: {
    rounds: { type: 'string', default: '3' },
    concurrency: { type: 'string', default: '16' },
    processes: { type: 'string', default: '1,2,4' },
    guilds: { type: 'string', default: '10000' },
    shards: { type: 'string', default: '16' },
    members: { type: 'string', default: '100' },
    settle: { type: 'string', default: '5' },
    baseline: { type: 'string' },
  },
});
const rounds = Number(args.rounds);
const shards = Number(args.shards);
const guilds = Number(args.guilds);
const settleMs = Number(args.settle) * 1000;
const READY_TIMEOUT_MS = 600_000;
const IDENTIFY_INTERVAL_MS = 5_000;
const CONFIG = 'bench/shards/loops.yaml';

for (const file of ['packages/emulator/dist/index.js', 'dist/cli/main.js']) {
  if (!existsSync(path.join(root, file)))
    throw new Error(`${file} is missing: npm run build first`);
}

function eachLine(stream, onLine) {
  let partial = '';
  stream.on('data', (chunk) => {
    const lines = (partial + chunk).split('\n');
    partial = lines.pop();
    for (const line of lines) onLine(line);
  });
}

/** Peak RSS (VmHWM, KiB) and CPU seconds (user + system) of a live process, from /proc. */
function usage(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime, fields 14 and 15 of stat, in clock ticks (100 a second on Linux).
    const cpuS = (Number(fields[11]) + Number(fields[12])) / 100;
    return { hwmKiB: Number(/^VmHWM:\s+(\d+) kB/m.exec(status)?.[1]), cpuS };
  } catch {
    return null;
  }
}

// ── one run: a fresh emulator, P processes spawned at once ──────────────────────────────────
async function startEmulator(concurrency) {
  const child = start(
    ['bench/shards/emulator.js', String(guilds), String(shards), concurrency, args.members],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const identifies = [];
  eachLine(child.stderr, (line) => {
    if (line.startsWith('{"at":')) identifies.push(JSON.parse(line));
    else if (line) process.stderr.write(`emulator: ${line}\n`);
  });
  const first = await new Promise((resolve, reject) => {
    eachLine(child.stdout, resolve);
    child.exited.then(({ code }) => reject(new Error(`the emulator exited with ${code}`)));
  });
  return { child, identifies, ...JSON.parse(first) };
}

const SETUPS = [
  {
    name: 'discord.js (reference)',
    processes: 1,
    argv: () => ['bench/shards/bare-client.js', String(shards)],
  },
  {
    name: 'discloop, no shard flags',
    processes: 1,
    argv: () => ['bin/discloop.js', 'run', CONFIG, '--json', '--no-state'],
  },
  ...(args.baseline
    ? [
        {
          name: 'baseline, no shard flags',
          processes: 1,
          argv: () => [
            path.resolve(args.baseline, 'bin/discloop.js'),
            'run',
            CONFIG,
            '--json',
            '--no-state',
          ],
        },
      ]
    : []),
  ...args.processes
    .split(',')
    .filter(Boolean)
    .map((p) => ({
      name: `discloop × ${p}`,
      processes: Number(p),
      argv: (i) => [
        'bin/discloop.js',
        'run',
        CONFIG,
        '--json',
        '--no-state',
        '--shard-count',
        String(shards),
        '--process-index',
        String(i),
        '--process-count',
        p,
      ],
    })),
];

async function measure(setup, concurrency) {
  const emulator = await startEmulator(concurrency);
  const env = {
    ...process.env,
    DISCORD_TOKEN: emulator.token,
    DISCLOOP_API_URL: emulator.apiUrl,
    NO_COLOR: '1',
  };
  const startedAt = Date.now();
  const t0 = performance.now();
  const procs = Array.from({ length: setup.processes }, (_, i) => {
    const child = start(setup.argv(i), { env, stdio: ['ignore', 'pipe', 'pipe'] });
    const proc = { child, readyMs: null, guilds: 0, stderr: '' };
    proc.ready = new Promise((resolve) =>
      eachLine(child.stdout, (line) => {
        if (proc.readyMs !== null || !line.includes('"type":"ready"')) return;
        proc.readyMs = performance.now() - t0;
        proc.guilds = JSON.parse(line).guilds;
        resolve(null);
      }),
    );
    child.stderr.on('data', (chunk) => {
      proc.stderr = (proc.stderr + chunk).slice(-4000);
    });
    return proc;
  });
  try {
    const timeout = sleep(READY_TIMEOUT_MS, { code: 'no ready line in time' }, { ref: false });
    for (const proc of procs) {
      const early = await Promise.race([proc.ready, proc.child.exited, timeout]);
      if (early)
        throw new Error(`${setup.name}: exited ${early.code} before ready\n${proc.stderr}`);
    }
    await sleep(settleMs);
    const used = procs.map((proc) => usage(proc.child.pid));
    if (used.includes(null)) throw new Error(`${setup.name}: a process died after ready`);
    const accepted = emulator.identifies.filter((e) => !e.refused).map((e) => e.at - startedAt);
    return {
      readyMs: procs.map((p) => p.readyMs),
      allReadyMs: Math.max(...procs.map((p) => p.readyMs)),
      guilds: procs.reduce((n, p) => n + p.guilds, 0),
      peaksMiB: used.map((u) => u.hwmKiB / 1024),
      cpuS: used.map((u) => u.cpuS),
      identified: accepted.length,
      refused: emulator.identifies.filter((e) => e.refused).length,
      firstIdentifyMs: Math.min(...accepted),
      lastIdentifyMs: Math.max(...accepted),
    };
  } finally {
    await Promise.all(procs.map((p) => stop(p.child, 'SIGINT', 20_000)));
    await stop(emulator.child, 'SIGTERM', 10_000);
  }
}

// ── figures ─────────────────────────────────────────────────────────────────────────────────
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};
const spread = (xs, digits = 1) =>
  xs.length === 1
    ? xs[0].toFixed(digits)
    : `${median(xs).toFixed(digits)} (${Math.min(...xs).toFixed(digits)}–${Math.max(...xs).toFixed(digits)})`;
const sec = (ms) => ms / 1000;

console.log(
  `machine: ${os.cpus()[0]?.model} ×${os.cpus().length}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}`,
);
console.log(
  `world: ${guilds} guilds × ${args.members} members (bigWorld), ${shards} shards; ${rounds} round(s); settle ${settleMs / 1000} s; MiB = 2^20 bytes`,
);
for (const concurrency of args.concurrency.split(',')) {
  const results = new Map(SETUPS.map((s) => [s.name, []]));
  for (let round = 0; round < rounds; round++) {
    const offset = round % SETUPS.length;
    for (const setup of [...SETUPS.slice(offset), ...SETUPS.slice(0, offset)]) {
      const r = await measure(setup, concurrency);
      results.get(setup.name).push(r);
      console.error(
        `max_concurrency ${concurrency} #${round + 1} ${setup.name.padEnd(26)} all ready ${sec(r.allReadyMs).toFixed(1)} s ` +
          `(each ${r.readyMs.map((ms) => sec(ms).toFixed(1)).join(', ')}), ${r.guilds} guilds; ` +
          `peak ${r.peaksMiB.map((m) => m.toFixed(0)).join(', ')} MiB; CPU ${r.cpuS.map((c) => c.toFixed(1)).join(', ')} s; ` +
          `IDENTIFY ${r.identified} at ${sec(r.firstIdentifyMs).toFixed(1)}–${sec(r.lastIdentifyMs).toFixed(1)} s, ${r.refused} refused`,
      );
      if (r.guilds !== guilds) throw new Error(`${setup.name}: ${r.guilds} guilds, not ${guilds}`);
    }
  }

  const turns = Math.ceil(shards / Number(concurrency));
  const gap = IDENTIFY_INTERVAL_MS / 1000;
  console.log(
    `\nmax_concurrency ${concurrency}: ${turns} IDENTIFY turn(s) per bucket; floor ceil(${shards}/${concurrency}) × ${gap} s = ${turns * gap} s, the last IDENTIFY no sooner than ${(turns - 1) * gap} s after the first\n`,
  );
  console.log(
    '| setup | processes | all shards ready (s) | peak RSS per process (MiB) | peak RSS, all processes (MiB) | CPU, all processes (s) | IDENTIFYs: first–last (s) | refused |',
  );
  console.log('|---|---|---|---|---|---|---|---|');
  for (const setup of SETUPS) {
    const rs = results.get(setup.name);
    console.log(
      `| ${setup.name} | ${setup.processes} | ${spread(rs.map((r) => sec(r.allReadyMs)))} | ` +
        `${spread(
          rs.flatMap((r) => r.peaksMiB),
          0,
        )} | ${spread(
          rs.map((r) => r.peaksMiB.reduce((a, b) => a + b, 0)),
          0,
        )} | ` +
        `${spread(rs.map((r) => r.cpuS.reduce((a, b) => a + b, 0)))} | ` +
        `${median(rs.map((r) => sec(r.firstIdentifyMs))).toFixed(1)}–${median(rs.map((r) => sec(r.lastIdentifyMs))).toFixed(1)} | ` +
        `${rs.reduce((n, r) => n + r.refused, 0)} |`,
    );
  }
  // Peak per process against the guilds it holds, over the discloop × P setups: a straight line
  // whose slope is the memory per 1,000 guilds and whose intercept is a process holding none.
  const points = SETUPS.filter((s) => s.name.startsWith('discloop ×')).flatMap((s) =>
    results.get(s.name).flatMap((r) => r.peaksMiB.map((mib) => [guilds / s.processes, mib])),
  );
  const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const mx = mean(points.map(([x]) => x));
  const my = mean(points.map(([, y]) => y));
  const slope =
    points.reduce((n, [x, y]) => n + (x - mx) * (y - my), 0) /
    points.reduce((n, [x]) => n + (x - mx) ** 2, 0);
  if (Number.isFinite(slope))
    console.log(
      `\ndiscloop peak RSS ≈ ${(my - slope * mx).toFixed(0)} MiB + ${(slope * 1000).toFixed(1)} MiB per 1,000 guilds (least squares over the discloop × P runs)`,
    );
}
