import type { ActivityObject, ActivityType } from './options.js';
import { templateValues } from './placeholders.js';
import { renderTemplate } from './templates.js';
import { defineAction, type Presence } from './types.js';

export interface SetPresenceData {
  status: Presence['status'];
  activity: Presence['activity'] | null;
}

const PREFIXES: [string, ActivityType][] = [
  ['Playing ', 'Playing'],
  ['Watching ', 'Watching'],
  ['Listening to ', 'Listening'],
  ['Competing in ', 'Competing'],
];

/** "Watching 3 guilds" → Watching "3 guilds"; anything without such a leading word is a custom status. */
export function parseActivity(text: string): { type: ActivityType; name: string } {
  const found = PREFIXES.find(([prefix]) => text.startsWith(prefix));
  return found
    ? { type: found[1], name: text.slice(found[0].length) }
    : { type: 'Custom', name: text };
}

/** The words an activity reads with, as Discord shows it: "Listening to …", "Competing in …". */
function leadOf(type: ActivityType): string {
  if (type === 'Custom') return '';
  return PREFIXES.find(([, prefixed]) => prefixed === type)?.[0] ?? `${type} `;
}

const STATUSES = ['online', 'idle', 'dnd', 'invisible'] as const;

/**
 * Sets the bot's status and activity, one activity of the list per run, in turn. A presence
 * fades after about a day, which is why people refresh it on a loop.
 */
export const setPresence = defineAction({
  name: 'set-presence',
  summary: "Set the bot's status and activity, rotating through a list, one per run",
  options: {
    status: {
      kind: 'choice',
      values: STATUSES,
      description: 'online (default), idle, dnd or invisible',
    },
    activities: {
      kind: 'activities',
      description:
        'templates led by Playing, Watching, Listening to or Competing in (else a custom status), or { type, name, url }',
    },
  },
  // Presence goes over the gateway connection itself; placeholders add what they read.
  intents: () => [],
  acrossShards: true,
  permissions: [],
  // Discord documents no limit of presence updates of their own (the "5 per 20 s" often quoted
  // is folklore from old libraries); what is documented is 120 gateway payloads per connection
  // per minute, heartbeats included, which discord.js keeps under by queueing at 115. A presence
  // loop is never refused, then: it delays everything else on the connection. Once a minute is
  // modest: a status changing faster is not read by anyone, and each update goes to every guild.
  budgets: () => [
    {
      runs: 1,
      perMs: 60_000,
      why: "each presence update goes to every guild over the bot's gateway connection, which allows 120 payloads a minute, heartbeats included",
    },
  ],
  problems: (options) =>
    options.status === undefined && options.activities === undefined
      ? [{ option: 'status', message: 'nothing to set: expected a status, activities, or both' }]
      : [],
  async run(context, options): Promise<SetPresenceData> {
    const list = options.activities ?? [];
    const chosen = list[(context.loop.iteration - 1) % Math.max(1, list.length)];
    const status = (options.status ?? 'online') as Presence['status'];
    const activity = chosen === undefined ? undefined : await activityOf(chosen, context);
    context.discord.setPresence({ status, activity });
    return { status, activity: activity ?? null };
  },
  renderText: ({ status, activity }) =>
    activity ? `${status} · ${leadOf(activity.type)}${activity.name}` : status,
});

async function activityOf(
  chosen: string | ActivityObject,
  context: Parameters<typeof setPresence.run>[0],
) {
  const values = templateValues(context);
  if (typeof chosen === 'string') return parseActivity(await renderTemplate(chosen, values));
  return {
    type: chosen.type,
    name: await renderTemplate(chosen.name, values),
    ...(chosen.url ? { url: chosen.url } : {}),
  };
}
