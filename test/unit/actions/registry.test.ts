import { describe, expect, it } from 'vitest';
import { BUILTIN_ACTIONS } from '../../../src/actions/builtins.js';
import { createRegistry, DuplicateActionError } from '../../../src/actions/registry.js';
import { defineAction } from '../../../src/actions/types.js';

const uptime = defineAction({
  name: 'uptime',
  summary: 'How long the bot has been up',
  options: {},
  intents: () => [],
  permissions: [],
  run: async () => ({ seconds: 1 }),
  renderText: ({ seconds }) => `${seconds}s`,
});

describe('the action registry', () => {
  it('lists the built-ins first, then the added actions, and finds each by name', () => {
    const registry = createRegistry(BUILTIN_ACTIONS, [uptime]);
    expect(registry.actions.map((a) => a.name)).toEqual([
      ...BUILTIN_ACTIONS.map((a) => a.name),
      'uptime',
    ]);
    expect(registry.get('uptime')).toBe(uptime);
    expect(registry.get('list-voice')?.name).toBe('list-voice');
    expect(registry.get('nope')).toBeUndefined();
  });

  it('refuses two actions with one name, naming both', () => {
    const impostor = { ...uptime, name: 'list-voice', summary: 'Not the real one' };
    const build = () => createRegistry(BUILTIN_ACTIONS, [impostor]);
    expect(build).toThrow(DuplicateActionError);
    expect(build).toThrow(
      'Two actions are named "list-voice": "Members in voice channels, per guild and channel" and "Not the real one".',
    );
  });

  it('is a value: building one leaves the others as they were', () => {
    createRegistry(BUILTIN_ACTIONS, [uptime]);
    expect(createRegistry(BUILTIN_ACTIONS).get('uptime')).toBeUndefined();
  });
});
