import { guilds } from './guilds.js';
import { listVoice } from './list-voice.js';
import { memberCount } from './member-count.js';
import { postFeed } from './post-feed.js';
import { purge } from './purge.js';
import { renameChannel } from './rename-channel.js';
import { sendMessage } from './send-message.js';
import { setPresence } from './set-presence.js';
import type { ActionDefinition } from './types.js';

/**
 * The actions discloop ships, in the order `discloop actions`, the schema and the README show
 * them. Only the CLI's entry builds a registry from them (src/actions/registry.ts); everything
 * else is handed that registry.
 */
export const BUILTIN_ACTIONS: readonly ActionDefinition[] = [
  listVoice,
  memberCount,
  guilds,
  sendMessage,
  renameChannel,
  postFeed,
  purge,
  setPresence,
];
