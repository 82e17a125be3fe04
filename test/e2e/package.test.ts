import { spawn } from 'node:child_process';
import {
  cp,
  mkdir,
  mkdtemp,
  readdir,
  readFile,
  rm,
  stat,
  symlink,
  writeFile,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * SPEC §8 "Installable": the tarball `npm pack` makes, installed into an empty folder as a
 * user would, runs with nothing else installed. The pack runs in a copy of the repository
 * (prepack rebuilds dist/ from scratch there: the package never ships a stale build, and the
 * dist/ other tests are spawning meanwhile is left alone); the copy shares node_modules.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const MINUTE = 60_000;

/** npm's own variables (from `npm test`) would steer the nested npm: leave them out. */
const cleanEnv = Object.fromEntries(
  Object.entries(process.env).filter(([key]) => !/^npm_|^INIT_CWD$/i.test(key)),
);

interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(
  command: string,
  args: string[],
  cwd: string,
  env: Record<string, string | undefined> = {},
): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env: { ...cleanEnv, NO_COLOR: '1', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** What a build needs: everything but tests, benchmarks, builds and installed packages. */
const LEFT_OUT = new Set([
  '.git',
  'node_modules',
  'dist',
  'test',
  'bench',
  'coverage',
  '.discloop',
]);

async function installedSize(dir: string): Promise<number> {
  let bytes = 0;
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) bytes += await installedSize(full);
    else if (entry.isFile()) bytes += (await stat(full)).size;
  }
  return bytes;
}

/** The packages in node_modules, scoped ones included (not .bin, not .package-lock.json). */
async function installedPackages(nodeModules: string): Promise<string[]> {
  const names: string[] = [];
  for (const entry of await readdir(nodeModules)) {
    if (entry.startsWith('.')) continue;
    if (!entry.startsWith('@')) names.push(entry);
    else
      for (const inner of await readdir(path.join(nodeModules, entry)))
        names.push(`${entry}/${inner}`);
  }
  return names;
}

/** The packages a declaration file and the ones it imports (transitively) import from. */
async function packagesTypesImport(entry: string): Promise<string[]> {
  const seen = new Set<string>();
  const packages = new Set<string>();
  const queue = [entry];
  for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
    if (seen.has(file)) continue;
    seen.add(file);
    const text = await readFile(file, 'utf8');
    for (const [, from = ''] of text.matchAll(/^(?:import|export)\b[^;]*?\bfrom '([^']+)'/gm)) {
      if (!from.startsWith('.')) packages.add(from);
      else queue.push(path.resolve(path.dirname(file), from.replace(/\.js$/, '.d.ts')));
    }
  }
  return [...packages].sort();
}

let work: string;
let app: string;
let packed: { filename: string; files: { path: string }[] };
let installed: string;
const discloop = (args: string[], env: Record<string, string | undefined> = {}) =>
  run(process.execPath, [path.join(app, 'node_modules/.bin/discloop'), ...args], app, env);

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'discloop-pack-'));
  const copy = path.join(work, 'repo');
  await cp(root, copy, {
    recursive: true,
    filter: (source) => {
      const relative = path.relative(root, source).split(path.sep);
      return (
        !LEFT_OUT.has(relative[0] ?? '') &&
        !relative.includes('node_modules') &&
        relative.at(-1) !== 'dist'
      );
    },
  });
  await symlink(path.join(root, 'node_modules'), path.join(copy, 'node_modules'), 'dir');

  const pack = await run('npm', ['pack', '--json', '--pack-destination', work], copy);
  expect(pack.code, pack.stderr).toBe(0);
  // prepack's build prints its own lines first; the JSON report is the last thing on stdout.
  const [report] = JSON.parse(pack.stdout.slice(pack.stdout.search(/^\[$/m)));
  packed = report;

  app = path.join(work, 'app');
  await mkdir(app);
  await writeFile(path.join(app, 'package.json'), '{ "private": true }\n');
  const install = await run(
    'npm',
    ['install', '--no-audit', '--no-fund', path.join(work, packed.filename)],
    app,
  );
  expect(install.code, install.stderr).toBe(0);
  installed = path.join(app, 'node_modules/discloop');
}, 3 * MINUTE);
afterAll(() => rm(work, { recursive: true, force: true }));

describe('the packed tarball', () => {
  it('ships the bundle, its types, the schema, the example, README and LICENSE; no maps, no sources', () => {
    const files = packed.files.map((f) => f.path);
    for (const file of [
      'bin/discloop.js',
      'dist/cli/main.js',
      'dist/index.js',
      'dist/index.d.ts',
      'schema.json',
      'loops.example.yaml',
      'README.md',
      'LICENSE',
      'package.json',
    ]) {
      expect(files).toContain(file);
    }
    expect(files.some((f) => /^dist\/chunks\/emulator-.*\.js$/.test(f))).toBe(true);
    expect(files.filter((f) => f.endsWith('.map'))).toEqual([]);
    expect(files.filter((f) => /^(src|packages|test)\//.test(f))).toEqual([]);
  });

  it('installs with only jiti beside it, no install script, well under 10 MB', async () => {
    // jiti (the TypeScript plugin loader) finds its Babel build by a path of its own: it cannot
    // be bundled, so it is the one runtime dependency.
    expect(await installedPackages(path.join(app, 'node_modules'))).toEqual(['discloop', 'jiti']);
    const manifest = JSON.parse(await readFile(path.join(installed, 'package.json'), 'utf8'));
    expect(Object.keys(manifest.dependencies ?? {})).toEqual(['jiti']);
    for (const script of ['preinstall', 'install', 'postinstall', 'prepare'])
      expect(manifest.scripts?.[script], script).toBeUndefined();
    expect(await installedSize(path.join(app, 'node_modules'))).toBeLessThan(10 * 1024 * 1024);
  });

  it('runs: --version, validate on the shipped example, run --sandbox', async () => {
    const manifest = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8'));
    const version = await discloop(['--version']);
    expect(version).toMatchObject({ code: 0, stdout: `${manifest.version}\n` });

    await cp(path.join(installed, 'loops.example.yaml'), path.join(app, 'loops.example.yaml'));
    const validate = await discloop(['validate', 'loops.example.yaml']);
    expect(validate.code, validate.stderr).toBe(0);
    expect(validate.stdout).toContain('✓ ');

    await writeFile(
      path.join(app, 'twice.yaml'),
      'loops:\n  - name: voice\n    action: list-voice\n    seconds: 1\n    count: 2\n',
    );
    const sandbox = await discloop(['run', 'twice.yaml', '--sandbox', '--json']);
    expect(sandbox.code, sandbox.stderr).toBe(0);
    const runs = sandbox.stdout
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line))
      .filter((event) => event.type === 'run');
    expect(runs.map((r) => [r.loop, r.iteration, r.ok])).toEqual([
      ['voice', 1, true],
      ['voice', 2, true],
    ]);
  });

  it('runs the bundled emulator on its own, and stops it with SIGTERM', async () => {
    const child = spawn(
      process.execPath,
      [path.join(app, 'node_modules/.bin/discloop'), 'emulator'],
      {
        cwd: app,
        env: { ...cleanEnv, NO_COLOR: '1' },
      },
    );
    const exit = new Promise<number | null>((resolve) => child.on('close', resolve));
    const line = await new Promise<string>((resolve) => {
      let out = '';
      child.stdout.on('data', (chunk) => {
        out += chunk;
        if (out.includes('\n')) resolve(out.split('\n')[0] ?? '');
      });
    });
    const { apiUrl, token } = JSON.parse(line);
    const guilds = await discloop(['guilds', '--once'], {
      DISCORD_TOKEN: token,
      DISCLOOP_API_URL: apiUrl,
    });
    expect(guilds.code, guilds.stderr).toBe(0);
    expect(guilds.stdout).toContain('Alpha Guild');
    child.kill('SIGTERM');
    expect(await exit).toBe(0);
  });

  it("gives plugin authors 'discloop' with defineAction, ActionError and zod's z", async () => {
    const probe = await run(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        "import { ActionError, defineAction, z } from 'discloop'; console.log(typeof defineAction, typeof ActionError, z.string().parse('ok'));",
      ],
      app,
    );
    expect(probe).toMatchObject({ code: 0, stdout: 'function function ok\n' });
  });

  it('types a TypeScript plugin once zod (the optional peer) is installed beside it', async () => {
    // The types the entry point reaches import only their own files and zod, the optional peer.
    expect(await packagesTypesImport(path.join(installed, 'dist/index.d.ts'))).toEqual(['zod']);
    await symlink(path.join(root, 'node_modules/zod'), path.join(app, 'node_modules/zod'), 'dir');
    await writeFile(
      path.join(app, 'plugin.ts'),
      [
        "import { ActionError, defineAction, z } from 'discloop';",
        'const City = z.object({ city: z.string() });',
        'export const weather = defineAction({',
        "  name: 'weather',",
        "  description: 'Say the weather',",
        '  options: City,',
        '  intents: [],',
        "  permissions: ['Send Messages'],",
        '  async run(_ctx, { city }) {',
        "    if (city === '') throw new ActionError('no_city', 'No city.');",
        '    return { city };',
        '  },',
        '  render: (data) => data.city,',
        '});',
        '// @ts-expect-error z is typed, not any: a number schema is no string schema',
        'export const wrong: z.ZodString = z.number();',
        '',
      ].join('\n'),
    );
    await writeFile(
      path.join(app, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          module: 'nodenext',
          moduleResolution: 'nodenext',
          target: 'es2022',
          strict: true,
          noEmit: true,
          skipLibCheck: true,
          types: [],
        },
        files: ['plugin.ts'],
      }),
    );
    const tsc = await run(
      process.execPath,
      [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', '.'],
      app,
    );
    expect(tsc.code, tsc.stdout).toBe(0);
  });
});
