import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * Runs bin/discloop.js with an import tracer and returns the module URLs it resolved;
 * `until` stops the process early once it has seen enough.
 */
function importsOf(
  args: string[],
  until?: (url: string) => boolean,
): Promise<{ code: number | null; imports: string[] }> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      ['--import', './test/helpers/trace-imports.mjs', 'bin/discloop.js', ...args],
      {
        cwd: root,
        env: { PATH: process.env.PATH, NO_COLOR: '1' },
      },
    );
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
      if (until && stderr.split('\n').some((line) => line.startsWith('import: ') && until(line)))
        child.kill();
    });
    child.stdout.resume();
    child.on('close', (code) => {
      const imports = stderr
        .split('\n')
        .flatMap((line) => (line.startsWith('import: ') ? [line.slice(8)] : []));
      resolve({ code, imports });
    });
  });
}

/** dist/ is a bundle (rolldown.config.js): each group of dependencies is one chunk. */
const loads = (imports: string[], chunk: 'discord' | 'config' | 'ws') =>
  imports.some((url) => url.includes(`/dist/chunks/${chunk}-`));

describe('commands that do not connect never load discord.js', () => {
  it('--help loads neither discord.js nor the config stack', async () => {
    const { code, imports } = await importsOf(['--help']);
    expect(code).toBe(0);
    expect(imports.some((url) => url.endsWith('/dist/cli/main.js'))).toBe(true);
    for (const chunk of ['discord', 'config', 'ws'] as const) {
      expect(loads(imports, chunk), chunk).toBe(false);
    }
  });

  it('validate loads the config stack but not discord.js', async () => {
    const { code, imports } = await importsOf(['validate', 'loops.example.yaml']);
    expect(code).toBe(0);
    expect(loads(imports, 'config')).toBe(true);
    expect(loads(imports, 'discord')).toBe(false);
  });

  it('validate --shards places the loops without discord.js too', async () => {
    const args = ['validate', 'loops.example.yaml', '--shards', '0', '--shard-count', '2'];
    const { code, imports } = await importsOf(args);
    expect(code).toBe(0);
    expect(loads(imports, 'discord')).toBe(false);
  });

  it('invite reads the config and computes the URL without discord.js', async () => {
    const args = ['invite', 'loops.example.yaml', '--client-id', '893429533900931072'];
    const { code, imports } = await importsOf(args);
    expect(code).toBe(0);
    expect(loads(imports, 'config')).toBe(true);
    expect(loads(imports, 'discord')).toBe(false);
    expect(loads(imports, 'ws')).toBe(false);
  });

  it('a connecting command does load discord.js (the tracer sees it), and no config stack', async () => {
    const args = [
      'list-voice',
      '--once',
      '--api-url',
      'http://127.0.0.1:9/api',
      '--token',
      'x'.repeat(20),
    ];
    const { imports } = await importsOf(args, (url) => url.includes('/dist/chunks/discord-'));
    expect(loads(imports, 'discord')).toBe(true);
    // …and an ad hoc action reads no config: the config stack stays unloaded.
    expect(loads(imports, 'config')).toBe(false);
  });
});
