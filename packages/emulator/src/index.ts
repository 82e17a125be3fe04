/**
 * The local Discord emulator (SPEC §7): a Discord REST API and gateway on 127.0.0.1 that the
 * real discord.js client logs in to. The fixture of every test that touches Discord, and the
 * engine behind `discloop --sandbox`.
 *
 *   const emu = await startEmulator({ heartbeatIntervalMs: 500 });
 *   const client = new Client({ intents, rest: { api: emu.apiUrl } });
 *   await client.login(emu.token);
 *   emu.voiceJoin(userId, channelId);
 *   await emu.close();
 */
export { startEmulator } from './emulator.js';
export { seededRandom } from './prng.js';
export { shardOf, snowflake, snowflakeTime } from './snowflake.js';
export type {
  GatewayOutage,
  NewMember,
  RateLimitRule,
  RateLimitStorm,
  TimelineEntry,
  TimelineEvent,
  TimelineEventType,
} from './timeline.js';
export type {
  ConnectionInfo,
  Emulator,
  EmulatorOptions,
  RecordedPayload,
  RecordedRequest,
} from './types.js';
export { type BigWorldOptions, bigWorld } from './world/big-world.js';
export { type GuildInput, type MemberInput, type WorldInput, world } from './world/builder.js';
export { DEFAULT_IDS, DEFAULT_TOKEN, defaultWorld } from './world/default-world.js';
export {
  DEMO_IDS,
  demoTimeline,
  demoWorld,
  type VoiceTimelineOptions,
  voiceTimeline,
} from './world/demo-world.js';
export { loadTimeline, loadWorld, WorldSpecError } from './world/load.js';
export {
  ALL_PERMISSIONS,
  Permission,
  type PermissionName,
  permissionBits,
} from './world/permissions.js';
export type {
  ChannelRecord,
  GuildRecord,
  MemberRecord,
  MessageRecord,
  PresenceRecord,
  RoleRecord,
  UserRecord,
  VoiceStateRecord,
  WorldSnapshot,
} from './world/records.js';
export type {
  ActivitySpec,
  ApplicationSpec,
  BotSpec,
  ChannelSpec,
  ChannelTypeSpec,
  GuildSpec,
  MemberSpec,
  MessageSpec,
  PermissionOverwriteSpec,
  PresenceSpec,
  PresenceStatus,
  PrivilegedIntentName,
  RoleSpec,
  VoiceStateSpec,
  WorldSpec,
} from './world/spec.js';
