import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const tsc = path.join(
  path.dirname(createRequire(import.meta.url).resolve('typescript/package.json')),
  'bin/tsc',
);
const run = promisify(execFile);

/**
 * A plugin author's project: `discloop` installed (a link to this package, so its exports and
 * built dist/ are what resolve) and a strict tsconfig. `check` type-checks one plugin file.
 */
let project: string;
beforeAll(async () => {
  project = await mkdtemp(path.join(tmpdir(), 'discloop-plugin-'));
  await mkdir(path.join(project, 'node_modules'));
  await symlink(root, path.join(project, 'node_modules/discloop'), 'dir');
  await writeFile(path.join(project, 'package.json'), '{ "type": "module" }\n');
  const compilerOptions = { strict: true, module: 'NodeNext', noEmit: true, types: [] };
  await writeFile(
    path.join(project, 'tsconfig.json'),
    JSON.stringify({ compilerOptions, files: ['plugin.ts'] }),
  );
});
afterAll(() => rm(project, { recursive: true, force: true }));

async function check(source: string): Promise<{ ok: boolean; output: string }> {
  await writeFile(path.join(project, 'plugin.ts'), source);
  try {
    await run(process.execPath, [tsc, '-p', project]);
    return { ok: true, output: '' };
  } catch (error) {
    const { stdout, stderr } = error as { stdout: string; stderr: string };
    return { ok: false, output: stdout + stderr };
  }
}

const PLUGIN = `import { ActionError, type ActionContext, type DiscordPort, defineAction, z } from 'discloop';

export default defineAction({
  name: 'guild-total',
  description: 'How many guilds the bot is in',
  options: z.object({ channel: z.string(), every: z.number().default(1) }),
  intents: ['Guilds'],
  permissions: [],
  async run(ctx: ActionContext, options) {
    const port: DiscordPort = ctx.discord;
    if (options.channel === '') throw new ActionError('no-channel', 'no channel');
    ctx.log.info(await ctx.render('{loop.name} at {now}'));
    return { guilds: port.guilds().length, run: ctx.loop.iteration, slot: ctx.loop.scheduledAt };
  },
  render: ({ guilds, run }) => \`\${guilds} guilds (run \${run})\`,
});
`;

describe('the public API (import … from "discloop")', () => {
  it('type-checks an action written against the published declarations', async () => {
    expect(await check(PLUGIN)).toEqual({ ok: true, output: '' });
  });

  it('rejects one that misuses them, naming the mistake', async () => {
    const wrong = PLUGIN.replace("['Guilds']", "['Guild']")
      .replace('port.guilds().length', 'port.members().length')
      .replace("options.channel === ''", "options.chanel === ''");
    const { ok, output } = await check(wrong);
    expect(ok).toBe(false);
    expect(output).toContain('"Guild"');
    expect(output).toContain("Property 'members' does not exist on type 'DiscordPort'");
    expect(output).toContain("Property 'chanel' does not exist");
  });

  it('loads defineAction, ActionError and z at run time, and no discord.js', async () => {
    const script = `const api = await import('discloop');
console.log(Object.keys(api).sort().join(' '), typeof api.z.object);`;
    const tracer = path.join(root, 'test/helpers/trace-imports.mjs');
    const { stdout, stderr } = await run(
      process.execPath,
      ['--import', tracer, '--input-type=module', '-e', script],
      { cwd: project },
    );
    expect(stdout.trim()).toBe('ActionError defineAction z function');
    const imports = stderr.split('\n').filter((line) => line.startsWith('import: '));
    expect(imports).toContain(`import: file://${root}/dist/index.js`);
    expect(imports.filter((url) => /discord\.js|chunks\/discord-/.test(url))).toEqual([]);
  });
});
