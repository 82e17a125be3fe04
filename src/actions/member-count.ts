import { mapLimit } from './map-limit.js';
import { byName } from './order.js';
import { selectGuilds } from './targets.js';
import { defineAction } from './types.js';

export interface MemberCountData {
  guilds: { id: string; name: string; members: number; online?: number }[];
}

/**
 * Member counts come from the REST API on every run, so a counter that runs for months stays
 * right without the privileged Server Members intent. The online count needs presences, which
 * is a privileged intent, so it is opt-in.
 */
export const memberCount = defineAction({
  name: 'member-count',
  summary: 'Member count per guild (online too with `online`, which needs the Presence intent)',
  options: {
    guild: { kind: 'targets', of: 'guild', description: 'only these guilds' },
    online: {
      kind: 'boolean',
      description: 'also count members who are online (needs the Presence Intent)',
    },
  },
  intents: (options) => (options.online ? ['Guilds', 'GuildPresences'] : ['Guilds']),
  acrossShards: true,
  // Counts come from REST; only online counts read presences the gateway keeps.
  waitsForGateway: (options) => options.online === true,
  permissions: [],
  async run({ discord }, options): Promise<MemberCountData> {
    const guilds = selectGuilds(discord.guilds(), options.guild).sort(
      byName((guild) => guild.name),
    );
    const counted = await mapLimit(guilds, 4, async (guild) => ({
      id: guild.id,
      name: guild.name,
      members: await discord.fetchMemberCount(guild.id),
      ...(options.online ? { online: discord.onlineCount(guild.id) } : {}),
    }));
    return { guilds: counted };
  },
  renderText({ guilds }) {
    return guilds
      .map(
        (g) =>
          `${g.name}: ${g.members} members${g.online === undefined ? '' : `, ${g.online} online`}`,
      )
      .join('\n');
  },
});
