import { ActionError } from '../errors.js';
import type { ChannelInfo, ChannelKind, DiscordPort, GuildInfo } from './types.js';

/**
 * Picks the guilds a `guild:` option names, by id or exact name. A name shared by two guilds
 * or matching none is an error of this run, not a crash: the message lists what exists.
 */
export function selectGuilds(all: GuildInfo[], refs: string[] | undefined): GuildInfo[] {
  if (!refs || refs.length === 0) return all;
  return refs.map((ref) => {
    const byId = all.find((guild) => guild.id === ref);
    if (byId) return byId;
    const named = all.filter((guild) => guild.name === ref);
    if (named.length === 1 && named[0]) return named[0];
    if (named.length > 1) {
      const ids = named.map((guild) => guild.id).join(', ');
      throw new ActionError(
        'ambiguous_guild',
        `${named.length} guilds are named "${ref}" (${ids}): use an id.`,
      );
    }
    const known = all.map((guild) => `"${guild.name}"`).join(', ') || 'none';
    throw new ActionError(
      'unknown_guild',
      `The bot is in no guild named or with id "${ref}" (it is in: ${known}).`,
    );
  });
}

const describeChannel = (c: ChannelInfo) => `#${c.name} in ${c.guildName} (${c.id})`;

/**
 * The one channel a `channel:` option names: an id, or a name (a leading # is fine), within
 * `guildRef` when given. A name found in two guilds is an error that lists both with their ids.
 */
export function selectChannel(
  all: ChannelInfo[],
  guilds: GuildInfo[],
  ref: string,
  kinds: ChannelKind[],
  guildRef?: string,
): ChannelInfo {
  const byId = all.find((channel) => channel.id === ref);
  if (byId) return byId;
  const guild = guildRef === undefined ? undefined : selectGuilds(guilds, [guildRef])[0];
  const name = ref.replace(/^#/, '');
  const named = all.filter(
    (c) => kinds.includes(c.kind) && (!guild || c.guildId === guild.id) && c.name === name,
  );
  const [only, ...others] = named;
  if (only && others.length === 0) return only;
  if (only) {
    throw new ActionError(
      'ambiguous_channel',
      `${named.length} channels are named "${name}": ${named.map(describeChannel).join(', ')}. Use an id, or set guild.`,
    );
  }
  const where = guild ? ` in ${guild.name}` : '';
  throw new ActionError(
    'unknown_channel',
    `No ${kinds.join(' or ')} channel named or with id "${ref}"${where}.`,
  );
}

/** The channel a message goes to (text, or a voice channel's chat), and its guild. */
export function messageChannel(
  discord: DiscordPort,
  ref: string,
  guildRef?: string,
): { channel: ChannelInfo; guild: GuildInfo | undefined } {
  const guilds = discord.guilds();
  const channel = selectChannel(discord.channels(), guilds, ref, ['text', 'voice'], guildRef);
  return { channel, guild: guilds.find((g) => g.id === channel.guildId) };
}

/** The `guild:` option of an action that acts on one channel given by id or name. */
export const CHANNEL_GUILD = {
  kind: 'target',
  of: 'guild',
  description: "the channel's guild, when its name is in several",
} as const;
