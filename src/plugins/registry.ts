import { type ActionRegistry, createRegistry } from '../actions/registry.js';
import type { ActionDefinition } from '../actions/types.js';
import type { Problem } from '../config/problems.js';
import type { LoadedPlugin } from './load.js';

/**
 * The registry a config's loops are checked against: `base` (the built-ins) and the actions
 * of its plugins. Each plugin that failed to load, and each action whose name is taken, is a
 * problem at the plugin's entry under `plugins:`.
 */
export function withPlugins(
  base: ActionRegistry,
  plugins: readonly LoadedPlugin[],
): { registry: ActionRegistry; problems: Problem[] } {
  const problems: Problem[] = [];
  const added = new Map<string, ActionDefinition>();
  for (const plugin of plugins) {
    const at = ['plugins', plugin.index];
    const name = `plugin "${plugin.entry}"`;
    if (!plugin.ok) {
      problems.push({ path: at, message: `${name}: ${plugin.message}` });
      continue;
    }
    for (const action of plugin.actions) {
      const taken = base.get(action.name) ?? added.get(action.name);
      if (!taken) {
        added.set(action.name, action);
        continue;
      }
      const owner =
        taken.plugin === undefined
          ? 'a built-in action'
          : taken.plugin === plugin.entry
            ? 'another of its actions'
            : `an action of plugin "${taken.plugin}"`;
      problems.push({
        path: at,
        message: `${name}: its action "${action.name}" has the name of ${owner}: expected a name of its own`,
      });
    }
  }
  return { registry: createRegistry(base.actions, [...added.values()]), problems };
}
