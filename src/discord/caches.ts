import type { IntentName } from './intents.js';

/**
 * discord.js caches everything it is sent. The actions read guilds, channels, voice states,
 * the members in voice and (only with GuildPresences) presences; every other cache is switched
 * off so a bot in many guilds does not pay for data no action looks at. Keyed by manager name,
 * the form `Options.cacheWithLimits` takes.
 */
const NEVER_READ = [
  'MessageManager',
  'ReactionManager',
  'ReactionUserManager',
  'GuildEmojiManager',
  'BaseGuildEmojiManager',
  'GuildStickerManager',
  'GuildScheduledEventManager',
  'StageInstanceManager',
  'ThreadManager',
  'ThreadMemberManager',
  'GuildBanManager',
  'GuildInviteManager',
  'AutoModerationRuleManager',
  'ApplicationCommandManager',
  'GuildMessageManager',
  'DMMessageManager',
  'GuildForumThreadManager',
  'GuildTextThreadManager',
] as const;

export function cacheLimits(intents: readonly IntentName[]): Record<string, number> {
  const limits: Record<string, number> = Object.fromEntries(NEVER_READ.map((name) => [name, 0]));
  if (!intents.includes('GuildPresences')) limits.PresenceManager = 0;
  return limits;
}
