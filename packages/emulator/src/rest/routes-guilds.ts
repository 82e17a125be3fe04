import { channelObject, voiceStateObject } from '../objects/channels.js';
import { guildObject, roleObject } from '../objects/guilds.js';
import { memberObject } from '../objects/users.js';
import { requireGuild } from './access.js';
import { missingAccess, unknownMember, unknownVoiceState } from './errors.js';
import type { Route } from './router.js';

const isOnline = (status: string) => status !== 'offline' && status !== 'invisible';

/** Guild, its channels, roles, members and voice states. */
export const guildRoutes: Route[] = [
  {
    method: 'GET',
    template: '/guilds/:id',
    handle: ({ world, params, query }) => {
      const guild = requireGuild(world, params.id);
      const counts =
        query.get('with_counts') === 'true'
          ? {
              approximate_member_count: guild.members.length,
              approximate_presence_count: guild.presences.filter((p) => isOnline(p.status)).length,
            }
          : {};
      return { body: { ...guildObject(guild, world.bot.id), ...counts } };
    },
  },
  {
    method: 'GET',
    template: '/guilds/:id/channels',
    handle: ({ world, params }) => ({
      body: requireGuild(world, params.id).channels.map((c) => channelObject(c, true)),
    }),
  },
  {
    method: 'GET',
    template: '/guilds/:id/roles',
    handle: ({ world, params }) => ({
      body: requireGuild(world, params.id).roles.map((r) => roleObject(r, world.bot.id)),
    }),
  },
  {
    // List Guild Members needs the GUILD_MEMBERS intent switched on for the application.
    method: 'GET',
    template: '/guilds/:id/members',
    handle: ({ world, params, query }) => {
      const guild = requireGuild(world, params.id);
      if (!world.application.privilegedIntents.includes('GuildMembers')) throw missingAccess();
      const limit = Math.min(1000, Math.max(1, Number(query.get('limit') ?? 1)));
      const after = BigInt(query.get('after') ?? '0');
      const members = [...guild.members]
        .sort((a, b) => (BigInt(a.userId) < BigInt(b.userId) ? -1 : 1))
        .filter((m) => BigInt(m.userId) > after)
        .slice(0, limit)
        .flatMap((m) => {
          const user = world.user(m.userId);
          return user ? [memberObject(m, user)] : [];
        });
      return { body: members };
    },
  },
  {
    method: 'GET',
    template: '/guilds/:id/members/:userId',
    handle: ({ world, params }) => {
      const guild = requireGuild(world, params.id);
      const member = guild.members.find((m) => m.userId === params.userId);
      const user = member && world.user(member.userId);
      if (!member || !user) throw unknownMember();
      return { body: memberObject(member, user) };
    },
  },
  {
    method: 'GET',
    template: '/guilds/:id/voice-states/:userId',
    handle: ({ world, params }) => {
      const guild = requireGuild(world, params.id);
      const userId = params.userId === '@me' ? world.bot.id : params.userId;
      const state = guild.voiceStates.find((v) => v.userId === userId);
      if (!state) throw unknownVoiceState();
      return { body: voiceStateObject(state, { guildId: guild.id }) };
    },
  },
];
