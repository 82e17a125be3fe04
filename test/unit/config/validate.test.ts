import { describe, expect, it } from 'vitest';
import { BUILTIN_ACTIONS } from '../../../src/actions/builtins.js';
import { createRegistry } from '../../../src/actions/registry.js';
import { type Validation, validateConfig } from '../../../src/config/validate.js';

const registry = createRegistry(BUILTIN_ACTIONS);
const validate = (raw: unknown) => validateConfig(raw, registry);

/** The result of a config that must be accepted. */
function accepted(result: Validation) {
  if (!result.ok) throw new Error(`expected no problems, got ${JSON.stringify(result.problems)}`);
  return result;
}

const messages = (raw: unknown) => {
  const result = validate(raw);
  return result.ok ? [] : result.problems.map((p) => [p.path.join('.'), p.message]);
};

describe('validateConfig', () => {
  it('accepts a minimal interval loop and keeps its values', () => {
    const { config } = accepted(
      validate({
        loops: [{ name: 'voice-report', action: 'list-voice', seconds: 10, count: 5 }],
      }),
    );
    expect(config.loops[0]).toMatchObject({ name: 'voice-report', seconds: 10, count: 5 });
  });

  it('suggests the key meant by a misspelling', () => {
    expect(messages({ loops: [{ name: 'a', action: 'list-voice', secnds: 10 }] })).toContainEqual([
      'loops.0.secnds',
      'unknown key "secnds": did you mean "seconds"?',
    ]);
  });

  it('suggests the action meant by a misspelling', () => {
    expect(messages({ loops: [{ name: 'a', action: 'list-voise', seconds: 1 }] })).toEqual([
      ['loops.0.action', 'unknown action "list-voise": did you mean "list-voice"?'],
    ]);
  });

  it('checks each action’s own options', () => {
    expect(
      messages({ loops: [{ name: 'a', action: 'list-voice', seconds: 1, with: { gild: 'x' } }] }),
    ).toEqual([['loops.0.with.gild', 'unknown key "gild": did you mean "guild"?']]);
  });

  it('wants exactly one schedule kind', () => {
    expect(messages({ loops: [{ name: 'a', action: 'list-voice' }] })).toEqual([
      ['loops.0', 'no schedule: expected one of seconds, minutes, hours, every, time or cron'],
    ]);
    expect(
      messages({ loops: [{ name: 'a', action: 'list-voice', seconds: 1, every: '1m' }] }),
    ).toEqual([
      ['loops.0.every', 'more than one schedule kind (seconds, every): expected exactly one'],
    ]);
  });

  it('lets seconds, minutes and hours add up', () => {
    expect(
      messages({ loops: [{ name: 'a', action: 'list-voice', minutes: 1, seconds: 30 }] }),
    ).toEqual([]);
  });

  it('reports every problem in one pass, duplicates included', () => {
    const problems = messages({
      loops: [
        { name: 'a', action: 'list-voice', seconds: 0 },
        { name: 'a', action: 'list-voice', every: 'soon', count: 1.5 },
      ],
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        ['loops.0.seconds', 'expected a number above 0, got 0'],
        ['loops.1.every', 'expected a duration such as 90s, 1h30m or 500ms, got "soon"'],
        ['loops.1.count', 'expected a whole number, got 1.5'],
        ['loops.1.name', 'duplicate loop name "a": names must be unique'],
      ]),
    );
    expect(problems).toHaveLength(4);
  });

  it('asks for ids in quotes when YAML turned one into a number', () => {
    // What YAML makes of an unquoted snowflake: a number that has lost its last digits.
    const unquotedId = Number('1234567890123456789');
    expect(
      messages({
        loops: [{ name: 'a', action: 'list-voice', seconds: 1, with: { guild: unquotedId } }],
      }),
    ).toEqual([
      [
        'loops.0.with.guild',
        'expected an id or name, or a list of them, got 1234567890123456800 (put ids in quotes: 17–19 digit numbers lose digits in YAML)',
      ],
    ]);
  });
});

describe('rate-limit budgets: a schedule that can run an action more often than a limit allows', () => {
  const loop = (action: string, options: object, schedule: Record<string, unknown>) => ({
    name: 'l',
    action,
    with: options,
    ...schedule,
  });
  const rename = (schedule: Record<string, unknown>) =>
    validate({ loops: [loop('rename-channel', { channel: 'c', name: 'n' }, schedule)] });

  it.each([
    [{ seconds: 30 }, 'every 30s'],
    [{ cron: '*/2 * * * *' }, 'every 2m'],
    [{ time: ['09:00', '09:03', '09:06'] }, '3 times in 10m'],
    [{ cron: '0,1,2 9 * * 1' }, '3 times in 10m'],
  ])('rename-channel (2 per 10 minutes) warns for %o (%s)', (schedule, often) => {
    const { warnings } = accepted(rename(schedule));
    expect(warnings.map((w) => w.message)).toEqual([
      `rename-channel here can run ${often}, but Discord allows 2 renames per channel per 10 minutes: run it every 5m or less often`,
    ]);
    expect(warnings[0]?.path).toEqual(['loops', 0, Object.keys(schedule)[0]]);
    expect(warnings[0]?.at).toBe('key');
  });

  it.each([
    [{ minutes: 5 }],
    [{ cron: '*/10 * * * *' }],
    [{ time: '09:00' }],
    // Two renames a few minutes apart, then hours of quiet: within 2 per 10 minutes.
    [{ time: ['09:00', '09:03'] }],
    [{ cron: '0,1 * * * *' }],
  ])('rename-channel is quiet for %o', (schedule) => {
    expect(accepted(rename(schedule)).warnings).toEqual([]);
  });

  it('set-presence: warned under once a minute, quiet at once a minute', () => {
    const presence = (schedule: Record<string, unknown>) =>
      accepted(validate({ loops: [loop('set-presence', { status: 'idle' }, schedule)] })).warnings;
    expect(presence({ seconds: 20 }).map((w) => w.message)).toEqual([
      expect.stringMatching(
        /^set-presence here can run every 20s, but each presence update goes to every guild .*: run it every 1m or less often$/,
      ),
    ]);
    expect(presence({ minutes: 1 })).toEqual([]);
  });

  it("an action's budgets can depend on its options; a disabled loop is never warned about", () => {
    const edits = {
      name: 'edits',
      summary: 'edits a message, or posts',
      options: { edit: { kind: 'boolean', description: 'keep one message' } },
      intents: () => [],
      permissions: [],
      budgets: (options: { edit?: boolean }) =>
        options.edit ? [{ runs: 1, perMs: 60_000, why: 'edits are rate limited' }] : [],
      run: async () => undefined,
      renderText: () => '',
    } as const;
    const withEdits = createRegistry(BUILTIN_ACTIONS, [edits as never]);
    const warnings = (options: object, extra: object = {}) => {
      const result = validateConfig(
        { loops: [{ ...loop('edits', options, { seconds: 10 }), ...extra }] },
        withEdits,
      );
      return result.ok ? result.warnings.map((w) => w.message) : result.problems;
    };
    expect(warnings({ edit: true })).toEqual([
      'edits here can run every 10s, but edits are rate limited: run it every 1m or less often',
    ]);
    expect(warnings({ edit: false })).toEqual([]);
    expect(warnings({ edit: true }, { enabled: false })).toEqual([]);
  });

  it('several loops are each measured by their own schedule and timezone', () => {
    const { warnings } = accepted(
      validate({
        timezone: 'Europe/Moscow',
        loops: [
          { ...loop('rename-channel', { channel: 'c', name: 'n' }, { minutes: 10 }), name: 'a' },
          { ...loop('rename-channel', { channel: 'c', name: 'n' }, { every: '1m' }), name: 'b' },
        ],
      }),
    );
    expect(warnings.map((w) => w.path)).toEqual([['loops', 1, 'every']]);
  });
});

describe('whole-number and URL options', () => {
  const poll = {
    name: 'poll',
    summary: 'polls a URL',
    options: {
      url: { kind: 'url', required: true, description: 'where' },
      most: { kind: 'integer', min: 1, max: 50, description: 'how many' },
      since: { kind: 'integer', min: 0, description: 'how many first' },
    },
    intents: () => [],
    permissions: [],
    run: async () => undefined,
    renderText: () => '',
  } as const;
  const registry = createRegistry(BUILTIN_ACTIONS, [poll as never]);
  const problems = (options: object) => {
    const result = validateConfig(
      { loops: [{ name: 'p', action: 'poll', with: options, minutes: 5 }] },
      registry,
    );
    return result.ok ? [] : result.problems.map((p) => [p.path.join('.'), p.message]);
  };

  it('accepts http(s) URLs and whole numbers in range', () => {
    expect(problems({ url: 'https://example.com/feed.xml', most: 50, since: 0 })).toEqual([]);
    expect(problems({ url: 'http://127.0.0.1:8080/a' })).toEqual([]);
  });

  it('names what is wrong with each', () => {
    expect(problems({ url: 'ftp://example.com/feed', most: 0, since: 1.5 })).toEqual([
      ['loops.0.with.url', 'expected an http or https URL, got "ftp://example.com/feed"'],
      ['loops.0.with.most', 'expected a whole number from 1 to 50, got 0'],
      ['loops.0.with.since', 'expected a whole number of 0 or more, got 1.5'],
    ]);
    expect(problems({ url: 'example.com', most: '5' })).toEqual([
      ['loops.0.with.url', 'expected an http or https URL, got "example.com"'],
      ['loops.0.with.most', 'expected a whole number from 1 to 50, got "5"'],
    ]);
  });
});
