import { currentUserObject, userObject } from '../objects/users.js';
import { unknownUser } from './errors.js';
import type { Route } from './router.js';

/** GET /gateway, /gateway/bot, the bot's user and application, and other users. */
export const gatewayAndUserRoutes: Route[] = [
  {
    method: 'GET',
    template: '/gateway',
    public: true,
    handle: ({ gatewayUrl }) => ({ body: { url: gatewayUrl } }),
  },
  {
    method: 'GET',
    template: '/gateway/bot',
    handle: ({ world, gatewayUrl, sessionStartLimit }) => ({
      body: {
        url: gatewayUrl,
        shards: world.recommendedShards,
        session_start_limit: sessionStartLimit(),
      },
    }),
  },
  {
    method: 'GET',
    template: '/users/@me',
    handle: ({ world }) => ({ body: currentUserObject(world.bot) }),
  },
  {
    method: 'GET',
    template: '/users/@me/guilds',
    handle: ({ world, query }) => {
      const limit = Math.min(200, Math.max(1, Number(query.get('limit') ?? 200)));
      const after = BigInt(query.get('after') ?? '0');
      const withCounts = query.get('with_counts') === 'true';
      const guilds = world
        .guilds()
        .filter((g) => BigInt(g.id) > after)
        .slice(0, limit)
        .map((g) => ({
          id: g.id,
          name: g.name,
          icon: null,
          banner: null,
          owner: g.ownerId === world.bot.id,
          permissions: world.guildPermissions(g.id, world.bot.id).toString(),
          features: [...g.features],
          ...(withCounts
            ? {
                approximate_member_count: g.members.length,
                approximate_presence_count: g.presences.filter(
                  (p) => p.status !== 'offline' && p.status !== 'invisible',
                ).length,
              }
            : {}),
        }));
      return { body: guilds };
    },
  },
  {
    method: 'GET',
    template: '/users/:id',
    handle: ({ world, params }) => {
      const user = params.id ? world.user(params.id) : undefined;
      if (!user) throw unknownUser();
      return { body: userObject(user) };
    },
  },
  {
    method: 'GET',
    template: '/applications/@me',
    handle: ({ world }) => ({
      body: {
        id: world.application.id,
        name: world.application.name,
        icon: null,
        description: '',
        summary: '',
        type: null,
        bot_public: true,
        bot_require_code_grant: false,
        verify_key: '0'.repeat(64),
        flags: world.application.flags,
        team: null,
        // The emulator has no developer accounts: the first guild's owner stands in.
        owner: userObject(world.user(world.guilds()[0]?.ownerId ?? '') ?? world.bot),
        bot: userObject(world.bot),
        approximate_guild_count: world.guilds().length,
        redirect_uris: [],
        interactions_endpoint_url: null,
        install_params: { scopes: ['bot'], permissions: '0' },
      },
    }),
  },
];
