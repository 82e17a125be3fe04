import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { quickYaml } from '../../../src/config/quick-yaml.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** What `yaml` makes of a text, or undefined when it has errors (quickYaml must hand those over). */
function yamlValue(text: string): unknown {
  const doc = parseDocument(text);
  return doc.errors.length > 0 ? undefined : (doc.toJS() ?? undefined);
}

/** The quick read agrees with `yaml`, or leaves the text to it. */
function agrees(text: string) {
  const quick = quickYaml(text);
  if (quick !== undefined) expect(quick).toEqual(yamlValue(text));
  return quick;
}

describe('quickYaml reads a config as `yaml` does, or leaves it to `yaml`', () => {
  it.each([
    ['0b11', '0b11'],
    ['1_000', '1_000'],
    ['010', 10],
    ['0o17', 15],
    ['0x1F', 31],
    ['+12', 12],
    ['.5', 0.5],
    ['1e3', 1000],
    ['-.Inf', Number.NEGATIVE_INFINITY],
    ['.nan', Number.NaN],
    ['~', null],
    ['NULL', null],
    ['', null],
    ['yes', 'yes'],
    ['True', true],
    ['2026-01-01', '2026-01-01'],
    ['09:00', '09:00'],
    ['"10"', '10'],
  ])('a: %s', (scalar, value) => {
    expect(agrees(`a: ${scalar}\n`)).toEqual({ a: value });
  });

  it.each([
    ['an anchor and alias', 'a: &x 1\nb: *x\n'],
    ['a tag', 'a: !!str 1\n'],
    ['two documents', 'a: 1\n---\nb: 2\n'],
    ['a duplicate key', 'a: 1\na: 2\n'],
    ['a syntax error', 'a: [1\n'],
    ['an empty file', '# only a comment\n'],
  ])('hands over %s', (_, text) => {
    expect(quickYaml(text)).toBeUndefined();
  });

  it('agrees on any plain scalar', () => {
    const scalar = fc.stringMatching(/^[-+.0-9a-fA-FxXoObBeEinfINFtrueTRUElsLSN~_:]{1,8}$/);
    fc.assert(fc.property(scalar, (text) => void agrees(`a: ${text}\nb: [${text}]\n`)));
  });

  it('agrees on every config in the repository: the corpus, the example, the starter', () => {
    const corpus = path.join(root, 'test/fixtures/broken-configs');
    const files = [
      ...readdirSync(corpus).map((file) => path.join(corpus, file)),
      path.join(root, 'loops.example.yaml'),
    ];
    const read = files.map((file) => agrees(readFileSync(file, 'utf8')));
    expect(read.filter((value) => value !== undefined).length).toBeGreaterThan(30);
  });
});
