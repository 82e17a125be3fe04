import type { REST } from '@discordjs/rest';
import { type APIMessage, Routes } from 'discord-api-types/v10';
import type {
  ChannelKind,
  DiscordPort,
  OutgoingMessage,
  VoiceChannelInfo,
} from '../actions/types.js';
import { channelPermissions, missingPermissions } from '../connection/channel-permissions.js';
import type { CachedChannel, CachedGuild, GuildCache } from '../connection/guild-cache.js';
import { ActionError } from '../errors.js';
import { explainRefusal, permissionLabel } from './api-errors.js';
import type { PresenceKeeper } from './presence.js';

const VOICE_TYPES = new Set([2, 13]);
const TEXT_TYPES = new Set([0, 5]);

function kindOf(channel: CachedChannel): ChannelKind {
  if (VOICE_TYPES.has(channel.type)) return 'voice';
  if (TEXT_TYPES.has(channel.type)) return 'text';
  return channel.type === 4 ? 'category' : 'other';
}

/** Voice and stage channels have a text chat too; forums, categories and threads take no messages here. */
const takesMessages = (channel: CachedChannel) =>
  TEXT_TYPES.has(channel.type) || VOICE_TYPES.has(channel.type);

/** Discord shows channels grouped under their category, each group in position order. */
function channelOrder(guild: CachedGuild) {
  const group = (c: CachedChannel) =>
    (c.parentId ? guild.channels.get(c.parentId)?.position : -1) ?? -1;
  return (a: CachedChannel, b: CachedChannel) =>
    group(a) - group(b) || a.position - b.position || Number(BigInt(a.id) - BigInt(b.id));
}

function voiceChannelInfo(guild: CachedGuild, channel: CachedChannel): VoiceChannelInfo {
  const members: VoiceChannelInfo['members'] = [];
  for (const [userId, channelId] of guild.voice) {
    const person = channelId === channel.id ? guild.people.get(userId) : undefined;
    if (person) members.push({ id: userId, ...person });
  }
  return { id: channel.id, name: channel.name, members };
}

/** What posting or editing this message needs where it goes. */
const neededToSend = (message: OutgoingMessage): string[] => [
  'ViewChannel',
  'SendMessages',
  ...(message.embed ? ['EmbedLinks'] : []),
];

export interface PortDeps {
  cache: GuildCache;
  rest: REST;
  presence: PresenceKeeper;
  /** The bot's total guilds when this process runs only some shards; else the cache's. */
  totalGuilds?: () => Promise<number>;
}

/** The narrow port actions use, over discloop's own cache and REST, for one run: its requests carry `signal`. */
export function discordPort(deps: PortDeps, signal: AbortSignal): DiscordPort {
  const { cache, rest } = deps;
  // Each request gets a signal of its own that follows the run's: @discordjs/rest never removes
  // the abort listener it adds, and a purge makes hundreds of requests in one run.
  const requestSignal = () => AbortSignal.any([signal]);
  const guild = (id: string): CachedGuild => {
    const found = cache.guild(id);
    if (!found) throw new ActionError('unknown_guild', `The bot is no longer in guild ${id}.`);
    return found;
  };
  const channel = (id: string) => {
    const found = cache.channel(id);
    if (!found) throw new ActionError('unknown_channel', `The bot no longer sees channel ${id}.`);
    return found;
  };
  const textChannel = (id: string) => {
    const found = channel(id);
    if (!takesMessages(found.channel))
      throw new ActionError(
        'not_text_channel',
        `${where(found)} is not a channel messages can be sent to.`,
      );
    return found;
  };
  const where = ({ channel: c, guild: g }: { channel: CachedChannel; guild: CachedGuild }) =>
    `#${c.name} (${g.name})`;
  const missing =
    ({ channel: c, guild: g }: { channel: CachedChannel; guild: CachedGuild }, needed: string[]) =>
    () =>
      missingPermissions(
        channelPermissions({
          guildId: g.id,
          ownerId: g.ownerId,
          memberId: cache.botId ?? '',
          memberRoles: g.botRoles,
          roles: g.roles,
          overwrites: c.overwrites,
        }),
        needed,
      );
  /** A REST call that changes or reads something for this run; Discord's refusals explained. */
  async function request<T>(
    call: (init: { signal: AbortSignal }) => Promise<unknown>,
    attempt: Parameters<typeof explainRefusal>[1],
  ): Promise<T> {
    try {
      return (await call({ signal: requestSignal() })) as T;
    } catch (error) {
      throw explainRefusal(error, attempt);
    }
  }

  return {
    botGuildCount: () => deps.totalGuilds?.() ?? cache.guildCount(),
    guilds: () =>
      [...cache.guilds()].map((g) => ({
        id: g.id,
        name: g.name,
        memberCount: g.memberCount,
        shard: g.shard,
      })),
    channels: () =>
      [...cache.guilds()].flatMap((g) =>
        [...g.channels.values()].map((c) => ({
          id: c.id,
          name: c.name,
          kind: kindOf(c),
          guildId: g.id,
          guildName: g.name,
        })),
      ),
    voiceChannels(guildId) {
      const found = guild(guildId);
      return [...found.channels.values()]
        .filter((c) => VOICE_TYPES.has(c.type))
        .sort(channelOrder(found))
        .map((c) => voiceChannelInfo(found, c));
    },
    async fetchMemberCount(guildId) {
      const found = guild(guildId);
      const query = new URLSearchParams({ with_counts: 'true' });
      const data = await request<{ approximate_member_count?: number }>(
        (init) => rest.get(Routes.guild(guildId), { query, ...init }),
        { what: `count the members of ${found.name}`, missing: () => [] },
      );
      return data.approximate_member_count ?? found.memberCount;
    },
    onlineCount: (guildId) => guild(guildId).online?.size ?? 0,
    async sendMessage(channelId, message) {
      const target = textChannel(channelId);
      const body = {
        content: message.content,
        ...(message.embed ? { embeds: [message.embed] } : {}),
        allowed_mentions: { parse: message.allowedMentions },
      };
      const sent = await request<{ id: string }>(
        (init) => rest.post(Routes.channelMessages(channelId), { body, ...init }),
        {
          what: `send a message to ${where(target)}`,
          missing: missing(target, neededToSend(message)),
        },
      );
      return { id: sent.id };
    },
    async editMessage(channelId, messageId, message) {
      const target = textChannel(channelId);
      // Every part is sent: what the new message lacks is cleared, not kept from the old one.
      const body = {
        content: message.content ?? '',
        embeds: message.embed ? [message.embed] : [],
        allowed_mentions: { parse: message.allowedMentions },
      };
      await request(
        (init) => rest.patch(Routes.channelMessage(channelId, messageId), { body, ...init }),
        {
          what: `edit message ${messageId} in ${where(target)}`,
          missing: missing(target, neededToSend(message)),
        },
      );
    },
    async deleteMessage(channelId, messageId) {
      const target = channel(channelId);
      await request((init) => rest.delete(Routes.channelMessage(channelId, messageId), init), {
        what: `delete message ${messageId} in ${where(target)}`,
        missing: missing(target, ['ViewChannel', 'ManageMessages']),
      });
    },
    async renameChannel(channelId, name) {
      const target = channel(channelId);
      const data = await request<{ name?: string }>(
        (init) => rest.patch(Routes.channel(channelId), { body: { name }, ...init }),
        {
          what: `rename ${where(target)}`,
          missing: missing(target, ['ViewChannel', 'ManageChannels']),
          limit: 'Discord allows 2 renames per channel per 10 minutes',
        },
      );
      // The cache knows the new name before the gateway says so, as discord.js's edit does.
      cache.rename(channelId, data.name ?? name);
    },
    async messages(channelId, { before, limit = 100 } = {}) {
      const target = channel(channelId);
      const query = new URLSearchParams({ limit: String(limit), ...(before ? { before } : {}) });
      const page = await request<APIMessage[]>(
        (init) => rest.get(Routes.channelMessages(channelId), { query, ...init }),
        {
          what: `read the history of ${where(target)}`,
          missing: missing(target, ['ViewChannel', 'ReadMessageHistory']),
        },
      );
      return page.map((m) => ({
        id: m.id,
        authorId: m.author.id,
        authorName: m.author.username,
        pinned: m.pinned,
        createdAt: Date.parse(m.timestamp),
      }));
    },
    async bulkDelete(channelId, messageIds) {
      const target = channel(channelId);
      await request(
        (init) =>
          rest.post(Routes.channelBulkDelete(channelId), {
            body: { messages: messageIds },
            ...init,
          }),
        {
          what: `delete ${messageIds.length} messages in ${where(target)}`,
          missing: missing(target, ['ViewChannel', 'ManageMessages']),
        },
      );
    },
    missingPermissions: (channelId, permissions) =>
      missing(channel(channelId), permissions)().map(permissionLabel),
    setPresence: (presence) => deps.presence.set(presence),
  };
}
