// Validate benchmark (issue 16): `discloop validate` on a config of 1 loop, one of 10,000, and
// the same 10,000 with one misspelt key at the end (a mistake: exit 2, every position located),
// alternating, the built CLI in a process of its own each time. Reports wall time (spawn to
// exit), CPU time (user + system: less swayed by a busy machine) and peak RSS, from
// /usr/bin/time when there is one, else from the child's own process.resourceUsage(), written
// at exit by a preloaded script.
//   npm run build && node bench/validate.js [runs=5] [loops=10000]
import { execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const runs = Number(process.argv[2] ?? 5);
const many = Number(process.argv[3] ?? 10_000);
const TIME = '/usr/bin/time';

const ZONES = ['Europe/Moscow', 'America/New_York', 'Asia/Tokyo', 'Europe/Berlin', 'UTC'];
const CRONS = ['*/15 * * * *', '0 9 * * 1-5', '30 2 * * *', '0 */6 * * *', '0 0 12 * * *'];

/** Loop i of a config: intervals, times of day and cron, in several zones, with modifiers. */
function loop(i) {
  const lines = [`  - name: loop-${i}`];
  const zone = i % 3 === 0 ? [`    timezone: ${ZONES[i % ZONES.length]}`] : [];
  switch (i % 6) {
    case 0:
      lines.push('    action: list-voice', `    seconds: ${10 + (i % 50)}`, '    count: 5');
      break;
    case 1:
      lines.push(
        '    action: member-count',
        `    every: ${1 + (i % 12)}h${i % 60}m`,
        '    jitter: 30s',
      );
      break;
    case 2:
      lines.push('    action: guilds', `    time: ["0${i % 10}:00", "2${i % 4}:30:15"]`, ...zone);
      break;
    case 3:
      lines.push('    action: member-count', `    cron: "${CRONS[i % CRONS.length]}"`, ...zone);
      break;
    case 4:
      lines.push(
        '    action: send-message',
        `    with: { channel: general, content: "{guild.name} has {guild.memberCount} members, run {loop.iteration}" }`,
        `    minutes: ${1 + (i % 30)}`,
        '    timeout: 30s',
      );
      break;
    case 5:
      lines.push(
        '    action: rename-channel',
        '    with: { channel: counter, name: "Members: {guild.memberCount}" }',
        `    cron: "*/${[10, 15, 20, 30][i % 4]} * * * *"`,
        ...zone,
      );
      break;
  }
  if (i % 97 === 96) lines.push('    enabled: false');
  return lines.join('\n');
}

const config = (n) =>
  `timezone: Europe/Berlin\nloops:\n${Array.from({ length: n }, (_, i) => loop(i)).join('\n')}\n`;

/** One `discloop validate file`: wall and CPU time, peak RSS in MiB, its exit code and output. */
function validate(file, dir) {
  const usageFile = path.join(dir, 'usage');
  const cli = [path.join(root, 'bin/discloop.js'), 'validate', file];
  const [command, args, env] = existsSync(TIME)
    ? [TIME, ['-f', '%U %S %M', '-o', usageFile, process.execPath, ...cli], {}]
    : [
        process.execPath,
        ['--require', path.join(dir, 'usage.cjs'), ...cli],
        { USAGE_FILE: usageFile },
      ];
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(command, args, {
      cwd: dir,
      env: { PATH: process.env.PATH, NO_COLOR: '1', TZ: 'UTC', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
    });
    child.stderr.on('data', (chunk) => {
      err += chunk;
    });
    child.on('close', async (code) => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      // /usr/bin/time says "Command exited with non-zero status 2" first: the figures are last.
      const last = (await readFile(usageFile, 'utf8').catch(() => '')).trim().split('\n').at(-1);
      const [user, system, kib] = (last ?? '').split(' ').map(Number);
      if (kib === undefined || Number.isNaN(kib))
        return reject(new Error(`no usage for ${file} (exit ${code}):\n${err}`));
      resolve({ ms, cpuMs: (user + system) * 1000, mib: kib / 1024, code, out, err });
    });
  });
}

const median = (xs) => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const spread = (xs, digits = 0) =>
  `${median(xs).toFixed(digits)} (${Math.min(...xs).toFixed(digits)}–${Math.max(...xs).toFixed(digits)})`;
const row = (name, results) =>
  `| ${name} | ${spread(results.map((r) => r.ms))} ms | ${spread(results.map((r) => r.cpuMs))} ms | ${spread(results.map((r) => r.mib))} MiB |`;

const dir = await mkdtemp(path.join(os.tmpdir(), 'discloop-bench-validate-'));
try {
  const cases = [
    { name: '1 loop', file: 'one.yaml', text: config(1), code: 0 },
    { name: `${many} loops`, file: 'many.yaml', text: config(many), code: 0 },
    {
      name: `${many} loops, 1 mistake`,
      file: 'mistake.yaml',
      text: `${config(many)}  - name: typo\n    action: guilds\n    secnds: 10\n`,
      code: 2,
    },
  ];
  for (const { file, text } of cases) await writeFile(path.join(dir, file), text);
  await writeFile(
    path.join(dir, 'usage.cjs'),
    "process.on('exit', () => { const u = process.resourceUsage(); require('node:fs').writeFileSync(process.env.USAGE_FILE, `${u.userCPUTime / 1e6} ${u.systemCPUTime / 1e6} ${u.maxRSS}`); });\n",
  );
  // One untimed run each warms the disk cache, and checks the output is what it should be.
  const enabled = many - Math.floor((many + 1) / 97);
  for (const { file, code } of cases) {
    const warm = await validate(file, dir);
    if (warm.code !== code) throw new Error(`${file} exited ${warm.code}:\n${warm.err}`);
    if (code === 0 && warm.err) throw new Error(`${file} warned:\n${warm.err.slice(0, 500)}`);
    if (file === 'many.yaml' && !warm.out.includes(`many.yaml: ${enabled} loops to run`))
      throw new Error(`unexpected output:\n${warm.out.slice(0, 500)}`);
    if (code === 2 && !warm.err.includes('unknown key "secnds"'))
      throw new Error(`unexpected problems:\n${warm.err.slice(0, 500)}`);
  }
  const results = cases.map(() => []);
  for (let i = 0; i < runs; i++)
    for (const [index, { file }] of cases.entries()) results[index].push(await validate(file, dir));
  const cpu = (await readFile('/proc/cpuinfo', 'utf8').catch(() => ''))
    .split('\n')
    .find((line) => line.startsWith('model name'))
    ?.split(':')[1]
    ?.trim();
  const nproc = execFileSync('nproc').toString().trim();
  console.log(`machine: ${cpu ?? os.cpus()[0]?.model}, nproc ${nproc}, Node ${process.version}`);
  console.log(
    `load average at the end: ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
  console.log(
    `usage from ${existsSync(TIME) ? '/usr/bin/time' : "the child's process.resourceUsage()"}; ${runs} alternating runs after one warm-up each; median (min–max)\n`,
  );
  console.log('| config | wall | CPU (user + sys) | peak RSS |');
  console.log('|---|---|---|---|');
  for (const [index, { name }] of cases.entries()) console.log(row(name, results[index]));
} finally {
  await rm(dir, { recursive: true, force: true });
}
