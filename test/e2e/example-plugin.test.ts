import { execFile } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { DEFAULT_IDS, startEmulator } from '@discloop/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type NdjsonLine, validNdjson } from '../helpers/ndjson-schema.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const tsc = path.join(
  path.dirname(createRequire(import.meta.url).resolve('typescript/package.json')),
  'bin/tsc',
);
const run = promisify(execFile);
/** npm's own variables (from `npm test`) would steer the npm commands below. */
const env = Object.fromEntries(
  Object.entries(process.env).filter(([name]) => !name.toLowerCase().startsWith('npm_')),
);

/**
 * The README's "Write your own action" as a user follows it: discloop packed and installed in
 * an empty folder, examples/plugins/uptime.ts copied beside a config, type-checked against the
 * installed declarations, and run by the installed discloop against the emulator.
 */
let tmp: string;
let project: string;
beforeAll(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), 'discloop-example-'));
  // dist/ as `npm test` has just built it: --ignore-scripts keeps `prepare` from rebuilding
  // dist/ under the other end-to-end tests, which run beside this one.
  const packed = await run(
    'npm',
    ['pack', '--ignore-scripts', '--json', '--pack-destination', tmp],
    { cwd: root, env },
  );
  const [{ filename }] = JSON.parse(packed.stdout) as [{ filename: string }];
  project = path.join(tmp, 'bot');
  await mkdir(project);
  await writeFile(path.join(project, 'package.json'), '{ "private": true, "type": "module" }\n');
  await run(
    'npm',
    ['install', '--no-audit', '--no-fund', '--prefer-offline', path.join(tmp, filename)],
    { cwd: project, env },
  );
  // zod is discloop's optional peer: a TypeScript plugin needs its types (the README says so).
  await symlink(path.join(root, 'node_modules/zod'), path.join(project, 'node_modules/zod'), 'dir');
  await copyFile(path.join(root, 'examples/plugins/uptime.ts'), path.join(project, 'uptime.ts'));
  const compilerOptions = { strict: true, module: 'NodeNext', noEmit: true, types: [] };
  await writeFile(
    path.join(project, 'tsconfig.json'),
    JSON.stringify({ compilerOptions, files: ['uptime.ts'] }),
  );
  await writeFile(
    path.join(project, 'loops.yaml'),
    `plugins: [./uptime.ts]
loops:
  - name: uptime
    action: uptime
    with: { channel: general }
    seconds: 1
    count: 2
`,
  );
}, 300_000);
afterAll(() => rm(tmp, { recursive: true, force: true }));

type RunLine = Extract<NdjsonLine, { type: 'run' }>;

describe('the example plugin, with discloop installed from its tarball', () => {
  it('type-checks against the installed declarations', async () => {
    const checked = await run(process.execPath, [tsc, '-p', project]).catch(
      (error: { stdout: string }) => ({ stdout: error.stdout, failed: true }),
    );
    expect(checked).toMatchObject({ stdout: '' });
  });

  it('runs with the installed discloop and posts to the channel', async () => {
    const emu = await startEmulator({ heartbeatIntervalMs: 1000 });
    try {
      const bin = path.join(project, 'node_modules/discloop/bin/discloop.js');
      const { stdout, stderr } = await run(process.execPath, [bin, 'run', 'loops.yaml', '--json'], {
        cwd: project,
        env: {
          PATH: process.env.PATH,
          HOME: process.env.HOME,
          DISCORD_TOKEN: emu.token,
          DISCLOOP_API_URL: emu.apiUrl,
        },
      });
      const runs = validNdjson(stdout).filter((l): l is RunLine => l.type === 'run');
      expect(runs.map((r) => [r.loop, r.iteration, r.ok])).toEqual([
        ['uptime', 1, true],
        ['uptime', 2, true],
      ]);
      const contents = runs.map((r) => r.ok && r.data.content);
      for (const content of contents) expect(content).toMatch(/^Up 0m · API \d+ ms · 2 guilds$/);
      const posts = emu.requests.filter(
        (r) =>
          r.route === 'POST /channels/:id/messages' &&
          r.params.id === DEFAULT_IDS.channels.alphaGeneralText,
      );
      expect(posts.map((p) => (p.body as { content: string }).content)).toEqual(contents);
      expect(stderr).toContain('uptime: posted to #general in Alpha Guild');
    } finally {
      await emu.close();
    }
  });
});
