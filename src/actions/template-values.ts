import type { TemplateValues } from './templates.js';
import type { ActionContext, GuildInfo } from './types.js';

/** Where each placeholder's value comes from, for a run of an action in `guild` (if any). */
export function templateValues(context: ActionContext, guild?: GuildInfo): TemplateValues {
  const { discord, loop, now, timezone } = context;
  const global: TemplateValues = {
    'bot.guildCount': () => discord.guilds().length,
    'loop.name': () => loop.name,
    'loop.iteration': () => loop.iteration,
    // "2026-11-24 18:30": sortable, and the same in every locale.
    now: () =>
      new Intl.DateTimeFormat('sv-SE', {
        timeZone: timezone,
        dateStyle: 'short',
        timeStyle: 'short',
      }).format(now),
  };
  if (!guild) return global;
  return {
    ...global,
    'guild.name': () => guild.name,
    'guild.memberCount': () => discord.fetchMemberCount(guild.id),
    'guild.voiceCount': () =>
      discord.voiceChannels(guild.id).reduce((sum, channel) => sum + channel.members.length, 0),
  };
}
