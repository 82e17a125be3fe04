import type { GuildRecord } from './records.js';

export interface ResolvedMentions {
  userIds: string[];
  roleIds: string[];
  everyone: boolean;
}

interface AllowedMentions {
  parse?: unknown;
  users?: unknown;
  roles?: unknown;
}

/**
 * Which mentions in `content` actually ping, once `allowed_mentions` is applied as Discord
 * documents: no `allowed_mentions` parses everything; otherwise only the listed types or ids.
 * @everyone also needs MENTION_EVERYONE, a role mention needs a mentionable role or that same
 * permission.
 */
export function resolveMentions(
  content: string,
  allowedMentions: unknown,
  guild: GuildRecord,
  canMentionEveryone: boolean,
): ResolvedMentions {
  const allowed = isObject(allowedMentions) ? (allowedMentions as AllowedMentions) : null;
  const parse = Array.isArray(allowed?.parse) ? (allowed.parse as unknown[]) : [];
  const listedUsers = Array.isArray(allowed?.users) ? (allowed.users as unknown[]) : [];
  const listedRoles = Array.isArray(allowed?.roles) ? (allowed.roles as unknown[]) : [];
  const userAllowed = (id: string) =>
    !allowed || parse.includes('users') || listedUsers.includes(id);
  const roleAllowed = (id: string) =>
    !allowed || parse.includes('roles') || listedRoles.includes(id);

  const userIds = unique(matchAll(content, /<@!?(\d{17,20})>/g)).filter(
    (id) => userAllowed(id) && guild.members.some((m) => m.userId === id),
  );
  const roleIds = unique(matchAll(content, /<@&(\d{17,20})>/g)).filter((id) => {
    const role = guild.roles.find((r) => r.id === id);
    return role !== undefined && roleAllowed(id) && (role.mentionable || canMentionEveryone);
  });
  const everyone =
    /@(everyone|here)\b/.test(content) &&
    (!allowed || parse.includes('everyone')) &&
    canMentionEveryone;
  return { userIds, roleIds, everyone };
}

function matchAll(content: string, pattern: RegExp): string[] {
  return [...content.matchAll(pattern)].map((m) => m[1] ?? '').filter(Boolean);
}

function unique(ids: string[]): string[] {
  return [...new Set(ids)];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
