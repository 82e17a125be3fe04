// Start-up benchmark (issue 2): process start → first line of `list-voice --once`, discloop
// against the hand-written script, alternating, both against the emulator in a third process.
// discloop's dist/ is a bundle, so the script is also timed bundled the same way: that pair
// shows what discloop itself costs. Also times the commands that must not load discord.js.
//   npm run build && node bench/startup.js [runs=11] [baseline-dir]
// A baseline directory (another build of discloop, e.g. a worktree of the commit before a change,
// built) adds its `list-voice --once` to the alternation.
import { spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'rolldown';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const runs = Number(process.argv[2] ?? 11);
const baseline = process.argv[3] && path.resolve(process.argv[3], 'bin/discloop.js');

function timeToFirstLine(args, env) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    let firstAt;
    let out = '';
    const child = spawn(process.execPath, args, {
      cwd: root,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    child.stdout.on('data', (chunk) => {
      firstAt ??= process.hrtime.bigint();
      out += chunk;
    });
    child.on('close', (code) => {
      if (code !== 0 || firstAt === undefined)
        reject(new Error(`${args.join(' ')} exited ${code}: ${out}`));
      else resolve({ ms: Number(firstAt - started) / 1e6, out });
    });
  });
}

const median = (xs) => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const fmt = (xs) =>
  `median ${median(xs).toFixed(1)} ms (min ${Math.min(...xs).toFixed(1)}, max ${Math.max(...xs).toFixed(1)})`;

await build({
  input: path.join(root, 'bench/minimal-list-voice.js'),
  platform: 'node',
  logLevel: 'silent',
  output: {
    file: path.join(root, 'bench/results/minimal-list-voice.bundled.js'),
    format: 'esm',
    codeSplitting: false,
  },
});

// Runs follow each other faster than Discord's one IDENTIFY per 5 s: that limit is not timed here.
const server = spawn(
  process.execPath,
  ['packages/emulator/bin/discloop-emulator.js', '--no-session-start-limit'],
  {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
  },
);
const { apiUrl, token } = await new Promise((resolve) =>
  server.stdout.once('data', (chunk) => resolve(JSON.parse(chunk))),
);
const env = { DISCORD_TOKEN: token, DISCLOOP_API_URL: apiUrl, NO_COLOR: '1' };

try {
  const tool = [];
  const script = [];
  const bundledScript = [];
  const before = [];
  // One untimed round warms the disk cache for both.
  const warm = await timeToFirstLine(['bin/discloop.js', 'list-voice', '--once'], env);
  const warmScript = await timeToFirstLine(['bench/minimal-list-voice.js'], env);
  if (warm.out.trim() !== warmScript.out.trim())
    throw new Error(`outputs differ:\n${warm.out}\n---\n${warmScript.out}`);
  for (let i = 0; i < runs; i++) {
    tool.push((await timeToFirstLine(['bin/discloop.js', 'list-voice', '--once'], env)).ms);
    script.push((await timeToFirstLine(['bench/minimal-list-voice.js'], env)).ms);
    bundledScript.push(
      (await timeToFirstLine(['bench/results/minimal-list-voice.bundled.js'], env)).ms,
    );
    if (baseline) before.push((await timeToFirstLine([baseline, 'list-voice', '--once'], env)).ms);
  }
  const help = [];
  const validate = [];
  const bare = [];
  for (let i = 0; i < runs; i++) {
    help.push((await timeToFirstLine(['bin/discloop.js', '--help'], {})).ms);
    validate.push(
      (await timeToFirstLine(['bin/discloop.js', 'validate', 'loops.example.yaml'], {})).ms,
    );
    bare.push((await timeToFirstLine(['-e', 'console.log(1)'], {})).ms);
  }
  const percent = (a, b) => {
    const value = (median(a) / median(b) - 1) * 100;
    return `${value >= 0 ? '+' : ''}${value.toFixed(1)} %`;
  };
  console.log(
    `machine: ${os.cpus()[0]?.model} ×${os.cpus().length}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}`,
  );
  console.log(`runs: ${runs} alternating (after one warm-up each)`);
  console.log(`discloop list-voice --once   ${fmt(tool)}`);
  console.log(`minimal discord.js script    ${fmt(script)}`);
  console.log(`the same script, bundled     ${fmt(bundledScript)}`);
  if (baseline) console.log(`baseline list-voice --once   ${fmt(before)}`);
  console.log(`discloop vs script           ${percent(tool, script)} (target ≤ +5 %)`);
  console.log(
    `discloop vs bundled script   ${percent(tool, bundledScript)} (what discloop itself adds)`,
  );
  console.log(`discloop --help              ${fmt(help)}`);
  console.log(`discloop validate            ${fmt(validate)}`);
  console.log(`node -e (bare process)       ${fmt(bare)}`);
} finally {
  server.kill('SIGTERM');
}
