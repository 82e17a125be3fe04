import type { TemplateValues } from './templates.js';
import type { ActionContext, GuildInfo } from './types.js';

/** Where each placeholder's value comes from, for a run of an action in `guild` (if any). */
export function templateValues(context: ActionContext, guild?: GuildInfo): TemplateValues {
  const { discord, loop, now, timezone } = context;
  const global: TemplateValues = {
    'bot.guildCount': () => discord.guilds().length,
    'loop.name': () => loop.name,
    'loop.iteration': () => loop.iteration,
    now: () => formatNow(now, timezone),
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

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * "2026-11-24 18:30": sortable, and the same in every locale. Local time needs no Intl, which
 * would load ICU's locale data (megabytes) for one template.
 */
export function formatNow(ms: number, timezone?: string): string {
  if (timezone !== undefined) {
    return new Intl.DateTimeFormat('sv-SE', {
      timeZone: timezone,
      dateStyle: 'short',
      timeStyle: 'short',
    }).format(ms);
  }
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
