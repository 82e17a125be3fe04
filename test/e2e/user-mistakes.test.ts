import { access, mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { spawnCli } from '../helpers/cli.js';

const tempDir = () => mkdtemp(path.join(tmpdir(), 'discloop-mistakes-'));

/**
 * Mistakes a user makes on the command line, against the real binary: each is exit 2 with a
 * message that says what to do, never a stack trace or "This is a bug". No token is given, so a
 * mistake that slipped through would end in "No bot token" instead of the message asserted.
 */
async function mistake(args: string[], cwd?: string) {
  const { code, stdout, stderr } = await spawnCli(args, {}, cwd).exit;
  expect(stderr).not.toContain('This is a bug');
  expect(stderr).not.toMatch(/\n\s+at /);
  return { code, stdout, stderr };
}

describe('mistakes on the command line', () => {
  it.each(['0s', '0ms', '0.5ms'])(
    '--every %s is refused in one line: it would spin a core',
    async (every) => {
      const { code, stderr } = await mistake(['guilds', '--every', every]);
      expect(code).toBe(2);
      expect(stderr).toBe(`✗ --every expects a duration of at least 1ms, got "${every}".`);
    },
  );

  it('--count without --every is refused: it would be ignored, the action running once', async () => {
    const { code, stdout, stderr } = await mistake(['list-voice', '--count', '3']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('✗ --count needs --every');
    expect(stderr).toContain('discloop list-voice --every 5m --count 3');
  });

  it('validate given a folder says it wants a file, and names the config inside', async () => {
    const dir = await tempDir();
    await mkdir(path.join(dir, 'bot'));
    const empty = await mistake(['validate', 'bot'], dir);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain('✗ bot is a folder: expected a config file.');
    expect(empty.stderr).toContain('such as bot/loops.yaml');

    await writeFile(path.join(dir, 'bot', 'discloop.yml'), 'loops: []\n');
    const withConfig = await mistake(['validate', 'bot'], dir);
    expect(withConfig.code).toBe(2);
    expect(withConfig.stderr).toContain('Did you mean bot/discloop.yml?');
  });

  it('init into a folder that does not exist says so, and writes nothing', async () => {
    const dir = await tempDir();
    const { code, stdout, stderr } = await mistake(['init', 'some/missing/folder/loops.yaml'], dir);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(
      '✗ Cannot write some/missing/folder/loops.yaml: the folder some/missing/folder does not exist.',
    );
    expect(stderr).toContain('mkdir -p some/missing/folder');
    await expect(access(path.join(dir, 'some'))).rejects.toThrow();
  });

  it('a binary file as config is said not to be text, and none of its bytes are printed', async () => {
    const dir = await tempDir();
    const yaml = 'loops:\n  - { name: v, action: list-voice, seconds: 10 }\n';
    await writeFile(path.join(dir, 'loops.yaml.gz'), gzipSync(yaml));
    const { code, stdout, stderr } = await mistake(['validate', 'loops.yaml.gz'], dir);
    expect(code).toBe(2);
    expect(stderr).toContain('loops.yaml.gz:1:1  not a text file, it has a control character');
    // biome-ignore lint/suspicious/noControlCharactersInRegex: no control character may be printed.
    expect(`${stdout}${stderr}`).not.toMatch(/[\u0000-\u0008\u000B-\u001F\u007F\uFFFD]/);
  });
});
