/**
 * What `import … from 'discloop'` gives plugin authors (SPEC §10): `defineAction` to write an
 * action, `ActionError` for failures the user can fix, zod's `z` for its options, and the types
 * of the context and port an action reads and acts through. Types only from the port:
 * importing discloop loads no discord.js.
 */
export { z } from 'zod';
export type {
  ActionLog,
  ChannelInfo,
  ChannelKind,
  DiscordPort,
  GuildInfo,
  MemberInfo,
  MessageInfo,
  OutgoingMessage,
  Presence,
  RunBudget,
  VoiceChannelInfo,
} from './actions/types.js';
export type { Config, LoopConfig } from './config/schema.js';
export type { IntentName } from './connection/intents.js';
export { ActionError } from './errors.js';
export {
  defineAction,
  type PluginAction as ActionDefinition,
  type PluginContext as ActionContext,
} from './plugins/define.js';
