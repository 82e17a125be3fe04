import { guilds } from './guilds.js';
import { listVoice } from './list-voice.js';
import { memberCount } from './member-count.js';
import { renameChannel } from './rename-channel.js';
import { sendMessage } from './send-message.js';
import { setPresence } from './set-presence.js';
import type { ActionDefinition } from './types.js';

/**
 * Every built-in action. This list is the one source behind `discloop actions`, the per-action
 * subcommands, the config schema's `with:` options and the gateway intents a config needs.
 */
// Each action is typed by its own options; the registry sees them all through the same door.
export const ACTIONS = [
  listVoice,
  memberCount,
  guilds,
  sendMessage,
  renameChannel,
  setPresence,
] as unknown as readonly ActionDefinition[];

export function findAction(name: string): ActionDefinition | undefined {
  return ACTIONS.find((action) => action.name === name);
}
