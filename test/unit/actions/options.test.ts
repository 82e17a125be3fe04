import { describe, expect, it } from 'vitest';
import { normaliseOptions, type OptionsSpec } from '../../../src/actions/options.js';
import { optionSchema } from '../../../src/config/option-schemas.js';

const spec = {
  olderThan: { kind: 'duration', description: 'age', required: true },
  limit: { kind: 'integer', min: 1, description: 'at most', default: 1000 },
  keepPinned: { kind: 'boolean', description: 'keep pins', default: true },
  dryRun: { kind: 'boolean', description: 'pretend' },
  authors: { kind: 'targets', of: 'user', description: 'whose' },
} satisfies OptionsSpec;

const issues = (kind: keyof typeof spec, value: unknown) => {
  const result = optionSchema(spec[kind]).safeParse(value);
  return result.success ? [] : result.error.issues.map((issue) => issue.message);
};

describe('option kinds', () => {
  it('fill in defaults, turn durations into milliseconds and one target into a list', () => {
    expect(normaliseOptions(spec, { olderThan: '7d', authors: 'alice' })).toEqual({
      olderThan: 7 * 86_400_000,
      limit: 1000,
      keepPinned: true,
      dryRun: false,
      authors: ['alice'],
    });
    expect(normaliseOptions(spec, { olderThan: '1h30m', limit: 50, keepPinned: false })).toEqual({
      olderThan: 5_400_000,
      limit: 50,
      keepPinned: false,
      dryRun: false,
    });
  });

  it('check durations and counts where the config is validated', () => {
    expect(issues('olderThan', '12h')).toEqual([]);
    expect(issues('olderThan', 'a week')).toEqual([
      'expected a duration such as 30d or 1h30m (units ms, s, m, h, d)',
    ]);
    expect(issues('olderThan', 7)).toEqual(['expected a duration such as 30d or 1h30m']);
    expect(issues('limit', 250)).toEqual([]);
    expect(issues('limit', 0)).toEqual(['expected a whole number of 1 or more']);
    expect(issues('limit', 2.5)).toEqual(['expected a whole number of 1 or more']);
    expect(issues('limit', '100')).toEqual(['expected a whole number of 1 or more']);
  });
});
