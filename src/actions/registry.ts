import { listVoice } from './list-voice.js';
import { memberCount } from './member-count.js';
import type { ActionDefinition } from './types.js';

/**
 * Every built-in action. This list is the one source behind `discloop actions`, the per-action
 * subcommands, the config schema's `with:` options and the gateway intents a config needs.
 */
export const ACTIONS = [listVoice, memberCount] as unknown as readonly ActionDefinition[];

export function findAction(name: string): ActionDefinition | undefined {
  return ACTIONS.find((action) => action.name === name);
}
