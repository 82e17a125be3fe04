import { describe, expect, it } from 'vitest';
import { BUILTIN_ACTIONS } from '../../../src/actions/builtins.js';
import { createRegistry } from '../../../src/actions/registry.js';
import { adaptPlugin } from '../../../src/plugins/adapt.js';
import type { LoadedPlugin } from '../../../src/plugins/load.js';
import { withPlugins } from '../../../src/plugins/registry.js';

const builtins = createRegistry(BUILTIN_ACTIONS);
const plugin = (entry: string, index: number, ...names: string[]): LoadedPlugin => ({
  entry,
  index,
  ok: true,
  actions: names.map((name) => adaptPlugin({ name, description: name, run: () => {} }, entry)),
});

describe("a config's registry with its plugins", () => {
  it('holds the built-ins, then each plugin’s actions in order', () => {
    const { registry, problems } = withPlugins(builtins, [
      plugin('./a.ts', 0, 'uptime'),
      plugin('b', 1, 'weather', 'tide'),
    ]);
    expect(problems).toEqual([]);
    expect(registry.actions.map((a) => a.name).slice(-3)).toEqual(['uptime', 'weather', 'tide']);
    expect(registry.get('tide')?.plugin).toBe('b');
  });

  it('reports each failed plugin and each name taken, at the plugin’s entry', () => {
    const { registry, problems } = withPlugins(builtins, [
      plugin('./a.ts', 0, 'uptime', 'uptime'),
      { entry: './gone.ts', index: 1, ok: false, message: 'no such file: /x/gone.ts' },
      plugin('./b.ts', 2, 'list-voice', 'uptime'),
    ]);
    expect(problems).toEqual([
      {
        path: ['plugins', 0],
        message:
          'plugin "./a.ts": its action "uptime" has the name of another of its actions: expected a name of its own',
      },
      { path: ['plugins', 1], message: 'plugin "./gone.ts": no such file: /x/gone.ts' },
      {
        path: ['plugins', 2],
        message:
          'plugin "./b.ts": its action "list-voice" has the name of a built-in action: expected a name of its own',
      },
      {
        path: ['plugins', 2],
        message:
          'plugin "./b.ts": its action "uptime" has the name of an action of plugin "./a.ts": expected a name of its own',
      },
    ]);
    expect(registry.get('list-voice')?.plugin).toBeUndefined();
  });
});
