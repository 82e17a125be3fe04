import { ActionError } from '../errors.js';
import { selectChannel } from './targets.js';
import { type ChannelInfo, type DiscordPort, defineAction, type MessageInfo } from './types.js';

export interface PurgeChannelData {
  id: string;
  name: string;
  guild: { id: string; name: string };
  deleted: number;
  bulk: number;
  single: number;
  /** Pinned messages old enough (and by the authors asked for) that were left alone. */
  kept: number;
  /** With `dryRun`: what a real run would delete here. */
  wouldDelete?: number;
}

export interface PurgeData {
  dryRun: boolean;
  deleted: number;
  bulk: number;
  single: number;
  kept: number;
  wouldDelete?: number;
  /**
   * Why the run stopped before the end, leaving the rest for the next run: it reached `limit`,
   * or Discord asked for a wait too long to sit out (what was deleted stays deleted).
   */
  stopped: 'limit' | 'rate_limited' | null;
  channels: PurgeChannelData[];
}

/** How one deletion request went; a long rate limit ends the run's deleting. */
type Outcome = 'done' | 'gone' | 'too_old' | 'rate_limited';

const DAY_MS = 86_400_000;
const DISCORD_EPOCH = 1_420_070_400_000;
/** Discord's history pages hold at most 100 messages; so does a bulk delete. */
const PAGE = 100;
/**
 * Bulk delete refuses messages 14 days old or older. Those within a few minutes of that age go
 * one by one: the run's clock and Discord's may disagree a little, and a purge takes time.
 */
const BULK_MAX_AGE_MS = 14 * DAY_MS - 10 * 60_000;
/** What a purge needs in each channel, checked before anything there is deleted. */
const NEEDED = ['ViewChannel', 'ReadMessageHistory', 'ManageMessages'];

/** The smallest snowflake of an instant: `before` it lists exactly the older messages. */
const snowflakeAt = (ms: number) => (BigInt(Math.floor(ms - DISCORD_EPOCH)) << 22n).toString();

/**
 * Deletes messages older than a duration from the channels it is given, and no others:
 * retention for a log or a busy channel. Messages under 14 days old go in bulk (up to 100 a
 * request); older ones one by one, as Discord requires, each queued behind discord.js's rate
 * limiter. Permissions are checked in every channel before anything is deleted anywhere.
 */
export const purge = defineAction({
  name: 'purge',
  summary: "Delete a channel's messages older than a duration (retention)",
  options: {
    channel: {
      kind: 'targets',
      of: 'channel',
      required: true,
      description: 'the text channels to purge, one or a list; no others are touched',
    },
    guild: {
      kind: 'target',
      of: 'guild',
      description: "the channels' guild, when a name is in several",
    },
    olderThan: {
      kind: 'duration',
      required: true,
      description: 'delete messages older than this, e.g. 30d or 12h',
    },
    keepPinned: {
      kind: 'boolean',
      default: true,
      description:
        'keep pinned messages (the default); false, or --no-keep-pinned, deletes them too',
    },
    authors: {
      kind: 'targets',
      of: 'user',
      description: 'only the messages of these users (ids or usernames)',
    },
    limit: {
      kind: 'integer',
      min: 1,
      default: 1000,
      description: 'at most this many deletions per run; the rest wait for the next run',
    },
    dryRun: {
      kind: 'boolean',
      description: 'delete nothing: say how many messages a run would delete',
    },
  },
  intents: () => ['Guilds'],
  waitsForGateway: () => false,
  permissions: ['View Channel', 'Read Message History', 'Manage Messages'],
  budgets: () => [
    {
      runs: 1,
      perMs: 60_000,
      why: "each run reads the channels' history and deletes under Discord's tight limits on deleting messages",
    },
  ],
  async run({ discord, now, signal }, options): Promise<PurgeData> {
    const guilds = discord.guilds();
    const all = discord.channels();
    const channels = [
      ...new Map(
        options.channel.map((ref) => {
          const channel = selectChannel(all, guilds, ref, ['text', 'voice'], options.guild);
          return [channel.id, channel] as const;
        }),
      ).values(),
    ];
    for (const channel of channels) requirePermissions(discord, channel);

    const authors = options.authors?.map((ref) => ref.toLowerCase());
    const wanted = (m: MessageInfo) =>
      !authors || authors.includes(m.authorId) || authors.includes(m.authorName.toLowerCase());
    let budget = options.limit;
    let rateLimited = false;
    const results: PurgeChannelData[] = [];
    for (const channel of channels) {
      if (rateLimited) break;
      const found = await oldMessages(discord, channel.id, {
        before: now - options.olderThan,
        wanted,
        keepPinned: options.keepPinned,
        max: budget,
      });
      budget -= found.doomed.length;
      const base = {
        id: channel.id,
        name: channel.name,
        guild: { id: channel.guildId, name: channel.guildName },
        kept: found.kept,
      };
      if (options.dryRun) {
        results.push({ ...base, deleted: 0, bulk: 0, single: 0, wouldDelete: found.doomed.length });
      } else {
        const { bulk, single, ...done } = await remove(discord, channel.id, found.doomed, {
          now,
          signal,
        });
        rateLimited = done.rateLimited;
        results.push({ ...base, deleted: bulk + single, bulk, single });
      }
    }
    const sum = (key: 'deleted' | 'bulk' | 'single' | 'kept' | 'wouldDelete') =>
      results.reduce((total, c) => total + (c[key] ?? 0), 0);
    return {
      dryRun: options.dryRun,
      deleted: sum('deleted'),
      bulk: sum('bulk'),
      single: sum('single'),
      kept: sum('kept'),
      ...(options.dryRun ? { wouldDelete: sum('wouldDelete') } : {}),
      stopped: rateLimited ? 'rate_limited' : budget === 0 ? 'limit' : null,
      channels: results,
    };
  },
  renderText: ({ channels, dryRun, stopped }) => {
    const lines = channels.map((c) => {
      const where = `#${c.name} (${c.guild.name})`;
      const how = c.bulk > 0 || c.single > 0 ? ` (${c.bulk} in bulk, ${c.single} one by one)` : '';
      const done = dryRun
        ? `would delete ${c.wouldDelete ?? 0} (dry run)`
        : `deleted ${c.deleted}${how}`;
      return `${where}: ${done}${c.kept > 0 ? `, kept ${c.kept} pinned` : ''}`;
    });
    if (stopped === 'limit')
      lines.push(
        'Stopped at the limit of deletions per run: older messages wait for the next run.',
      );
    if (stopped === 'rate_limited')
      lines.push(
        'Stopped early: Discord asked for a long wait before more deletions; the rest go next run.',
      );
    return lines.join('\n');
  },
});

function requirePermissions(discord: DiscordPort, channel: ChannelInfo): void {
  const missing = discord.missingPermissions(channel.id, NEEDED);
  if (missing.length === 0) return;
  const names = missing.join(', ');
  throw new ActionError(
    'missing_permissions',
    `Cannot purge #${channel.name} (${channel.guildName}): the bot lacks ${names} there, so nothing was deleted. Give the bot's role ${names} in that channel's or the server's settings.`,
  );
}

/** Pages back through history from `before`: what to delete (at most `max`), and pins kept. */
async function oldMessages(
  discord: DiscordPort,
  channelId: string,
  scan: { before: number; wanted: (m: MessageInfo) => boolean; keepPinned: boolean; max: number },
): Promise<{ doomed: MessageInfo[]; kept: number }> {
  const doomed: MessageInfo[] = [];
  let kept = 0;
  // Nothing on Discord is older than its epoch.
  if (scan.before <= DISCORD_EPOCH) return { doomed, kept };
  let before = snowflakeAt(scan.before);
  while (doomed.length < scan.max) {
    const page = await discord.messages(channelId, { before, limit: PAGE });
    for (const message of page) {
      if (!scan.wanted(message)) continue;
      if (message.pinned && scan.keepPinned) kept += 1;
      else if (doomed.length < scan.max) doomed.push(message);
    }
    const last = page.at(-1);
    if (page.length < PAGE || !last) break;
    before = last.id;
  }
  return { doomed, kept };
}

/**
 * Deletes in bulk what is young enough, in batches of up to 100, and the rest one by one
 * (a lone young message too: bulk delete wants at least 2). A batch Discord refuses as too old
 * after all goes one by one; a message someone else deleted meanwhile is not counted. A rate
 * limit too long to wait out stops the deleting: what is done is counted, the rest waits.
 */
async function remove(
  discord: DiscordPort,
  channelId: string,
  doomed: MessageInfo[],
  { now, signal }: { now: number; signal: AbortSignal },
): Promise<{ bulk: number; single: number; rateLimited: boolean }> {
  const attempt = async (request: () => Promise<void>): Promise<Outcome> => {
    try {
      await request();
      return 'done';
    } catch (error) {
      // A run cut off (timeout, shutdown) fails as such, whatever its last request met.
      if (!(error instanceof ActionError) || signal.aborted) throw error;
      if (error.code === 'unknown_message') return 'gone';
      if (error.code === 'discord_50034') return 'too_old';
      if (error.code === 'rate_limited') return 'rate_limited';
      throw error;
    }
  };
  const young = new Set(doomed.filter((m) => now - m.createdAt < BULK_MAX_AGE_MS));
  const singles = doomed.filter((m) => !young.has(m));
  const done = { bulk: 0, single: 0, rateLimited: false };
  const batches = [...young];
  for (let start = 0; start < batches.length; start += PAGE) {
    const batch = batches.slice(start, start + PAGE);
    const outcome =
      batch.length < 2
        ? 'too_few'
        : await attempt(() =>
            discord.bulkDelete(
              channelId,
              batch.map((m) => m.id),
            ),
          );
    if (outcome === 'rate_limited') return { ...done, rateLimited: true };
    if (outcome === 'done') done.bulk += batch.length;
    else singles.unshift(...batch);
  }
  for (const message of singles) {
    const outcome = await attempt(() => discord.deleteMessage(channelId, message.id));
    if (outcome === 'rate_limited') return { ...done, rateLimited: true };
    if (outcome === 'done') done.single += 1;
  }
  return done;
}
