import { channelObject } from '../objects/channels.js';
import { Permission } from '../world/permissions.js';
import { requireChannelPermissions, requireVisibleChannel } from './access.js';
import { parseChannelPatch } from './bodies.js';
import { RestError } from './errors.js';
import { rateLimited } from './rate-limits.js';
import type { Route } from './router.js';

/** Get and modify a channel (its messages: routes-messages.ts). */
export const channelRoutes: Route[] = [
  {
    method: 'GET',
    template: '/channels/:id',
    handle: ({ world, params }) => ({
      body: channelObject(requireVisibleChannel(world, params.id), true),
    }),
  },
  {
    method: 'PATCH',
    template: '/channels/:id',
    handle: ({ world, params, body, limits }) => {
      const channel = requireVisibleChannel(world, params.id);
      requireChannelPermissions(world, channel, Permission.ManageChannels);
      const patch = parseChannelPatch(body, channel, (id) => world.channel(id)?.type === 4);
      // Discord's sub-limit on renames: a 429 while the route bucket still has room.
      if (patch.name !== undefined || patch.topic !== undefined) {
        const wait = limits.renameWait(channel.id);
        if (wait > 0) {
          const { status, body, headers } = rateLimited(wait, 'user');
          throw new RestError(status, body, headers);
        }
        limits.recordRename(channel.id);
      }
      return { body: channelObject(world.updateChannel(channel.id, patch), true) };
    },
  },
];
