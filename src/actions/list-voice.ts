import { ActionError } from '../errors.js';
import { byName } from './order.js';
import { selectGuilds } from './targets.js';
import { defineAction, type MemberInfo, type VoiceChannelInfo } from './types.js';

export interface ListVoiceData {
  guilds: { id: string; name: string; channels: VoiceChannelInfo[] }[];
}

const byDisplayName = byName((member: MemberInfo) => member.displayName);

/** The seed's loop: who sits in which voice channel, per guild. */
export const listVoice = defineAction({
  name: 'list-voice',
  summary: 'Members in voice channels, per guild and channel',
  options: {
    guild: { kind: 'targets', of: 'guild', description: 'only these guilds' },
    channel: {
      kind: 'targets',
      of: 'channel',
      description: 'only these voice channels',
    },
    includeEmpty: { kind: 'boolean', description: 'also list voice channels nobody is in' },
  },
  intents: () => ['Guilds', 'GuildVoiceStates'],
  acrossShards: true,
  permissions: [],
  async run({ discord }, options): Promise<ListVoiceData> {
    const guilds = selectGuilds(discord.guilds(), options.guild);
    const wanted = options.channel;
    const matched = new Set<string>();
    const result = guilds.map((guild) => {
      const channels = discord
        .voiceChannels(guild.id)
        .filter((channel) => {
          const ref = wanted?.find((r) => r === channel.id || r === channel.name);
          if (ref !== undefined) matched.add(ref);
          return wanted === undefined || ref !== undefined;
        })
        .filter((channel) => options.includeEmpty || channel.members.length > 0)
        .map((channel) => ({ ...channel, members: [...channel.members].sort(byDisplayName) }));
      return { id: guild.id, name: guild.name, channels };
    });
    const missing = wanted?.filter((ref) => !matched.has(ref)) ?? [];
    if (missing.length > 0) {
      throw new ActionError(
        'unknown_channel',
        `No voice channel named or with id "${missing.join('", "')}".`,
      );
    }
    return { guilds: result };
  },
  renderText({ guilds }) {
    const lines: string[] = [];
    for (const guild of guilds) {
      lines.push(guild.name);
      for (const channel of guild.channels) {
        if (channel.members.length === 0) lines.push(`\t(empty) (${channel.name})`);
        for (const member of channel.members)
          lines.push(`\t${member.displayName} (${channel.name})`);
      }
    }
    return lines.join('\n');
  },
});
