import type { IntentName } from '../connection/intents.js';
import type { TemplateScope, TemplateValues } from './templates.js';
import type { ActionContext, GuildInfo } from './types.js';

type Value = string | number | Promise<string | number>;

/** A guild placeholder is read for the guild a run acts on; the others need none. */
type PlaceholderSpec = {
  name: string;
  intents: readonly IntentName[];
  /** Read from what only a connected gateway keeps fresh: a run using it waits for a reconnect. */
  live: boolean;
} & (
  | { scope: 'global'; read(context: ActionContext): Value }
  | { scope: 'guild'; read(context: ActionContext, guild: GuildInfo): Value }
);

/**
 * The `{placeholder}`s of SPEC §4, each once: where a template may use it, the gateway intents
 * its value reads from the cache, and how the value is read. Template checking, the intents a
 * loop asks for, the values and the help text all come from this table.
 */
export const PLACEHOLDERS = [
  {
    name: 'guild.name',
    scope: 'guild',
    intents: ['Guilds'],
    live: false,
    read: (_, guild) => guild.name,
  },
  {
    name: 'guild.memberCount',
    scope: 'guild',
    // Fresh from the REST API: no intent, and right for months without Server Members.
    intents: [],
    live: false,
    read: ({ discord }, guild) => discord.fetchMemberCount(guild.id),
  },
  {
    name: 'guild.voiceCount',
    scope: 'guild',
    intents: ['GuildVoiceStates'],
    live: true,
    read: ({ discord }, guild) =>
      discord.voiceChannels(guild.id).reduce((sum, channel) => sum + channel.members.length, 0),
  },
  {
    name: 'bot.guildCount',
    scope: 'global',
    intents: ['Guilds'],
    live: false,
    // The bot's total, whichever shards this process runs (SPEC §9).
    read: ({ discord }) => discord.botGuildCount(),
  },
  { name: 'loop.name', scope: 'global', intents: [], live: false, read: ({ loop }) => loop.name },
  {
    name: 'loop.iteration',
    scope: 'global',
    intents: [],
    live: false,
    read: ({ loop }) => loop.iteration,
  },
  {
    name: 'now',
    scope: 'global',
    intents: [],
    live: false,
    read: ({ now, timezone }) => formatNow(now, timezone),
  },
] as const satisfies readonly PlaceholderSpec[];

export type Placeholder = (typeof PLACEHOLDERS)[number]['name'];

const byName = new Map<string, PlaceholderSpec>(PLACEHOLDERS.map((p) => [p.name, p]));

export function findPlaceholder(name: string): PlaceholderSpec | undefined {
  return byName.get(name);
}

/** Which placeholders a template may use: guild ones only where the action has a guild. */
export function placeholdersFor(scope: TemplateScope): string[] {
  return PLACEHOLDERS.filter((p) => scope === 'guild' || p.scope === 'global').map((p) => p.name);
}

/** Where each placeholder's value comes from, for a run of an action in `guild` (if any). */
export function templateValues(context: ActionContext, guild?: GuildInfo): TemplateValues {
  const values: TemplateValues = {};
  for (const placeholder of PLACEHOLDERS) {
    const { name } = placeholder;
    if (placeholder.scope === 'global') values[name] = () => placeholder.read(context);
    else if (guild) values[name] = () => placeholder.read(context, guild);
  }
  return values;
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
