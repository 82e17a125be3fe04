import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { problemsOf } from '../helpers/problems-of.js';

const dir = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../fixtures/broken-configs',
);
const fixtures = readdirSync(dir)
  .filter((file) => file.endsWith('.yaml'))
  .sort();

/** Each fixture ends with the problems it must produce, one `# expect: line:column message` each. */
const expected = (file: string) =>
  readFileSync(path.join(dir, file), 'utf8')
    .split('\n')
    .flatMap((line) => (line.startsWith('# expect: ') ? [line.slice('# expect: '.length)] : []));

describe('broken configs: every problem at its line and column, with what was expected', () => {
  it('has a corpus of at least 30 files', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(30);
  });

  it.each(fixtures)('%s', async (file) => {
    const want = expected(file);
    expect(want.length, 'the fixture lists what it expects').toBeGreaterThan(0);
    expect(await problemsOf(file, dir)).toEqual(want);
  });
});
