import { DiscordAPIError, type REST } from '@discordjs/rest';
import { Routes } from 'discord-api-types/v10';
import type { DiscordSession } from '../connection/session.js';

/** `{bot.guildCount}` asks Discord at most this often. */
const GUILD_COUNT_TTL_MS = 60_000;

/** What a process running some of the shards finds out over REST about guilds it does not hold. */
export function restLookup(rest: REST, localCount: () => number): DiscordSession['lookup'] {
  let counted: { at: number; count: Promise<number> } | undefined;
  return {
    guildCount() {
      if (!counted || Date.now() - counted.at > GUILD_COUNT_TTL_MS) {
        const count = (
          rest.get(Routes.currentApplication()) as Promise<{ approximate_guild_count?: number }>
        ).then((app) => app.approximate_guild_count ?? localCount());
        counted = { at: Date.now(), count };
        count.catch(() => {
          counted = undefined;
        });
      }
      return counted.count;
    },
    async channelGuild(channelId) {
      try {
        const channel = (await rest.get(Routes.channel(channelId))) as { guild_id?: string };
        return channel.guild_id;
      } catch (error) {
        if (error instanceof DiscordAPIError && (error.status === 404 || error.status === 403))
          return undefined;
        throw error;
      }
    },
    async guilds() {
      const all: { id: string; name: string }[] = [];
      for (let after = '0'; ; ) {
        const query = new URLSearchParams({ limit: '200', after });
        const page = (await rest.get(Routes.userGuilds(), { query })) as {
          id: string;
          name: string;
        }[];
        all.push(...page.map(({ id, name }) => ({ id, name })));
        const last = page.at(-1);
        if (page.length < 200 || !last) return all;
        after = last.id;
      }
    },
  };
}
