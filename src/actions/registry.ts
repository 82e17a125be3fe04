import { UsageError } from '../errors.js';
import type { ActionDefinition } from './types.js';

/**
 * The actions a command may use: the one list behind `discloop actions`, the per-action
 * subcommands, the config schema's `with:` options and the gateway intents a config needs.
 * A value, built once by the CLI and passed in, never a global: plugins make a bigger one.
 */
export interface ActionRegistry {
  /** The built-ins first, then the added actions, each in the order given. */
  readonly actions: readonly ActionDefinition[];
  get(name: string): ActionDefinition | undefined;
}

/** Two actions with one name: a config could not say which one it means. */
export class DuplicateActionError extends UsageError {
  readonly first: ActionDefinition;
  readonly second: ActionDefinition;

  constructor(first: ActionDefinition, second: ActionDefinition) {
    super(
      `Two actions are named "${first.name}": "${first.summary}" and "${second.summary}".`,
      'Each action needs a name of its own.',
    );
    this.first = first;
    this.second = second;
  }
}

export function createRegistry(
  builtins: readonly ActionDefinition[],
  extra: readonly ActionDefinition[] = [],
): ActionRegistry {
  const byName = new Map<string, ActionDefinition>();
  for (const action of [...builtins, ...extra]) {
    const taken = byName.get(action.name);
    if (taken) throw new DuplicateActionError(taken, action);
    byName.set(action.name, action);
  }
  return { actions: [...byName.values()], get: (name) => byName.get(name) };
}
