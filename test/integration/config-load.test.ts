import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BUILTIN_ACTIONS } from '../../src/actions/builtins.js';
import { createRegistry } from '../../src/actions/registry.js';
import { renderTemplate } from '../../src/actions/templates.js';
import { type ConfigRejected, loadConfig } from '../../src/config/load.js';
import { positionOf, renderProblems } from '../../src/output/render-problems.js';
import { styleFor } from '../../src/output/style.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'discloop-config-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const registry = createRegistry(BUILTIN_ACTIONS);
const load = (file?: string, env: Record<string, string> = {}) =>
  loadConfig(file, { cwd: dir, env, registry });
const write = (name: string, text: string) => writeFile(path.join(dir, name), text);

/** What the loader says of a config that must be accepted, or must not. */
async function accepted(file?: string) {
  const loaded = await load(file);
  if (!loaded.ok) throw new Error(`expected no problems, got ${JSON.stringify(loaded.problems)}`);
  return loaded;
}
async function rejected(file?: string, env?: Record<string, string>) {
  const loaded = await load(file, env);
  if (loaded.ok) throw new Error('expected problems, got none');
  return loaded;
}

const positions = (loaded: ConfigRejected) =>
  loaded.problems
    .map((p) => {
      const at = positionOf(p, loaded.source);
      return `${at?.line}:${at?.column} ${p.message}`;
    })
    .sort();

describe('loadConfig', () => {
  it('finds loops.yaml in the directory and validates it', async () => {
    await write('loops.yaml', 'loops:\n  - name: v\n    action: list-voice\n    seconds: 10\n');
    const loaded = await accepted();
    expect(loaded.file).toBe('loops.yaml');
    expect(loaded.config.loops[0]?.seconds).toBe(10);
  });

  it('an explicit path wins over the search places', async () => {
    await write('loops.yaml', 'loops: []\n');
    await write('other.yml', 'loops:\n  - { name: o, action: list-voice, minutes: 1 }\n');
    const loaded = await accepted('other.yml');
    expect(loaded.file).toBe('other.yml');
    expect(loaded.config.loops[0]?.name).toBe('o');
  });

  it('points at the line and column of each problem, with the source line and a caret', async () => {
    await write(
      'loops.yaml',
      ['loops:', '  - name: voice-report', '    action: list-voice', '    secnds: 10', ''].join(
        '\n',
      ),
    );
    const loaded = await rejected();
    expect(positions(loaded)).toEqual([
      '2:5 no schedule: expected one of seconds, minutes, hours, every, time or cron',
      '4:5 unknown key "secnds": did you mean "seconds"?',
    ]);
    const text = renderProblems(loaded.problems, loaded.file, loaded.source, styleFor(false));
    expect(text).toContain(
      'loops.yaml:4:5  unknown key "secnds": did you mean "seconds"?\n 4 |     secnds: 10\n   |     ^^^^^^',
    );
  });

  it('reports YAML syntax errors at their position', async () => {
    await write('loops.yaml', 'loops:\n  - name: a\n   action: [list-voice\n');
    const loaded = await rejected();
    expect(loaded.problems.length).toBeGreaterThan(0);
    expect(loaded.problems[0]?.message).toMatch(/^invalid YAML: /);
    expect(loaded.problems[0]?.line).toBe(3);
  });

  it('replaces ${VAR} from the environment and names an unset one where it is used', async () => {
    await write(
      'loops.yaml',
      'loops:\n  - name: v\n    action: list-voice\n    seconds: 10\n    with: { guild: "${GUILD}", channel: "${NOPE}" }\n',
    );
    const loaded = await rejected(undefined, { GUILD: 'Alpha Guild' });
    expect(positions(loaded)).toEqual([
      '5:41 environment variable NOPE is not set: expected it to be exported before discloop starts',
    ]);
  });

  it('keeps $${NAME} as a literal ${NAME}, in templates too, without a problem', async () => {
    await write(
      'loops.yaml',
      'loops:\n  - name: price\n    action: send-message\n    minutes: 10\n    with: { channel: general, content: "Costs $${price} in {guild.name}" }\n',
    );
    const loaded = await accepted();
    const content = (loaded.config.loops[0]?.with as { content?: string } | undefined)?.content;
    expect(content).toBe('Costs ${price} in {guild.name}');
    expect(await renderTemplate(String(content), { 'guild.name': () => 'Alpha' })).toBe(
      'Costs ${price} in Alpha',
    );
  });

  it('reads the discloop key of package.json, with positions', async () => {
    await write(
      'package.json',
      JSON.stringify(
        { name: 'x', discloop: { loops: [{ name: 'p', action: 'list-voice', hours: -1 }] } },
        null,
        2,
      ),
    );
    const loaded = await rejected();
    expect(loaded.file).toBe('package.json');
    expect(positions(loaded)).toEqual(['8:18 expected a number above 0, got -1']);
  });

  it('loads a discloop.config.mjs', async () => {
    await write(
      'discloop.config.mjs',
      "export default { loops: [{ name: 'm', action: 'member-count', every: '5m' }] };\n",
    );
    const loaded = await accepted();
    expect(loaded.file).toBe('discloop.config.mjs');
    expect(loaded.config.loops[0]?.every).toBe('5m');
  });

  it('says where it looked when there is no config', async () => {
    await expect(load()).rejects.toThrow(/No config file found/);
  });

  it('warns about a token written in the file', async () => {
    await write(
      'loops.yaml',
      'token: abcdefghijklmnop\nloops:\n  - { name: v, action: list-voice, seconds: 1 }\n',
    );
    const loaded = await accepted();
    expect(loaded.warnings.map((w) => w.message)).toEqual([
      expect.stringMatching(/token is written in the file/),
    ]);
  });
});
