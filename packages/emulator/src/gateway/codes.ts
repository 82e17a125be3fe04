/** Gateway opcodes (https://discord.com/developers/docs/topics/opcodes-and-status-codes). */
export const Op = {
  Dispatch: 0,
  Heartbeat: 1,
  Identify: 2,
  PresenceUpdate: 3,
  VoiceStateUpdate: 4,
  Resume: 6,
  Reconnect: 7,
  RequestGuildMembers: 8,
  InvalidSession: 9,
  Hello: 10,
  HeartbeatAck: 11,
  RequestSoundboardSounds: 31,
} as const;

/** Gateway close codes, and what the emulator uses each for. */
export const CloseCode = {
  UnknownError: 4000,
  UnknownOpcode: 4001,
  DecodeError: 4002,
  NotAuthenticated: 4003,
  AuthenticationFailed: 4004,
  AlreadyAuthenticated: 4005,
  InvalidSeq: 4007,
  RateLimited: 4008,
  SessionTimedOut: 4009,
  InvalidShard: 4010,
  ShardingRequired: 4011,
  InvalidApiVersion: 4012,
  InvalidIntents: 4013,
  DisallowedIntents: 4014,
} as const;

/** Discord's description of each close code, sent as the close frame's reason. */
const CLOSE_REASONS: Readonly<Record<number, string>> = {
  [CloseCode.UnknownError]: 'Unknown error.',
  [CloseCode.UnknownOpcode]: 'Unknown opcode.',
  [CloseCode.DecodeError]: 'Error while decoding payload.',
  [CloseCode.NotAuthenticated]: 'Not authenticated.',
  [CloseCode.AuthenticationFailed]: 'Authentication failed.',
  [CloseCode.AlreadyAuthenticated]: 'You sent more than one identify payload.',
  [CloseCode.InvalidSeq]: 'Invalid seq.',
  [CloseCode.RateLimited]: 'Rate limited.',
  [CloseCode.SessionTimedOut]: 'Session timed out.',
  [CloseCode.InvalidShard]: 'Invalid shard.',
  [CloseCode.ShardingRequired]: 'Sharding required.',
  [CloseCode.InvalidApiVersion]: 'Invalid API version.',
  [CloseCode.InvalidIntents]: 'Invalid intent(s).',
  [CloseCode.DisallowedIntents]: 'Disallowed intent(s).',
};

export function closeReason(code: number): string {
  return CLOSE_REASONS[code] ?? '';
}

/**
 * Codes after which Discord does not let the session resume: "do not reconnect" (4004,
 * 4010–4014), or reconnect with a new session (4007 invalid seq, 4009 session timed out).
 */
export const SESSION_ENDING_CLOSE_CODES: ReadonlySet<number> = new Set([
  CloseCode.AuthenticationFailed,
  CloseCode.InvalidSeq,
  CloseCode.SessionTimedOut,
  CloseCode.InvalidShard,
  CloseCode.ShardingRequired,
  CloseCode.InvalidApiVersion,
  CloseCode.InvalidIntents,
  CloseCode.DisallowedIntents,
]);

export const Intent = {
  Guilds: 1 << 0,
  GuildMembers: 1 << 1,
  GuildModeration: 1 << 2,
  GuildExpressions: 1 << 3,
  GuildIntegrations: 1 << 4,
  GuildWebhooks: 1 << 5,
  GuildInvites: 1 << 6,
  GuildVoiceStates: 1 << 7,
  GuildPresences: 1 << 8,
  GuildMessages: 1 << 9,
  GuildMessageReactions: 1 << 10,
  GuildMessageTyping: 1 << 11,
  DirectMessages: 1 << 12,
  DirectMessageReactions: 1 << 13,
  DirectMessageTyping: 1 << 14,
  MessageContent: 1 << 15,
  GuildScheduledEvents: 1 << 16,
  AutoModerationConfiguration: 1 << 20,
  AutoModerationExecution: 1 << 21,
  GuildMessagePolls: 1 << 24,
  DirectMessagePolls: 1 << 25,
} as const;

/** Every defined intent bit: anything outside it closes the connection with 4013. */
export const KNOWN_INTENTS = Object.values(Intent).reduce((all, bit) => all | bit, 0);

export const PRIVILEGED_INTENTS = {
  GuildMembers: Intent.GuildMembers,
  GuildPresences: Intent.GuildPresences,
  MessageContent: Intent.MessageContent,
} as const;

/** The intent a dispatch needs; events not listed here are sent regardless of intents. */
export const EVENT_INTENT: Readonly<Record<string, number>> = {
  GUILD_CREATE: Intent.Guilds,
  GUILD_UPDATE: Intent.Guilds,
  GUILD_DELETE: Intent.Guilds,
  CHANNEL_CREATE: Intent.Guilds,
  CHANNEL_UPDATE: Intent.Guilds,
  CHANNEL_DELETE: Intent.Guilds,
  GUILD_MEMBER_ADD: Intent.GuildMembers,
  GUILD_MEMBER_UPDATE: Intent.GuildMembers,
  GUILD_MEMBER_REMOVE: Intent.GuildMembers,
  VOICE_STATE_UPDATE: Intent.GuildVoiceStates,
  PRESENCE_UPDATE: Intent.GuildPresences,
  MESSAGE_CREATE: Intent.GuildMessages,
  MESSAGE_UPDATE: Intent.GuildMessages,
  MESSAGE_DELETE: Intent.GuildMessages,
  MESSAGE_DELETE_BULK: Intent.GuildMessages,
};

export function hasIntent(intents: number, intent: number): boolean {
  return (intents & intent) === intent;
}
