import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { spawnCli } from '../helpers/cli.js';

describe('README', () => {
  it('shows what `discloop validate` really prints for its misspelt-key example', async () => {
    const readme = await readFile(new URL('../../README.md', import.meta.url), 'utf8');
    const example = readme.split('<!-- typo-example:start')[1]?.split('<!-- typo-example:end')[0];
    const [config, output] = [...(example ?? '').matchAll(/```\w*\n([\s\S]*?)```/g)].map(
      (block) => block[1],
    );
    expect(config, 'the README has the example config').toBeDefined();
    const dir = await mkdtemp(path.join(tmpdir(), 'discloop-readme-'));
    await writeFile(path.join(dir, 'loops.yaml'), config ?? '');
    const { code, stdout, stderr } = await spawnCli(['validate'], {}, dir).exit;
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(`${stderr}\n`).toBe(output);
  });
});
