import type { IntentName } from './intents.js';

/**
 * Which discord.js caches stay empty, from what the loops read. discord.js caches everything
 * it is sent, and in a bot of many guilds most of it is never looked at. The actions read
 * guilds, channels, roles and overwrites (for permission messages), voice states, the members
 * in voice and, only with GuildPresences, presences. Kept free of discord.js so `-v` can print it.
 */
export interface CachePlan {
  /** Managers whose cache stays empty (discord.js's manager names). */
  neverRead: string[];
}

const NEVER_READ = [
  'MessageManager',
  'GuildMessageManager',
  'DMMessageManager',
  'ReactionManager',
  'ReactionUserManager',
  'ThreadManager',
  'GuildTextThreadManager',
  'GuildForumThreadManager',
  'ThreadMemberManager',
  'GuildEmojiManager',
  'BaseGuildEmojiManager',
  'ApplicationEmojiManager',
  'GuildStickerManager',
  'GuildSoundboardSoundManager',
  'GuildScheduledEventManager',
  'StageInstanceManager',
  'GuildBanManager',
  'GuildInviteManager',
  'AutoModerationRuleManager',
  'ApplicationCommandManager',
  'GuildApplicationCommandManager',
  'EntitlementManager',
  'SubscriptionManager',
];

export function cachePlan(intents: readonly IntentName[]): CachePlan {
  return {
    neverRead: intents.includes('GuildPresences') ? NEVER_READ : [...NEVER_READ, 'PresenceManager'],
  };
}

export function describeCachePlan(plan: CachePlan): string {
  return `Not cached (no action reads them): ${plan.neverRead.join(', ')}`;
}
