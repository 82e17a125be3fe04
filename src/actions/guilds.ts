import { byName } from './order.js';
import { defineAction, type GuildInfo } from './types.js';

export interface GuildsData {
  guilds: GuildInfo[];
}

/** The guilds the bot is in, with their member counts and shards. */
export const guilds = defineAction({
  name: 'guilds',
  summary: 'The guilds the bot is in, with member counts and shards',
  options: {},
  intents: () => ['Guilds'],
  acrossShards: true,
  permissions: [],
  async run({ discord }): Promise<GuildsData> {
    const list = discord.guilds().sort(byName((guild) => guild.name));
    return { guilds: list };
  },
  renderText: ({ guilds }) =>
    guilds.map((g) => `${g.name} (${g.id}): ${g.memberCount} members, shard ${g.shard}`).join('\n'),
});
