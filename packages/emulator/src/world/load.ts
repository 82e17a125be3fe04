import type { TimelineEntry } from '../timeline.js';
import {
  anyValue,
  array,
  boolean,
  type Check,
  integer,
  isoDate,
  nullable,
  object,
  oneOf,
  permissionString,
  snowflakeId,
  string,
  tagged,
} from './checker.js';
import { DEFAULT_BOT } from './default-world.js';
import type { WorldSpec } from './spec.js';

/** A world or timeline that does not hold together; `issues` lists every problem with its path. */
export class WorldSpecError extends Error {
  constructor(readonly issues: string[]) {
    super(`invalid emulator world:\n  - ${issues.join('\n  - ')}`);
    this.name = 'WorldSpecError';
  }
}

const activity = object({
  type: integer({ min: 0, max: 5 }),
  name: string(),
  'state?': nullable(string()),
  'url?': nullable(string()),
});
const status = oneOf('online', 'idle', 'dnd', 'offline', 'invisible');

const guild = object({
  id: snowflakeId,
  name: string({ min: 2, max: 100 }),
  'ownerId?': snowflakeId,
  'joinedAt?': isoDate,
  'features?': array(string()),
  'systemChannelId?': nullable(snowflakeId),
  'unavailable?': boolean,
  'roles?': array(
    object({
      id: snowflakeId,
      name: string({ min: 1, max: 100 }),
      permissions: permissionString,
      'position?': integer({ min: 0 }),
      'color?': integer({ min: 0 }),
      'hoist?': boolean,
      'mentionable?': boolean,
      'managed?': boolean,
    }),
  ),
  'channels?': array(
    object({
      id: snowflakeId,
      type: oneOf(0, 2, 4, 5, 13),
      name: string({ min: 1, max: 100 }),
      'position?': integer({ min: 0 }),
      'parentId?': nullable(snowflakeId),
      'topic?': nullable(string({ max: 1024 })),
      'nsfw?': boolean,
      'bitrate?': integer({ min: 8000 }),
      'userLimit?': integer({ min: 0, max: 99 }),
      'rtcRegion?': nullable(string()),
      'permissionOverwrites?': array(
        object({
          id: snowflakeId,
          type: oneOf(0, 1),
          'allow?': permissionString,
          'deny?': permissionString,
        }),
      ),
      'messages?': array(
        object({
          'id?': snowflakeId,
          'ageMs?': integer({ min: 0 }),
          authorId: snowflakeId,
          'content?': string({ min: 1, max: 2000 }),
          'pinned?': boolean,
        }),
      ),
    }),
  ),
  'members?': array(
    object({
      id: snowflakeId,
      username: string({ min: 2, max: 32 }),
      'globalName?': nullable(string({ min: 1, max: 32 })),
      'bot?': boolean,
      'nick?': nullable(string({ min: 1, max: 32 })),
      'roles?': array(snowflakeId),
      'joinedAt?': isoDate,
    }),
  ),
  'voiceStates?': array(
    object({
      userId: snowflakeId,
      channelId: snowflakeId,
      'selfMute?': boolean,
      'selfDeaf?': boolean,
    }),
  ),
  'presences?': array(object({ userId: snowflakeId, status, 'activities?': array(activity) })),
});

const shard = { 'shard?': integer({ min: 0 }) };
const rateLimitStorm = {
  'route?': string({ min: 1 }),
  retryAfterMs: integer({ min: 0 }),
  'global?': boolean,
  'scope?': oneOf('user', 'shared'),
};
const timelineEvent = tagged({
  voiceJoin: object({ type: anyValue, userId: snowflakeId, channelId: snowflakeId }),
  voiceMove: object({ type: anyValue, userId: snowflakeId, channelId: snowflakeId }),
  voiceLeave: object({ type: anyValue, userId: snowflakeId, guildId: snowflakeId }),
  memberAdd: object({
    type: anyValue,
    guildId: snowflakeId,
    user: object({
      'id?': snowflakeId,
      username: string({ min: 2, max: 32 }),
      'globalName?': nullable(string()),
      'nick?': nullable(string()),
      'roles?': array(snowflakeId),
      'bot?': boolean,
    }),
  }),
  memberRemove: object({ type: anyValue, guildId: snowflakeId, userId: snowflakeId }),
  presenceUpdate: object({
    type: anyValue,
    userId: snowflakeId,
    status,
    'activities?': array(activity),
  }),
  reconnect: object({ type: anyValue, ...shard }),
  dropSocket: object({ type: anyValue, ...shard }),
  invalidSession: object({ type: anyValue, resumable: boolean, ...shard }),
  stopHeartbeatAcks: object({ type: anyValue, ...shard }),
  requestHeartbeat: object({ type: anyValue, ...shard }),
  rateLimit: object({ type: anyValue, ...rateLimitStorm, count: integer({ min: 1 }) }),
  rateLimitStorm: object({ type: anyValue, ...rateLimitStorm }),
  endRateLimitStorm: object({ type: anyValue, 'route?': string({ min: 1 }) }),
  setRestGlobalLimit: object({ type: anyValue, perSecond: nullable(integer({ min: 1 })) }),
  gatewayOutage: object({
    type: anyValue,
    'durationMs?': integer({ min: 1 }),
    'refuse?': oneOf('unavailable', 'reset'),
  }),
  endGatewayOutage: object({ type: anyValue }),
  closeGateway: object({ type: anyValue, code: integer({ min: 4000, max: 4999 }), ...shard }),
});
const timeline = array(
  object({
    at: integer({ min: 0 }),
    'every?': integer({ min: 1 }),
    'times?': integer({ min: 1 }),
    event: timelineEvent,
  }),
);

const world = object({
  'application?': object({
    'id?': snowflakeId,
    'name?': string({ min: 1 }),
    'flags?': integer({ min: 0 }),
    'privilegedIntents?': array(oneOf('GuildMembers', 'GuildPresences', 'MessageContent')),
  }),
  'bot?': object({
    id: snowflakeId,
    username: string({ min: 2, max: 32 }),
    'globalName?': nullable(string()),
    token: string({ min: 1 }),
  }),
  'shards?': integer({ min: 1 }),
  'maxConcurrency?': integer({ min: 1 }),
  guilds: array(guild),
  'timeline?': timeline,
});

function run<T>(check: Check, value: unknown, path: string): T {
  const issues: string[] = [];
  check(value, path, issues);
  if (issues.length > 0) throw new WorldSpecError(issues);
  return value as T;
}

/** Validates a world given as data (a parsed JSON file) and returns it typed; throws `WorldSpecError`. */
export function loadWorld(json: unknown): WorldSpec {
  const spec = run<WorldSpec>(world, json, '');
  checkWorld(spec);
  return structuredClone(spec);
}

/** Validates a timeline given as data: an array of `{ at, every?, times?, event }`. */
export function loadTimeline(json: unknown): TimelineEntry[] {
  return structuredClone(run<TimelineEntry[]>(timeline, json, 'timeline'));
}

/** The cross-references a shape check cannot see: ids that must exist, be unique, or agree. */
export function checkWorld(spec: WorldSpec): void {
  const issues: string[] = [];
  const seen = new Map<string, string>();
  const unique = (id: string, path: string) => {
    const first = seen.get(id);
    if (first) issues.push(`${path}: id ${id} is already used at ${first}`);
    else seen.set(id, path);
  };
  const usernames = new Map<string, string>();

  spec.guilds.forEach((g, gi) => {
    const at = `guilds[${gi}]`;
    unique(g.id, `${at}.id`);
    const roleIds = new Set([g.id, ...(g.roles ?? []).map((r) => r.id)]);
    const channels = new Map((g.channels ?? []).map((c) => [c.id, c]));
    const memberIds = new Set((g.members ?? []).map((m) => m.id));
    // The bot is a member of every guild, added when not listed.
    memberIds.add(spec.bot?.id ?? DEFAULT_BOT.id);

    (g.roles ?? []).forEach((r, i) => {
      if (r.id !== g.id) unique(r.id, `${at}.roles[${i}].id`);
    });
    (g.channels ?? []).forEach((c, i) => {
      unique(c.id, `${at}.channels[${i}].id`);
      const parent = c.parentId ? channels.get(c.parentId) : undefined;
      if (c.parentId && parent?.type !== 4) {
        issues.push(`${at}.channels[${i}].parentId: ${c.parentId} is not a category of this guild`);
      }
      (c.permissionOverwrites ?? []).forEach((o, oi) => {
        if (o.type === 0 && !roleIds.has(o.id)) {
          issues.push(`${at}.channels[${i}].permissionOverwrites[${oi}].id: unknown role ${o.id}`);
        }
      });
      if (c.messages && c.type === 4)
        issues.push(`${at}.channels[${i}].messages: a category has no messages`);
      (c.messages ?? []).forEach((m, mi) => {
        const path = `${at}.channels[${i}].messages[${mi}]`;
        if (m.id !== undefined) unique(m.id, `${path}.id`);
        if (m.id !== undefined && m.ageMs !== undefined)
          issues.push(`${path}: give id or ageMs, not both`);
        if (!memberIds.has(m.authorId))
          issues.push(`${path}.authorId: ${m.authorId} is not a member`);
      });
    });
    (g.members ?? []).forEach((m, i) => {
      const known = usernames.get(m.id);
      if (known !== undefined && known !== m.username) {
        issues.push(
          `${at}.members[${i}]: user ${m.id} is "${known}" elsewhere, not "${m.username}"`,
        );
      }
      usernames.set(m.id, m.username);
      for (const role of m.roles ?? []) {
        if (!roleIds.has(role)) issues.push(`${at}.members[${i}].roles: unknown role ${role}`);
      }
    });
    if (g.ownerId && !memberIds.has(g.ownerId))
      issues.push(`${at}.ownerId: ${g.ownerId} is not a member`);
    const inVoice = new Set<string>();
    (g.voiceStates ?? []).forEach((v, i) => {
      const channel = channels.get(v.channelId);
      if (!memberIds.has(v.userId))
        issues.push(`${at}.voiceStates[${i}].userId: ${v.userId} is not a member`);
      if (channel?.type !== 2 && channel?.type !== 13) {
        issues.push(
          `${at}.voiceStates[${i}].channelId: ${v.channelId} is not a voice channel of this guild`,
        );
      }
      if (inVoice.has(v.userId))
        issues.push(`${at}.voiceStates[${i}]: ${v.userId} is already in voice`);
      inVoice.add(v.userId);
    });
    (g.presences ?? []).forEach((p, i) => {
      if (!memberIds.has(p.userId))
        issues.push(`${at}.presences[${i}].userId: ${p.userId} is not a member`);
    });
  });
  if (issues.length > 0) throw new WorldSpecError(issues);
}
