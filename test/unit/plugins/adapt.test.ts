import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { BUILTIN_ACTIONS } from '../../../src/actions/builtins.js';
import { createRegistry } from '../../../src/actions/registry.js';
import { loopSetups } from '../../../src/config/plans.js';
import { validateConfig } from '../../../src/config/validate.js';
import { actionsOfExport, adaptPlugin } from '../../../src/plugins/adapt.js';
import { defineAction } from '../../../src/plugins/define.js';
import { dataContext } from '../../helpers/data-port.js';

const greet = defineAction({
  name: 'greet',
  description: 'Say hello',
  options: z.object({
    who: z.string().describe('whom to greet'),
    times: z.number().int().min(1).default(1),
    mood: z.enum(['calm', 'loud']).optional(),
  }),
  permissions: ['Send Messages'],
  run: (_ctx, { who, times }) => ({ text: `hello ${who}`.repeat(times) }),
  render: ({ text }) => text,
});

/** The message for an export that is not an action. */
const refusal = (exported: unknown) => {
  const result = actionsOfExport(exported, './plugin.ts');
  return result.ok ? 'accepted' : result.message;
};

describe("a plugin module's default export", () => {
  it('becomes actions in the engine’s form: summary, intents (Guilds by default), option docs', () => {
    const result = actionsOfExport(greet, './greet.ts');
    if (!result.ok) throw new Error(result.message);
    const [action] = result.actions;
    expect(action).toMatchObject({
      name: 'greet',
      summary: 'Say hello',
      plugin: './greet.ts',
      permissions: ['Send Messages'],
    });
    expect(action?.intents({})).toEqual(['Guilds']);
    expect(action?.optionDocs).toEqual([
      { name: 'who', required: true, values: 'text', description: 'whom to greet' },
      { name: 'times', required: false, values: 'whole number, default 1', description: '' },
      { name: 'mood', required: false, values: '"calm" | "loud"', description: '' },
    ]);
  });

  it('gives the same action when read again (a reload), so unchanged loops stay untouched', () => {
    const first = actionsOfExport(greet, './greet.ts');
    const again = actionsOfExport(greet, './greet.ts');
    expect(first.ok && again.ok && first.actions[0] === again.actions[0]).toBe(true);
  });

  it('may be a list of actions', () => {
    const other = { ...greet, name: 'wave', intents: [] };
    const result = actionsOfExport([greet, other], './two.ts');
    expect(result.ok && result.actions.map((a) => [a.name, a.intents({})])).toEqual([
      ['greet', ['Guilds']],
      ['wave', []],
    ]);
  });

  it.each([
    [
      undefined,
      'it has no default export: expected `export default defineAction({ … })` or a list of actions',
    ],
    [42, 'its default export is not an action: expected an action made with defineAction, got 42'],
    [
      { name: 'x', description: 'd' },
      'its default export is not an action: missing "run": expected a function run(ctx, options)',
    ],
    [
      { name: 'x y', description: 'd', run: () => {} },
      'its default export is not an action: "name": expected a name of letters, digits, - and _, got "x y"',
    ],
    [
      { name: 'x', summary: 'd', run: () => {}, renderText: () => '' },
      'its default export is not an action: missing "description": expected a line saying what the action does; unknown key "summary": did you mean "description"?; unknown key "renderText": did you mean "render"?',
    ],
    [
      { name: 'x', description: 'd', run: () => {}, intents: ['Guild'] },
      'its default export is not an action: "intents[0]": expected one of Guilds, GuildMembers, GuildVoiceStates, GuildPresences, GuildMessages, MessageContent, got "Guild"',
    ],
    [
      { name: 'x', description: 'd', run: () => {}, options: { who: 'text' } },
      'its default export is not an action: "options": expected z.object({ … }) (z from discloop), got a mapping',
    ],
    [
      [greet, { name: 'y' }],
      'item 2 ("y") is not an action: missing "description": expected a line saying what the action does; missing "run": expected a function run(ctx, options)',
    ],
  ])('refuses %j, saying why', (exported, message) => {
    expect(refusal(exported)).toBe(message);
  });
});

describe("a plugin action's options in a config", () => {
  const registry = createRegistry(BUILTIN_ACTIONS, [adaptPlugin(greet, './greet.ts')]);
  const loop = (extra: object) => ({
    loops: [{ name: 'g', action: 'greet', seconds: 5, ...extra }],
  });
  const messages = (raw: unknown) => {
    const result = validateConfig(raw, registry);
    return result.ok ? [] : result.problems.map((p) => [p.path.join('.'), p.message]);
  };

  it('are checked by its schema, each problem at its path, unknown keys with a did-you-mean', () => {
    expect(messages(loop({ with: { who: 5, tims: 2 } }))).toEqual([
      ['loops.0.with.who', 'expected a string, got 5'],
      ['loops.0.with.tims', 'unknown key "tims": did you mean "times"?'],
    ]);
  });

  it('are checked when with: is left out, so a required one is reported', () => {
    expect(messages(loop({}))).toEqual([['loops.0.with', 'missing "who": expected a string']]);
  });

  it('reach run as the schema made them, defaults filled in', () => {
    const result = validateConfig(loop({ with: { who: 'you' } }), registry);
    if (!result.ok) throw new Error('rejected');
    expect(loopSetups(result.config, registry)[0]?.options).toEqual({
      who: 'you',
      times: 1,
    } as never);
  });

  it('may accept unknown keys when the plugin says so', () => {
    const loose = adaptPlugin(
      { ...greet, name: 'loose', options: z.looseObject({ who: z.string() }) },
      './loose.ts',
    );
    const raw = { loops: [{ name: 'l', action: 'loose', seconds: 5, with: { who: 'a', x: 1 } }] };
    expect(validateConfig(raw, createRegistry(BUILTIN_ACTIONS, [loose])).ok).toBe(true);
  });
});

describe('a plugin action run', () => {
  it('returns its data ({} for nothing) and renders it within the run', async () => {
    const action = adaptPlugin(greet, './greet.ts');
    const data = await action.run(dataContext([]), { who: 'you', times: 2 } as never);
    expect(data).toEqual({ text: 'hello youhello you' });
    expect(action.renderText(data)).toBe('hello youhello you');
    const quiet = adaptPlugin({ ...greet, run: () => undefined, render: undefined }, './q.ts');
    const nothing = await quiet.run(dataContext([]), {});
    expect([nothing, quiet.renderText(nothing)]).toEqual([{}, '']);
  });

  it('fails when its render throws, rather than the reporter that would print it', async () => {
    const action = adaptPlugin(
      {
        ...greet,
        render: () => {
          throw new TypeError('no text');
        },
      },
      './greet.ts',
    );
    await expect(action.run(dataContext([]), { who: 'you', times: 1 } as never)).rejects.toThrow(
      'no text',
    );
  });
});
