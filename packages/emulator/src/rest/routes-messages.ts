import { messageObject } from '../objects/messages.js';
import { isSnowflake, snowflakeTime } from '../snowflake.js';
import { hasPermission, Permission } from '../world/permissions.js';
import type { ChannelRecord, MessageRecord } from '../world/records.js';
import type { World } from '../world/world.js';
import { requireChannelPermissions, requireVisibleChannel } from './access.js';
import { intQuery, parseBulkDelete, parseMessageBody, parseMessageEdit } from './bodies.js';
import {
  bulkDeleteTooOld,
  cannotEditOthersMessage,
  invalidFormBody,
  nonTextChannel,
  unknownMessage,
} from './errors.js';
import type { Route } from './router.js';

/** Channel types a bot can post in: text, voice (text-in-voice), announcement, stage. */
const MESSAGEABLE = new Set([0, 2, 5, 13]);

/** Bulk delete refuses, and single deletes are limited harder for, messages older than this. */
export const BULK_DELETE_MAX_AGE_MS = 14 * 86_400_000;

/** The bucket of single deletes of messages older than 14 days (`bucketLimits` key). */
export const OLD_MESSAGE_DELETE = 'DELETE /channels/:id/messages/:messageId (old)';

const isOld = (id: string, now = Date.now()) => now - snowflakeTime(id) > BULK_DELETE_MAX_AGE_MS;

const full = (message: MessageRecord, world: World) =>
  messageObject(message, world, { gateway: false, withContent: true });

/** Without Read Message History a channel's history and pins read as empty, as on Discord. */
const canReadHistory = (world: World, channel: ChannelRecord) =>
  hasPermission(world.channelPermissions(channel.id, world.bot.id), Permission.ReadMessageHistory);

/** A message of this channel, or 404 Unknown Message (also for one deleted or elsewhere). */
function requireMessage(world: World, channel: ChannelRecord, id: string | undefined) {
  const message = id ? world.message(id) : undefined;
  if (!message || message.channelId !== channel.id) throw unknownMessage();
  return message;
}

/**
 * One page of history, newest first, as Discord pages it: `before` and `after` exclude the
 * id itself (`after` pages forward from the oldest), `around` centres on it (including it).
 */
export function historyPage(
  oldestFirst: readonly MessageRecord[],
  limit: number,
  cursor: { before?: string | null; after?: string | null; around?: string | null },
): MessageRecord[] {
  const id = (m: MessageRecord) => BigInt(m.id);
  if (cursor.around) {
    const around = BigInt(cursor.around);
    const newer = oldestFirst.filter((m) => id(m) >= around).slice(0, Math.ceil(limit / 2));
    const older = oldestFirst.filter((m) => id(m) < around).slice(-Math.floor(limit / 2) || 0);
    return [...older, ...newer].slice(-limit).reverse();
  }
  if (cursor.before) {
    const before = BigInt(cursor.before);
    return oldestFirst
      .filter((m) => id(m) < before)
      .slice(-limit)
      .reverse();
  }
  if (cursor.after) {
    const after = BigInt(cursor.after);
    return oldestFirst
      .filter((m) => id(m) > after)
      .slice(0, limit)
      .reverse();
  }
  return oldestFirst.slice(-limit).reverse();
}

/** A snowflake query parameter (any whole number, as Discord reads them), or 50035. */
function snowflakeQuery(query: URLSearchParams, name: string): string | null {
  const value = query.get(name);
  if (value === null || /^\d{1,20}$/.test(value)) return value;
  throw invalidFormBody([
    { path: name, code: 'NUMBER_TYPE_COERCE', message: `Value "${value}" is not snowflake.` },
  ]);
}

/** A channel's pinned messages, the latest pinned first. */
function pinsOf(world: World, channel: ChannelRecord): MessageRecord[] {
  return world
    .messagesIn(channel.id)
    .filter((m) => m.pinned)
    .sort(
      (a, b) =>
        (b.pinnedAt ?? '').localeCompare(a.pinnedAt ?? '') ||
        (BigInt(b.id) > BigInt(a.id) ? 1 : -1),
    );
}

/** Create, list, read, edit and delete messages; pins; bulk delete. */
export const messageRoutes: Route[] = [
  {
    method: 'POST',
    template: '/channels/:id/messages',
    handle: ({ world, params, body }) => {
      const channel = requireVisibleChannel(world, params.id);
      if (!MESSAGEABLE.has(channel.type)) throw nonTextChannel();
      requireChannelPermissions(world, channel, Permission.SendMessages);
      const message = world.createMessage(parseMessageBody(body, channel.id, world.bot.id));
      return { body: full(message, world) };
    },
  },
  {
    method: 'GET',
    template: '/channels/:id/messages',
    handle: ({ world, params, query }) => {
      const channel = requireVisibleChannel(world, params.id);
      const limit = intQuery(query, 'limit', { min: 1, max: 100, fallback: 50 });
      if (!canReadHistory(world, channel)) return { body: [] };
      const page = historyPage(world.messagesIn(channel.id), limit, {
        around: snowflakeQuery(query, 'around'),
        before: snowflakeQuery(query, 'before'),
        after: snowflakeQuery(query, 'after'),
      });
      return { body: page.map((m) => full(m, world)) };
    },
  },
  {
    method: 'GET',
    template: '/channels/:id/messages/pins',
    handle: ({ world, params, query }) => {
      const channel = requireVisibleChannel(world, params.id);
      const limit = intQuery(query, 'limit', { min: 1, max: 50, fallback: 50 });
      if (!canReadHistory(world, channel)) return { body: { items: [], has_more: false } };
      const before = query.get('before');
      const pins = pinsOf(world, channel).filter(
        (m) => before === null || Date.parse(m.pinnedAt ?? '') < Date.parse(before),
      );
      return {
        body: {
          items: pins
            .slice(0, limit)
            .map((m) => ({ pinned_at: m.pinnedAt, message: full(m, world) })),
          has_more: pins.length > limit,
        },
      };
    },
  },
  {
    method: 'GET',
    template: '/channels/:id/pins',
    handle: ({ world, params }) => {
      const channel = requireVisibleChannel(world, params.id);
      if (!canReadHistory(world, channel)) return { body: [] };
      return { body: pinsOf(world, channel).map((m) => full(m, world)) };
    },
  },
  {
    method: 'POST',
    template: '/channels/:id/messages/bulk-delete',
    handle: ({ world, params, body }) => {
      const channel = requireVisibleChannel(world, params.id);
      requireChannelPermissions(world, channel, Permission.ManageMessages);
      const ids = parseBulkDelete(body);
      const now = Date.now();
      if (ids.some((id) => isOld(id, now))) throw bulkDeleteTooOld();
      world.deleteMessages(channel.id, ids, true);
      return { status: 204, body: null };
    },
  },
  {
    method: 'GET',
    template: '/channels/:id/messages/:messageId',
    handle: ({ world, params }) => {
      const channel = requireVisibleChannel(world, params.id);
      requireChannelPermissions(world, channel, Permission.ReadMessageHistory);
      return { body: full(requireMessage(world, channel, params.messageId), world) };
    },
  },
  {
    method: 'PATCH',
    template: '/channels/:id/messages/:messageId',
    handle: ({ world, params, body }) => {
      const channel = requireVisibleChannel(world, params.id);
      const message = requireMessage(world, channel, params.messageId);
      if (message.authorId !== world.bot.id) throw cannotEditOthersMessage();
      return { body: full(world.editMessage(message.id, parseMessageEdit(body, message)), world) };
    },
  },
  {
    method: 'DELETE',
    template: '/channels/:id/messages/:messageId',
    bucket: ({ messageId }) =>
      messageId && isSnowflake(messageId) && isOld(messageId) ? OLD_MESSAGE_DELETE : undefined,
    handle: ({ world, params }) => {
      const channel = requireVisibleChannel(world, params.id);
      const message = requireMessage(world, channel, params.messageId);
      // Deleting your own message needs no permission; someone else's needs Manage Messages.
      if (message.authorId !== world.bot.id)
        requireChannelPermissions(world, channel, Permission.ManageMessages);
      world.deleteMessages(channel.id, [message.id]);
      return { status: 204, body: null };
    },
  },
];
