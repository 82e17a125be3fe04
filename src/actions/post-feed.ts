import { fetchFeed } from './feed-fetch.js';
import { remember, selectItems } from './feed-items.js';
import { type Feed, type FeedItem, parseFeed } from './feed-parse.js';
import { templateValues } from './placeholders.js';
import { CHANNEL_GUILD, messageChannel } from './targets.js';
import { renderTemplate, type TemplateValues } from './templates.js';
import { defineAction } from './types.js';

export interface PostFeedData {
  feed: { title: string; url: string };
  guild: { id: string; name: string };
  channel: { id: string; name: string };
  /** Oldest first; `message` is the id of the Discord message. */
  posted: { id: string; title: string; link: string; message: string }[];
  /** New items left for the next runs (past `maxPerRun`). */
  skipped: number;
}

const FEED_PLACEHOLDERS = [
  'item.title',
  'item.link',
  'item.author',
  'item.published',
  'feed.title',
] as const;
type FeedPlaceholder = (typeof FEED_PLACEHOLDERS)[number];

const DEFAULT_CONTENT = '{item.title}\n{item.link}';
const TIMEOUT_MS = 15_000;
const USER_AGENT = 'discloop (+https://www.npmjs.com/package/discloop)';

/** Discord refuses messages over 2000 characters: a long title must not block the feed. */
const clip = (text: string) => {
  const chars = [...text];
  return chars.length <= 2000 ? text : `${chars.slice(0, 1999).join('')}…`;
};

/** What the loop keeps from run to run (ctx.state, saved as JSON): read back defensively. */
function stored(state: Record<string, unknown>) {
  const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
  return {
    /** Undefined until a run has read the feed: the next run is the first. */
    seen: Array.isArray(state.seen)
      ? state.seen.filter((id): id is string => typeof id === 'string')
      : undefined,
    etag: text(state.etag),
    lastModified: text(state.lastModified),
    title: text(state.title) ?? '',
  };
}

const itemValues = (feed: Feed, item: FeedItem): TemplateValues<FeedPlaceholder> => ({
  'item.title': () => item.title,
  'item.link': () => item.link,
  'item.author': () => item.author,
  'item.published': () =>
    item.published === undefined ? '' : new Date(item.published).toISOString(),
  'feed.title': () => feed.title,
});

/**
 * Posts a feed's new items to a channel. The first run records what the feed holds (or posts
 * the newest `backfill`); later runs post what appeared since, oldest first, `maxPerRun` at
 * most. An item is marked seen as soon as its message is sent, so a run that fails half-way
 * neither loses the rest nor posts the first ones again. The feed is read with a conditional
 * GET (ETag, Last-Modified), and only remembered as read once nothing of it is left to post.
 */
export const postFeed = defineAction({
  name: 'post-feed',
  summary: 'Post the new items of an RSS, Atom or JSON Feed to a text channel',
  options: {
    url: { kind: 'url', required: true, description: 'the feed: RSS 2.0, Atom or JSON Feed' },
    channel: {
      kind: 'target',
      of: 'channel',
      required: true,
      description: 'the text channel to post to',
    },
    guild: CHANNEL_GUILD,
    content: {
      kind: 'template',
      scope: 'guild',
      placeholders: FEED_PLACEHOLDERS,
      description:
        'each message (default "{item.title}\\n{item.link}"); also {item.author}, {item.published} (ISO time), {feed.title}',
    },
    backfill: {
      kind: 'integer',
      min: 0,
      max: 100,
      description:
        'how many of the newest items the first run posts (default 0: none, it records what is there)',
    },
    maxPerRun: {
      kind: 'integer',
      min: 1,
      max: 20,
      description: 'most items posted per run, the rest wait for the next (default 5)',
    },
  },
  intents: () => ['Guilds'],
  waitsForGateway: () => false,
  permissions: ['View Channel', 'Send Messages'],
  budgets: () => [
    {
      runs: 1,
      perMs: 5 * 60_000,
      why: 'reading a feed more often than every 5 minutes is rude to its server',
    },
  ],
  async run(context, options): Promise<PostFeedData> {
    const { discord, signal, state } = context;
    const { channel, guild } = messageChannel(discord, options.channel, options.guild);
    const where = {
      guild: { id: channel.guildId, name: channel.guildName },
      channel: { id: channel.id, name: channel.name },
    };
    const before = stored(state);
    const fetched = await fetchFeed(options.url, before, {
      signal,
      timeoutMs: TIMEOUT_MS,
      userAgent: USER_AGENT,
    });
    if (!fetched.modified)
      return { feed: { title: before.title, url: options.url }, ...where, posted: [], skipped: 0 };
    const feed = await parseFeed(fetched.text, options.url);
    const selection = selectItems(feed.items, before.seen && new Set(before.seen), {
      backfill: options.backfill ?? 0,
      maxPerRun: options.maxPerRun ?? 5,
    });
    const inFeed = new Set(feed.items.map((item) => item.id));
    const markSeen = (ids: string[]) => {
      state.seen = remember(stored(state).seen ?? [], ids, inFeed);
    };
    signal.throwIfAborted();
    state.title = feed.title;
    markSeen(selection.baseline);

    const values = templateValues(context, guild);
    const posted: PostFeedData['posted'] = [];
    for (const item of selection.post) {
      signal.throwIfAborted();
      const content = clip(
        await renderTemplate<FeedPlaceholder>(options.content ?? DEFAULT_CONTENT, {
          ...values,
          ...itemValues(feed, item),
        }),
      );
      // An item that renders to nothing cannot be posted, now or later.
      const sent = content.trim()
        ? await discord.sendMessage(channel.id, { content, allowedMentions: [] })
        : undefined;
      markSeen([item.id]);
      if (sent) posted.push({ id: item.id, title: item.title, link: item.link, message: sent.id });
    }
    // A 304 must not hide items still waiting: the feed counts as read once none are left.
    state.etag = selection.later === 0 ? fetched.validators.etag : undefined;
    state.lastModified = selection.later === 0 ? fetched.validators.lastModified : undefined;
    return {
      feed: { title: feed.title, url: options.url },
      ...where,
      posted,
      skipped: selection.later,
    };
  },
  renderText: ({ feed, guild, channel, posted, skipped }) => {
    const name = feed.title || feed.url;
    if (posted.length === 0) return `${name}: nothing new`;
    const later = skipped > 0 ? [`  (${skipped} more at the next runs)`] : [];
    return [
      `${name} → #${channel.name} (${guild.name}): ${posted.length} new`,
      ...posted.map((item) => `  ${[item.title, item.link].filter(Boolean).join(' ')}`),
      ...later,
    ].join('\n');
  },
});
