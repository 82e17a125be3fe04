import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { actionsMarkdown } from '../../../src/actions/docs.js';
import { ACTIONS } from '../../../src/actions/registry.js';

describe('README', () => {
  it('has the table of actions the registry produces (discloop actions --markdown)', async () => {
    const readme = await readFile(new URL('../../../README.md', import.meta.url), 'utf8');
    const table = readme
      .split(/<!-- actions:start[^>]*-->\n/)[1]
      ?.split('\n<!-- actions:end -->')[0];
    expect(table).toBe(actionsMarkdown(ACTIONS));
  });
});
