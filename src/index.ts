/**
 * What `import … from 'discloop'` gives plugin authors (SPEC §10): `defineAction` to write an
 * action, `ActionError` for failures the user can fix, zod's `z`, and the types of the port an
 * action reads and acts through. Types only from the port: importing discloop loads no discord.js.
 */
export { z } from 'zod';
export {
  type ActionContext,
  type ActionDefinition,
  type ChannelInfo,
  type ChannelKind,
  type DiscordPort,
  defineAction,
  type GuildInfo,
  type MemberInfo,
  type MessageInfo,
  type OutgoingMessage,
  type Presence,
  type RunBudget,
  type VoiceChannelInfo,
} from './actions/types.js';
export type { Config, LoopConfig } from './config/schema.js';
export type { IntentName } from './connection/intents.js';
export { ActionError } from './errors.js';
