import { ActionError, type GuildInfo } from './types.js';

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
