import {
  type Client,
  type Guild,
  type GuildBasedChannel,
  Routes,
  type VoiceBasedChannel,
} from 'discord.js';
import { ActionError, type DiscordPort, type VoiceChannelInfo } from '../actions/types.js';

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

/** The discord.js side of the narrow port actions use. */
export function discordPort(client: Client<true>): DiscordPort {
  const guild = (id: string): Guild => {
    const found = client.guilds.cache.get(id);
    if (!found) throw new ActionError('unknown_guild', `The bot is no longer in guild ${id}.`);
    return found;
  };
  return {
    guilds: () => client.guilds.cache.map((g) => ({ id: g.id, name: g.name })),
    voiceChannels: (guildId) =>
      [...guild(guildId).channels.cache.values()]
        .filter((channel): channel is VoiceBasedChannel => channel.isVoiceBased())
        .sort(channelOrder)
        .map(voiceChannelInfo),
    async fetchMemberCount(guildId) {
      const query = new URLSearchParams({ with_counts: 'true' });
      const data = (await client.rest.get(Routes.guild(guildId), { query })) as {
        approximate_member_count?: number;
      };
      return data.approximate_member_count ?? guild(guildId).memberCount;
    },
    onlineCount: (guildId) =>
      guild(guildId).presences.cache.filter((p) => p.status !== 'offline').size,
  };
}
