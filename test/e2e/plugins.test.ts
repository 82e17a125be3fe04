import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEFAULT_IDS, type Emulator, startEmulator } from '@discloop/emulator';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { spawnCli } from '../helpers/cli.js';
import { type NdjsonLine, validNdjson } from '../helpers/ndjson-schema.js';

/**
 * SPEC §10 as a user meets it: plugins written in a folder of their own (no discloop installed
 * there: `discloop` resolves to the running one), loaded by the real binary.
 */
let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'discloop-plugins-'));
});

/** Writes files (path → text) into the test's folder. */
async function files(entries: Record<string, string>) {
  for (const [name, text] of Object.entries(entries)) {
    await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
    await writeFile(path.join(dir, name), text);
  }
}

const GREET = `import { ActionError, defineAction, z } from 'discloop';

export default defineAction({
  name: 'greet',
  description: 'Post a greeting',
  options: z.object({
    channel: z.string().describe('text channel name'),
    guild: z.string(),
    times: z.number().int().min(1).default(1),
  }),
  intents: ['Guilds', 'GuildMessages'],
  permissions: ['Send Messages'],
  async run(ctx, { channel, guild }) {
    const target = ctx.discord.channels().find((c) => c.name === channel && c.guildName === guild);
    if (!target) throw new ActionError('unknown_channel', \`No #\${channel} in \${guild}.\`);
    const content = await ctx.render('Hello from {guild.name}, run {loop.iteration}', guild);
    ctx.log.info(\`posting to #\${target.name}\`);
    const { id } = await ctx.discord.sendMessage(target.id, { content, allowedMentions: [] });
    return { id, content, scheduledAt: ctx.loop.scheduledAt };
  },
  render: ({ content }) => content,
});
`;

const LOOPS = `plugins: [./greet.ts]
loops:
  - name: hello
    action: greet
    with: { channel: general, guild: Alpha Guild }
    seconds: 1
    count: 2
`;

/** A plugin package installed beside the config: plain JS, two actions that fail. */
const FAULTS = `import { ActionError, defineAction } from 'discloop';

export default [
  defineAction({
    name: 'boom',
    description: 'A bug in a plugin',
    intents: [],
    run() {
      throw new TypeError('plugin bug');
    },
  }),
  defineAction({
    name: 'refuse',
    description: 'A failure the user can fix',
    intents: [],
    run() {
      throw new ActionError('no_uptime', 'Nothing to report yet.');
    },
  }),
];
`;

type RunLine = Extract<NdjsonLine, { type: 'run' }>;
const runsOf = (lines: NdjsonLine[], loop: string) =>
  lines.filter((l): l is RunLine => l.type === 'run' && l.loop === loop);

describe('plugins against the emulator', () => {
  let emu: Emulator;
  beforeEach(async () => {
    emu = await startEmulator({ heartbeatIntervalMs: 1000 });
  });
  afterEach(() => emu.close());

  const runCli = async (args: string[]) => {
    const cli = spawnCli(args, { DISCORD_TOKEN: emu.token, DISCLOOP_API_URL: emu.apiUrl }, dir);
    const { code, stdout, stderr } = await cli.exit;
    return { code, stderr, lines: validNdjson(stdout) };
  };

  it('runs a TypeScript plugin: its options, intents, log lines, templates and data', async () => {
    await files({ 'greet.ts': GREET, 'loops.yaml': LOOPS });
    const { code, stderr, lines } = await runCli(['run', '--json']);
    expect(code).toBe(0);
    expect(stderr).toContain('(intents: Guilds, GuildMessages)');
    expect(stderr.split('\n').filter((l) => l === 'hello: posting to #general')).toHaveLength(2);
    const runs = runsOf(lines, 'hello');
    expect(runs.map((r) => r.ok && r.data.content)).toEqual([
      'Hello from Alpha Guild, run 1',
      'Hello from Alpha Guild, run 2',
    ]);
    for (const run of runs)
      expect(run.ok && run.data.scheduledAt).toBe(Date.parse(run.scheduledAt));
    const posts = emu.requests.filter(
      (r) =>
        r.route === 'POST /channels/:id/messages' &&
        r.params.id === DEFAULT_IDS.channels.alphaGeneralText,
    );
    expect(posts.map((p) => p.body)).toEqual([
      expect.objectContaining({ content: 'Hello from Alpha Guild, run 1' }),
      expect.objectContaining({ content: 'Hello from Alpha Guild, run 2' }),
    ]);
  });

  it('reports a plugin run that throws as internal (stack with -v) and keeps the loop going', async () => {
    await files({
      'node_modules/discloop-plugin-faults/package.json': JSON.stringify({
        name: 'discloop-plugin-faults',
        type: 'module',
        exports: './index.js',
      }),
      'node_modules/discloop-plugin-faults/index.js': FAULTS,
      'loops.yaml': `plugins: [discloop-plugin-faults]
loops:
  - { name: bug, action: boom, seconds: 1, count: 2 }
  - { name: refused, action: refuse, seconds: 1, count: 2 }
`,
    });
    const { code, lines } = await runCli(['run', '--json', '-v']);
    expect(code).toBe(0);
    const bugs = runsOf(lines, 'bug');
    expect(bugs.map((r) => !r.ok && [r.error.code, r.error.message])).toEqual([
      ['internal', 'TypeError: plugin bug'],
      ['internal', 'TypeError: plugin bug'],
    ]);
    expect(bugs.every((r) => !r.ok && r.error.stack?.includes('plugin-faults/index.js'))).toBe(
      true,
    );
    // The plugin's ActionError is discloop's own: its code, not "internal".
    expect(runsOf(lines, 'refused').map((r) => !r.ok && r.error.code)).toEqual([
      'no_uptime',
      'no_uptime',
    ]);
    const ends = lines.filter((l) => l.type === 'end');
    expect(ends).toEqual([
      expect.objectContaining({ loop: 'bug', runs: 2, reason: 'count' }),
      expect.objectContaining({ loop: 'refused', runs: 2, reason: 'count' }),
    ]);
  });
});

describe("a config's plugins, without connecting", () => {
  const cli = (args: string[]) => spawnCli(args, {}, dir).exit;

  it('loads the loader (jiti) only for a config that has plugins', async () => {
    await files({ 'greet.ts': GREET, 'loops.yaml': LOOPS });
    // NODE_DEBUG=module traces CommonJS loads, which jiti is (src/plugins/load.ts requires it).
    const jitiLoaded = async (config: string) => {
      const { code, stderr } = await spawnCli(['validate', config], { NODE_DEBUG: 'module' }, dir)
        .exit;
      expect(code).toBe(0);
      return /node_modules\/jiti\//.test(stderr);
    };
    expect(await jitiLoaded('loops.yaml')).toBe(true);
    await files({ 'plain.yaml': 'loops:\n  - { name: a, action: guilds, minutes: 5 }\n' });
    expect(await jitiLoaded('plain.yaml')).toBe(false);
  });

  it("checks a plugin action's options with file:line:col", async () => {
    await files({
      'greet.ts': GREET,
      'loops.yaml': LOOPS.replace('guild: Alpha Guild', 'guild: 5, tims: 2'),
    });
    const { code, stderr } = await cli(['validate']);
    expect(code).toBe(2);
    expect(stderr).toContain('loops.yaml:5:38  expected a string, got 5');
    expect(stderr).toContain('loops.yaml:5:41  unknown key "tims": did you mean "times"?');
  });

  it('lists plugin actions in discloop actions [config], after the built-ins', async () => {
    await files({ 'greet.ts': GREET, 'loops.yaml': LOOPS });
    const { code, stdout } = await cli(['actions', 'loops.yaml']);
    expect(code).toBe(0);
    expect(stdout).toContain(`greet  Post a greeting  (plugin ./greet.ts)
    channel (required): text — text channel name
    guild (required): text
    times: whole number, default 1
    intents: Guilds, GuildMessages · permissions: Send Messages`);
    expect(stdout.indexOf('set-presence')).toBeLessThan(stdout.indexOf('greet'));
    expect((await cli(['actions'])).stdout).not.toContain('greet');
  });

  it('puts plugin actions and their options in discloop schema [config]', async () => {
    await files({ 'greet.ts': GREET, 'loops.yaml': LOOPS });
    const { code, stdout } = await cli(['schema', 'loops.yaml']);
    expect(code).toBe(0);
    const loops = JSON.parse(stdout).properties.loops.items.oneOf as {
      properties: { action: { const: string }; with: { properties: object; required: string[] } };
    }[];
    const greet = loops.find((loop) => loop.properties.action.const === 'greet');
    expect(Object.keys(greet?.properties.with.properties ?? {})).toEqual([
      'channel',
      'guild',
      'times',
    ]);
    expect(greet?.properties.with.required).toEqual(['channel', 'guild']);
    expect((await cli(['schema'])).stdout).not.toContain('"greet"');
  });

  it.each([
    ['./missing.ts', {}, 'plugin "./missing.ts": no such file: '],
    [
      'discloop-plugin-nope',
      {},
      'plugin "discloop-plugin-nope": no package "discloop-plugin-nope" is installed where the config is',
    ],
    [
      './syntax.ts',
      { 'syntax.ts': 'export default {\n  name: ,\n};\n' },
      'plugin "./syntax.ts": it could not be loaded: ParseError: Unexpected token',
    ],
    [
      './throws.ts',
      { 'throws.ts': "throw new Error('no config for me');\n" },
      'plugin "./throws.ts": it could not be loaded: no config for me',
    ],
    [
      './imports.ts',
      { 'imports.ts': "import 'left-pad-nowhere';\nexport default [];\n" },
      'plugin "./imports.ts": it could not be loaded: Cannot find module \'left-pad-nowhere\'',
    ],
    [
      './named.ts',
      { 'named.ts': 'export const action = {};\n' },
      'plugin "./named.ts": it has no default export',
    ],
    [
      './shape.ts',
      { 'shape.ts': "export default { name: 'x', summary: 'old style' };\n" },
      'plugin "./shape.ts": its default export is not an action: missing "description"',
    ],
    [
      './builtin.ts',
      {
        'builtin.ts':
          "export default { name: 'list-voice', description: 'mine', run: () => undefined };\n",
      },
      'plugin "./builtin.ts": its action "list-voice" has the name of a built-in action',
    ],
  ])(
    'exits 2 for %s, naming it and its entry in the config, without a stack',
    async (entry, extra, message) => {
      await files({
        ...extra,
        'loops.yaml': `plugins:\n  - ${entry}\nloops:\n  - { name: a, action: list-voice, seconds: 10 }\n`,
      });
      const { code, stdout, stderr } = await cli(['validate']);
      expect(code).toBe(2);
      expect(stdout).toBe('');
      expect(stderr).toContain(`loops.yaml:2:5  ${message}`);
      expect(stderr).toContain(` 2 |   - ${entry}`);
      expect(stderr).not.toMatch(/^\s+at /m);
    },
  );

  it('exits 2 when two plugins define one action, pointing at the second', async () => {
    const action = (name: string) =>
      `export default { name: '${name}', description: 'd', run: () => undefined };\n`;
    await files({
      'a.ts': action('uptime'),
      'b.mjs': action('uptime'),
      'loops.yaml':
        'plugins: [./a.ts, ./b.mjs]\nloops:\n  - { name: u, action: uptime, seconds: 10 }\n',
    });
    const { code, stderr } = await cli(['validate']);
    expect(code).toBe(2);
    expect(stderr).toContain(
      'loops.yaml:1:19  plugin "./b.mjs": its action "uptime" has the name of an action of plugin "./a.ts"',
    );
  });
});
