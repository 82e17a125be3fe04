// What a plugin adds to start-up (issue "plugins and built-ins"): `discloop validate` on the same
// one-loop config without a plugin, with examples/plugins/uptime.ts (TypeScript, through jiti),
// with the same plugin as plain JavaScript, and with the TypeScript one while jiti's transpile
// cache is off (as on the very first start, or with JITI_FS_CACHE=false), alternating.
//   npm run build && node bench/plugins.js [runs=15]
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const runs = Number(process.argv[2] ?? 15);
const run = promisify(execFile);
const bin = path.join(root, 'bin/discloop.js');

const dir = await mkdtemp(path.join(os.tmpdir(), 'discloop-bench-plugins-'));
await writeFile(
  path.join(dir, 'uptime.ts'),
  await readFile(path.join(root, 'examples/plugins/uptime.ts'), 'utf8'),
);
// The same action as JavaScript: the plugin loaded without transpiling.
await writeFile(
  path.join(dir, 'uptime.mjs'),
  `import { defineAction, z } from 'discloop';
export default defineAction({
  name: 'uptime',
  description: 'The example as JavaScript',
  options: z.object({ channel: z.string() }),
  async run() { return {}; },
});
`,
);
const loop =
  '\nloops:\n  - { name: uptime, action: ACTION, minutes: 5, with: { channel: general } }\n';
const configs = {
  'no plugin': loop
    .replace('ACTION', 'send-message')
    .replace('general }', 'general, content: up }'),
  'TypeScript plugin': `plugins: [./uptime.ts]${loop.replace('ACTION', 'uptime')}`,
  'JavaScript plugin': `plugins: [./uptime.mjs]${loop.replace('ACTION', 'uptime')}`,
};
for (const [name, text] of Object.entries(configs))
  await writeFile(path.join(dir, `${name.replaceAll(' ', '-')}.yaml`), text);

const cases = [
  ['no plugin', 'no-plugin.yaml', {}],
  ['TypeScript plugin', 'TypeScript-plugin.yaml', {}],
  ['JavaScript plugin', 'JavaScript-plugin.yaml', {}],
  ['TypeScript, no jiti cache', 'TypeScript-plugin.yaml', { JITI_FS_CACHE: 'false' }],
];

// The child's own CPU time (user + system) as it exits: far steadier than wall time when other
// work shares the machine.
const cpuOnExit = `data:text/javascript,process.on('exit', () => { const u = process.cpuUsage(); process.stderr.write('cpu-ms ' + (u.user + u.system) / 1000 + '\\n'); });`;

async function time(config, env) {
  const started = process.hrtime.bigint();
  const { stderr } = await run(process.execPath, ['--import', cpuOnExit, bin, 'validate', config], {
    cwd: dir,
    env: { ...process.env, NO_COLOR: '1', ...env },
  });
  const wall = Number(process.hrtime.bigint() - started) / 1e6;
  return { wall, cpu: Number(/cpu-ms ([\d.]+)/.exec(stderr)?.[1]) };
}

const median = (xs) => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

try {
  const times = cases.map(() => []);
  // One untimed round: the disk cache, and jiti's transpile cache for the cached cases.
  for (const [, config, env] of cases) await time(config, env);
  for (let i = 0; i < runs; i++)
    for (const [index, [, config, env]] of cases.entries())
      times[index].push(await time(config, env));
  console.log(
    `machine: ${os.cpus()[0]?.model} ×${os.cpus().length}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}`,
  );
  console.log(`runs: ${runs} alternating (after one warm-up each), discloop validate <config>`);
  const base = median(times[0].map((t) => t.wall));
  const baseCpu = median(times[0].map((t) => t.cpu));
  const plus = (value, from, index) => (index ? ` (+${(value - from).toFixed(1)} ms)` : '');
  for (const [index, [name]] of cases.entries()) {
    const wall = times[index].map((t) => t.wall);
    const cpu = times[index].map((t) => t.cpu);
    const [w, c] = [median(wall), median(cpu)];
    console.log(
      `${name.padEnd(26)} wall median ${w.toFixed(1)} ms${plus(w, base, index)}, min ${Math.min(...wall).toFixed(1)}; CPU median ${c.toFixed(1)} ms${plus(c, baseCpu, index)}`,
    );
  }
} finally {
  await rm(dir, { recursive: true, force: true });
}
