import {
  type APIMessage,
  type Client,
  type Guild,
  type GuildBasedChannel,
  type PermissionResolvable,
  Routes,
  type VoiceBasedChannel,
} from 'discord.js';
import type {
  ChannelKind,
  DiscordPort,
  OutgoingMessage,
  VoiceChannelInfo,
} from '../actions/types.js';
import { ActionError } from '../errors.js';
import { explainRefusal, permissionLabel } from './api-errors.js';
import type { PresenceKeeper } from './presence.js';

/** Discord shows channels grouped under their category, each group in position order. */
function channelOrder(a: GuildBasedChannel, b: GuildBasedChannel): number {
  const group = (c: GuildBasedChannel) => c.parent?.rawPosition ?? -1;
  const position = (c: GuildBasedChannel) => ('rawPosition' in c ? c.rawPosition : 0);
  return group(a) - group(b) || position(a) - position(b) || Number(BigInt(a.id) - BigInt(b.id));
}

function voiceChannelInfo(channel: VoiceBasedChannel): VoiceChannelInfo {
  return {
    id: channel.id,
    name: channel.name,
    members: channel.members.map((member) => ({
      id: member.id,
      username: member.user.username,
      displayName: member.displayName,
    })),
  };
}

function kindOf(channel: GuildBasedChannel): ChannelKind {
  if (channel.isVoiceBased()) return 'voice';
  if (channel.isThread()) return 'other';
  if (channel.isTextBased()) return 'text';
  return channel.type === 4 ? 'category' : 'other';
}

/** What posting or editing this message needs where it goes. */
const neededToSend = (message: OutgoingMessage): PermissionResolvable[] => [
  'ViewChannel',
  'SendMessages',
  ...(message.embed ? (['EmbedLinks'] as const) : []),
];

/** discord.js's own cache updater, which GuildChannel#edit uses; not in its public typings. */
interface ClientActions {
  actions: { ChannelUpdate: { handle(data: unknown): unknown } };
}

/** The discord.js side of the narrow port actions use, for one run: its requests carry `signal`. */
export function discordPort(
  client: Client<true>,
  presenceKeeper: PresenceKeeper,
  signal: AbortSignal,
  /** The bot's total guilds when this process runs only some shards; else the cache's. */
  totalGuilds?: () => Promise<number>,
): DiscordPort {
  // Each request gets a signal of its own that follows the run's: discord.js never removes the
  // abort listener it adds, and a purge makes hundreds of requests in one run.
  const requestSignal = () => AbortSignal.any([signal]);
  const guild = (id: string): Guild => {
    const found = client.guilds.cache.get(id);
    if (!found) throw new ActionError('unknown_guild', `The bot is no longer in guild ${id}.`);
    return found;
  };
  const channel = (id: string): GuildBasedChannel => {
    const found = client.channels.cache.get(id);
    if (!found || found.isDMBased())
      throw new ActionError('unknown_channel', `The bot no longer sees channel ${id}.`);
    return found;
  };
  const textChannel = (id: string) => {
    const found = channel(id);
    if (!found.isTextBased())
      throw new ActionError(
        'not_text_channel',
        `${where(found)} is not a channel messages can be sent to.`,
      );
    return found;
  };
  const where = (c: GuildBasedChannel) => `#${c.name} (${c.guild.name})`;
  const missing = (c: GuildBasedChannel, needed: PermissionResolvable[]) => () =>
    c.permissionsFor(client.user)?.missing(needed) ?? needed.map(String);

  return {
    botGuildCount: () => totalGuilds?.() ?? client.guilds.cache.size,
    guilds: () =>
      client.guilds.cache.map((g) => ({
        id: g.id,
        name: g.name,
        memberCount: g.memberCount,
        shard: g.shardId,
      })),
    channels: () =>
      [...client.channels.cache.values()].flatMap((c) =>
        c.isDMBased()
          ? []
          : [
              {
                id: c.id,
                name: c.name,
                kind: kindOf(c),
                guildId: c.guildId,
                guildName: c.guild.name,
              },
            ],
      ),
    voiceChannels: (guildId) =>
      [...guild(guildId).channels.cache.values()]
        .filter((c): c is VoiceBasedChannel => c.isVoiceBased())
        .sort(channelOrder)
        .map(voiceChannelInfo),
    async fetchMemberCount(guildId) {
      const query = new URLSearchParams({ with_counts: 'true' });
      try {
        const data = (await client.rest.get(Routes.guild(guildId), {
          query,
          signal: requestSignal(),
        })) as {
          approximate_member_count?: number;
        };
        return data.approximate_member_count ?? guild(guildId).memberCount;
      } catch (error) {
        throw explainRefusal(error, {
          what: `count the members of ${guild(guildId).name}`,
          missing: () => [],
        });
      }
    },
    onlineCount: (guildId) =>
      guild(guildId).presences.cache.filter((p) => p.status !== 'offline').size,
    async sendMessage(channelId, message) {
      const target = textChannel(channelId);
      const body = {
        content: message.content,
        ...(message.embed ? { embeds: [message.embed] } : {}),
        allowed_mentions: { parse: message.allowedMentions },
      };
      try {
        const sent = (await client.rest.post(Routes.channelMessages(channelId), {
          body,
          signal: requestSignal(),
        })) as {
          id: string;
        };
        return { id: sent.id };
      } catch (error) {
        throw explainRefusal(error, {
          what: `send a message to ${where(target)}`,
          missing: missing(target, neededToSend(message)),
        });
      }
    },
    async editMessage(channelId, messageId, message) {
      const target = textChannel(channelId);
      // Every part is sent: what the new message lacks is cleared, not kept from the old one.
      const body = {
        content: message.content ?? '',
        embeds: message.embed ? [message.embed] : [],
        allowed_mentions: { parse: message.allowedMentions },
      };
      try {
        await client.rest.patch(Routes.channelMessage(channelId, messageId), {
          body,
          signal: requestSignal(),
        });
      } catch (error) {
        throw explainRefusal(error, {
          what: `edit message ${messageId} in ${where(target)}`,
          missing: missing(target, neededToSend(message)),
        });
      }
    },
    async deleteMessage(channelId, messageId) {
      const target = channel(channelId);
      try {
        await client.rest.delete(Routes.channelMessage(channelId, messageId), {
          signal: requestSignal(),
        });
      } catch (error) {
        throw explainRefusal(error, {
          what: `delete message ${messageId} in ${where(target)}`,
          missing: missing(target, ['ViewChannel', 'ManageMessages']),
        });
      }
    },
    async renameChannel(channelId, name) {
      const target = channel(channelId);
      try {
        const data = await client.rest.patch(Routes.channel(channelId), {
          body: { name },
          signal: requestSignal(),
        });
        // As GuildChannel#edit does: the cache knows the new name before the gateway says so.
        (client as unknown as ClientActions).actions.ChannelUpdate.handle(data);
      } catch (error) {
        throw explainRefusal(error, {
          what: `rename ${where(target)}`,
          missing: missing(target, ['ViewChannel', 'ManageChannels']),
          limit: 'Discord allows 2 renames per channel per 10 minutes',
        });
      }
    },
    async messages(channelId, { before, limit = 100 } = {}) {
      const target = channel(channelId);
      const query = new URLSearchParams({ limit: String(limit), ...(before ? { before } : {}) });
      try {
        const page = (await client.rest.get(Routes.channelMessages(channelId), {
          query,
          signal: requestSignal(),
        })) as APIMessage[];
        return page.map((m) => ({
          id: m.id,
          authorId: m.author.id,
          authorName: m.author.username,
          pinned: m.pinned,
          createdAt: Date.parse(m.timestamp),
        }));
      } catch (error) {
        throw explainRefusal(error, {
          what: `read the history of ${where(target)}`,
          missing: missing(target, ['ViewChannel', 'ReadMessageHistory']),
        });
      }
    },
    async bulkDelete(channelId, messageIds) {
      const target = channel(channelId);
      try {
        await client.rest.post(Routes.channelBulkDelete(channelId), {
          body: { messages: messageIds },
          signal: requestSignal(),
        });
      } catch (error) {
        throw explainRefusal(error, {
          what: `delete ${messageIds.length} messages in ${where(target)}`,
          missing: missing(target, ['ViewChannel', 'ManageMessages']),
        });
      }
    },
    missingPermissions: (channelId, permissions) =>
      missing(channel(channelId), permissions as PermissionResolvable[])().map(permissionLabel),
    setPresence: (presence) => presenceKeeper.set(presence),
  };
}
