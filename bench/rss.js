// Memory benchmark (issue: "caches hold only what the actions read"): peak RSS of
// `discloop run loops.example.yaml` next to the minimal hand-written discord.js script
// (bench/minimal-list-voice.js --every 5000) on the same world, for the demo world and a generated world of
// 1,000 guilds × 100 members (bench/rss/big-world.js). Targets: discloop's peak ≤ the script's on
// the demo world; discloop's growth demo → big ≤ half the script's.
//   npm run build && node bench/rss.js [--runs=3] [--window=30] [--worlds=demo,big]
//     [--list-voice-only] [--guilds=1000] [--members=100] [--node-flags=--liftoff-only]
//     [--baseline=<dir>]
// --baseline adds the same run by another build of discloop (a worktree with `npm run build`
// done, e.g. the commit before a change), on the same config, alternating with the others.
// Every run gets a fresh emulator in a process of its own
// (packages/emulator/bin/discloop-emulator.js), so each program sees the same world from the
// same start and the emulator's own logs (it records every payload) never build up. The measured process is the spawned `node` itself (no shell, no
// wrapper), sampled from /proc/<pid>/status every 200 ms. A run lasts `window` seconds after
// the program's first stdout line — 30 s by default, which covers discloop's first
// member-counts run on the big world (one REST call per guild at discord.js's 50 requests/s,
// ~20 s) and six voice reports. Then: VmHWM is read (the peak), the preloaded probe
// (bench/rss/probe.js) is asked for V8 heap figures, and SIGINT stops the program gracefully.
// Programs alternate, the order flipping every round (ABBA …); figures are medians.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { start, stop } from './children.js';
import { describeWorld, writeBigWorld } from './rss/big-world.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const results = path.join(root, 'bench/results');
const { values: args } = parseArgs({
  options: {
    runs: { type: 'string', default: '3' },
    window: { type: 'string', default: '30' },
    worlds: { type: 'string', default: 'demo,big' },
    guilds: { type: 'string', default: '1000' },
    members: { type: 'string', default: '100' },
    'list-voice-only': { type: 'boolean', default: false },
    baseline: { type: 'string' },
    // Extra flags for node in both measured programs, e.g. --node-flags=--liftoff-only.
    'node-flags': { type: 'string', default: '' },
  },
});
const runs = Number(args.runs);
const windowMs = Number(args.window) * 1000;
const nodeFlags = args['node-flags'].split(' ').filter(Boolean);
const SAMPLE_MS = 200;
const STEADY_MS = 5_000;
const STOP_TIMEOUT_MS = 60_000;

for (const file of ['packages/emulator/dist/index.js', 'dist/cli/main.js']) {
  if (!existsSync(path.join(root, file)))
    throw new Error(`${file} is missing: npm run build first`);
}
mkdirSync(results, { recursive: true });

async function startEmulator(worldArg) {
  const started = performance.now();
  const emulator = start(['packages/emulator/bin/discloop-emulator.js', worldArg], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let buffered = '';
  const line = await new Promise((resolve, reject) => {
    emulator.stdout.on('data', (chunk) => {
      buffered += chunk;
      const end = buffered.indexOf('\n');
      if (end >= 0) resolve(buffered.slice(0, end));
    });
    emulator.exited.then(({ code }) => reject(new Error(`emulator exited ${code} (${worldArg})`)));
  });
  return { emulator, ...JSON.parse(line), startMs: performance.now() - started };
}

// ── /proc ──────────────────────────────────────────────────────────────────────────────────
function status(pid) {
  try {
    const text = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kib = (key) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(text)?.[1]);
    return { rss: kib('VmRSS'), hwm: kib('VmHWM') };
  } catch {
    return null; // gone
  }
}

const median = (xs) => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const mib = (kib) => kib / 1024;

// ── one measured run ───────────────────────────────────────────────────────────────────────
const SUBJECTS = {
  // --no-state: every run starts from iteration 1, as the script does (and compares listing #1).
  discloop: ['bin/discloop.js', 'run', 'loops.example.yaml', '--no-state'],
  script: ['bench/minimal-list-voice.js', '--every', '5000'],
  'discloop list-voice only': [
    'bin/discloop.js',
    'run',
    'bench/rss/list-voice-only.yaml',
    '--no-state',
  ],
  ...(args.baseline
    ? {
        baseline: [
          path.resolve(args.baseline, 'bin/discloop.js'),
          'run',
          'loops.example.yaml',
          '--no-state',
        ],
      }
    : {}),
};

async function measure(subject, worldArg, tag) {
  const { emulator, apiUrl, token, startMs } = await startEmulator(worldArg);
  const probeFile = path.join(results, `rss-probe-${process.pid}-${tag}.json`);
  rmSync(probeFile, { force: true });
  const started = performance.now();
  const child = start(
    [
      ...nodeFlags,
      '--expose-gc',
      '--import',
      pathToFileURL(path.join(root, 'bench/rss/probe.js')).href,
      ...SUBJECTS[subject],
    ],
    {
      env: {
        ...process.env,
        DISCORD_TOKEN: token,
        DISCLOOP_API_URL: apiUrl,
        NO_COLOR: '1',
        RSS_PROBE_FILE: probeFile,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let firstLineAt;
  let out = '';
  let stderr = '';
  const gotFirstLine = new Promise((resolve) => {
    child.stdout.on('data', (chunk) => {
      firstLineAt ??= performance.now();
      if (out.length < 4_000_000) out += chunk;
      resolve();
    });
  });
  let failedRuns = 0;
  let intents;
  let partial = '';
  child.stderr.on('data', (chunk) => {
    stderr = (stderr + chunk).slice(-4000);
    const lines = (partial + chunk).split('\n');
    partial = lines.pop();
    for (const line of lines) {
      if (line.startsWith('✗')) failedRuns += 1;
      intents ??= /\(intents: ([^)]*)\)/.exec(line)?.[1];
    }
  });

  const samples = [];
  const sampler = setInterval(() => {
    const s = status(child.pid);
    if (s) samples.push({ at: performance.now(), ...s });
  }, SAMPLE_MS);
  try {
    const early = await Promise.race([
      gotFirstLine.then(() => null),
      child.exited,
      sleep(120_000, { code: 'no output within 120 s' }, { ref: false }),
    ]);
    if (early) throw new Error(`${subject} on ${worldArg}: exited ${early.code}\n${stderr}`);
    await sleep(windowMs);
    const end = status(child.pid);
    if (!end) throw new Error(`${subject} on ${worldArg} died during the window\n${stderr}`);
    clearInterval(sampler);
    samples.push({ at: performance.now(), ...end });

    child.kill('SIGUSR2');
    let heap = null;
    for (let i = 0; i < 50 && !heap; i++) {
      await sleep(100);
      try {
        heap = JSON.parse(readFileSync(probeFile, 'utf8'));
      } catch {}
    }
    rmSync(probeFile, { force: true });

    const stopAt = performance.now();
    const exit = await stop(child, 'SIGINT', STOP_TIMEOUT_MS);
    const steady = samples.filter((s) => s.at >= end.at - STEADY_MS).map((s) => s.rss);
    return {
      subject,
      peakKiB: end.hwm,
      steadyKiB: median(steady.length ? steady : [end.rss]),
      endKiB: end.rss,
      heap,
      firstLineMs: firstLineAt - started,
      stopMs: performance.now() - stopAt,
      exit,
      emulatorStartMs: startMs,
      failedRuns,
      intents,
      samples: samples.map((x) => [Math.round(x.at - started), x.rss, x.hwm]),
      out,
    };
  } finally {
    clearInterval(sampler);
    await stop(child, 'SIGKILL', 5_000);
    await stop(emulator, 'SIGTERM', 10_000);
  }
}

/** The first voice listing a program printed: its tab lines, sorted (orders differ by design). */
function firstListing(out) {
  const blocks = out.split(/^── .*$/m);
  const headers = out.match(/^── .*$/gm) ?? [];
  const index = headers.findIndex((h) => /voice-report #1|listing #1/.test(h));
  const block = blocks[index + 1] ?? '';
  return block
    .split('\n')
    .filter((l) => l.startsWith('\t'))
    .sort();
}

// ── the benchmark ──────────────────────────────────────────────────────────────────────────
const worlds = args.worlds.split(',');
for (const world of worlds)
  if (!['demo', 'big'].includes(world)) throw new Error(`--worlds: demo and/or big, not ${world}`);
const subjects = [
  'discloop',
  'script',
  ...(args['list-voice-only'] ? ['discloop list-voice only'] : []),
  ...(args.baseline ? ['baseline'] : []),
];
const worldArgs = { demo: '--demo' };
if (worlds.includes('big')) {
  const file = path.join(results, 'big-world.json');
  const { spec, bytes } = writeBigWorld(file, {
    guilds: Number(args.guilds),
    members: Number(args.members),
  });
  worldArgs.big = file;
  console.error(`big world: ${describeWorld(spec, bytes)} of JSON`);
}

const byWorld = {};
for (const world of worlds) {
  byWorld[world] = Object.fromEntries(subjects.map((s) => [s, []]));
  for (let round = 0; round < runs; round++) {
    const order = round % 2 === 0 ? subjects : [...subjects].reverse();
    for (const subject of order) {
      const result = await measure(subject, worldArgs[world], `${world}-${round}`);
      byWorld[world][subject].push(result);
      console.error(
        `${world} #${round + 1} ${subject.padEnd(24)} peak ${mib(result.peakKiB).toFixed(1)} MiB, ` +
          `steady ${mib(result.steadyKiB).toFixed(1)} MiB, heap after GC ${
            result.heap?.heapUsedAfterGc ? (result.heap.heapUsedAfterGc / 2 ** 20).toFixed(1) : '?'
          } MiB; first line ${result.firstLineMs.toFixed(0)} ms, stop ${result.stopMs.toFixed(0)} ms ` +
          `(exit ${result.exit.code ?? result.exit.signal}${result.exit.timedOut ? ', killed' : ''}); ` +
          `emulator up in ${result.emulatorStartMs.toFixed(0)} ms` +
          (result.intents ? `; intents ${result.intents}` : '') +
          (result.failedRuns ? `; ${result.failedRuns} FAILED loop runs` : ''),
      );
    }
  }
  // Every program must have printed the same people in voice.
  const script = firstListing(byWorld[world].script[0].out);
  for (const subject of subjects.filter(
    (s) => s !== 'script' && s !== 'discloop list-voice only',
  )) {
    const tool = firstListing(byWorld[world][subject][0].out);
    if (tool.length === 0 || tool.join('\n') !== script.join('\n')) {
      throw new Error(
        `${world}: first listings differ (${subject} ${tool.length} lines, script ${script.length}):\n${tool.join('\n')}\n---\n${script.join('\n')}`,
      );
    }
  }
  console.error(`${world}: first listings agree (${script.length} members in voice)`);
}

// Every run's /proc samples ([ms since spawn, VmRSS KiB, VmHWM KiB]), for a closer look.
const dump = path.join(results, `rss-runs-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
writeFileSync(
  dump,
  JSON.stringify(
    Object.fromEntries(
      Object.entries(byWorld).map(([world, bySubject]) => [
        world,
        Object.fromEntries(
          Object.entries(bySubject).map(([subject, list]) => [
            subject,
            list.map(({ out, ...rest }) => rest),
          ]),
        ),
      ]),
    ),
  ),
);
console.error(`samples of every run: ${path.relative(root, dump)}`);

// ── figures ────────────────────────────────────────────────────────────────────────────────
const stat = (world, subject, pick) => {
  const xs = (byWorld[world]?.[subject] ?? []).map(pick).filter((x) => Number.isFinite(x));
  return xs.length ? { median: median(xs), min: Math.min(...xs), max: Math.max(...xs) } : null;
};
const peak = (w, s) => stat(w, s, (r) => mib(r.peakKiB));
const steady = (w, s) => stat(w, s, (r) => mib(r.steadyKiB));
const heapGc = (w, s) => stat(w, s, (r) => (r.heap?.heapUsedAfterGc ?? Number.NaN) / 2 ** 20);
const cell = (x) => (x ? `${x.median.toFixed(1)} (${x.min.toFixed(1)}–${x.max.toFixed(1)})` : '–');

console.log(
  `machine: ${os.cpus()[0]?.model} ×${os.cpus().length}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}`,
);
const config = readFileSync(path.join(root, 'loops.example.yaml'));
const committed = spawnSync('git', ['diff', '--quiet', 'HEAD', '--', 'loops.example.yaml'], {
  cwd: root,
}).status;
console.log(
  `config: loops.example.yaml, ${(config.toString().match(/^\s*- name:/gm) ?? []).length} loops, sha256 ${createHash('sha256').update(config).digest('hex').slice(0, 12)} (${committed === 0 ? 'as committed' : committed === 1 ? 'modified in the working tree' : 'git unavailable'}); intents ${byWorld[worlds[0]].discloop[0].intents ?? '?'}`,
);
console.log(
  `runs: ${runs} per program and world, alternating; ${windowMs / 1000} s after the first stdout line; MiB = 2^20 bytes; median (min–max)${nodeFlags.length ? `; node ${nodeFlags.join(' ')}` : ''}`,
);
for (const world of worlds) {
  for (const subject of subjects) {
    console.log(
      `${world.padEnd(5)} ${subject.padEnd(24)} peak ${cell(peak(world, subject))}  steady ${cell(steady(world, subject))}  heap after GC ${cell(heapGc(world, subject))}`,
    );
  }
}
const growth = {};
if (worlds.includes('demo') && worlds.includes('big')) {
  for (const subject of subjects) {
    growth[subject] = {
      peak: peak('big', subject).median - peak('demo', subject).median,
      steady: steady('big', subject).median - steady('demo', subject).median,
      heap: heapGc('big', subject)?.median - heapGc('demo', subject)?.median,
    };
    console.log(
      `growth demo → big, ${subject.padEnd(24)} peak +${growth[subject].peak.toFixed(1)} MiB, steady +${growth[subject].steady.toFixed(1)} MiB, heap after GC +${growth[subject].heap.toFixed(1)} MiB`,
    );
  }
  const ratio = growth.discloop.peak / growth.script.peak;
  console.log(
    `discloop growth / script growth (peak)   ${ratio.toFixed(2)} (target ≤ 0.5: ${ratio <= 0.5 ? 'met' : 'NOT met'})`,
  );
  if (growth.baseline)
    console.log(
      `baseline growth / script growth (peak)   ${(growth.baseline.peak / growth.script.peak).toFixed(2)}`,
    );
  console.log(
    `discloop growth / script growth (steady) ${(growth.discloop.steady / growth.script.steady).toFixed(2)} (steady = RSS over the last 5 s: it moves with GC timing, see min–max)`,
  );
}
if (worlds.includes('demo')) {
  const tool = peak('demo', 'discloop').median;
  const script = peak('demo', 'script').median;
  const diff = tool - script;
  console.log(
    `demo: discloop peak vs script peak       ${diff >= 0 ? '+' : ''}${diff.toFixed(1)} MiB (${((tool / script - 1) * 100).toFixed(1)} %; target ≤: ${tool <= script ? 'met' : 'NOT met'})`,
  );
}

console.log('\nMarkdown for BENCHMARKS.md:\n');
console.log(
  '| world | program | peak RSS (VmHWM, MiB) | RSS, last 5 s (MiB)¹ | V8 heap after full GC (MiB) |',
);
console.log(
  '| ----- | ------- | --------------------- | -------------------- | --------------------------- |',
);
const label = {
  discloop: '`discloop run loops.example.yaml`',
  script: 'minimal discord.js script',
  'discloop list-voice only': '`discloop run` (voice report only)',
  baseline: `baseline (${args.baseline})`,
};
for (const world of worlds) {
  for (const subject of subjects) {
    console.log(
      `| ${world} | ${label[subject]} | ${cell(peak(world, subject))} | ${cell(steady(world, subject))} | ${cell(heapGc(world, subject))} |`,
    );
  }
}
if (growth.discloop) {
  for (const subject of subjects) {
    console.log(
      `| growth demo → big | ${label[subject]} | +${growth[subject].peak.toFixed(1)} | +${growth[subject].steady.toFixed(1)} | +${growth[subject].heap.toFixed(1)} |`,
    );
  }
}
console.log(
  '\n¹ RSS over the last 5 s of the window: whether a major GC has just run moves it by tens of MiB.',
);
