import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { BUILTIN_ACTIONS } from '../../../src/actions/builtins.js';
import { actionsMarkdown } from '../../../src/actions/docs.js';

describe('README', () => {
  it('has the table of actions the registry produces (discloop actions --markdown)', async () => {
    const readme = await readFile(new URL('../../../README.md', import.meta.url), 'utf8');
    const table = readme
      .split(/<!-- actions:start[^>]*-->\n/)[1]
      ?.split('\n<!-- actions:end -->')[0];
    expect(table).toBe(actionsMarkdown(BUILTIN_ACTIONS));
  });
});
