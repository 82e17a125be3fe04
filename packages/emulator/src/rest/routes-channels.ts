import { channelObject } from '../objects/channels.js';
import { messageObject } from '../objects/messages.js';
import { Permission } from '../world/permissions.js';
import { requireChannelPermissions, requireVisibleChannel } from './access.js';
import { parseChannelPatch, parseMessageBody } from './bodies.js';
import { nonTextChannel, RestError, unknownMessage } from './errors.js';
import { rateLimited } from './rate-limits.js';
import type { Route } from './router.js';

/** Channel types a bot can post in: text, voice (text-in-voice), announcement, stage. */
const MESSAGEABLE = new Set([0, 2, 5, 13]);

/** Get/modify a channel, and create/list its messages. */
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
  {
    method: 'POST',
    template: '/channels/:id/messages',
    handle: ({ world, params, body }) => {
      const channel = requireVisibleChannel(world, params.id);
      if (!MESSAGEABLE.has(channel.type)) throw nonTextChannel();
      requireChannelPermissions(world, channel, Permission.SendMessages);
      const message = world.createMessage(parseMessageBody(body, channel.id, world.bot.id));
      return { body: messageObject(message, world, { gateway: false, withContent: true }) };
    },
  },
  {
    method: 'GET',
    template: '/channels/:id/messages',
    handle: ({ world, params, query }) => {
      const channel = requireVisibleChannel(world, params.id);
      requireChannelPermissions(world, channel, Permission.ReadMessageHistory);
      const limit = Math.min(100, Math.max(1, Number(query.get('limit') ?? 50)));
      const before = query.get('before');
      const after = query.get('after');
      let messages = world.messagesIn(channel.id);
      if (before) messages = messages.filter((m) => BigInt(m.id) < BigInt(before));
      if (after) messages = messages.filter((m) => BigInt(m.id) > BigInt(after));
      // Newest first, as Discord lists them; `after` pages forward from the oldest.
      const page = after ? messages.slice(0, limit) : messages.slice(-limit);
      return {
        body: page
          .reverse()
          .map((m) => messageObject(m, world, { gateway: false, withContent: true })),
      };
    },
  },
  {
    method: 'GET',
    template: '/channels/:id/messages/:messageId',
    handle: ({ world, params }) => {
      const channel = requireVisibleChannel(world, params.id);
      requireChannelPermissions(world, channel, Permission.ReadMessageHistory);
      const message = world.message(params.messageId ?? '');
      if (!message || message.channelId !== channel.id) throw unknownMessage();
      return { body: messageObject(message, world, { gateway: false, withContent: true }) };
    },
  },
];
