/**
 * A member's permissions in a guild channel, from plain data, as discord.js 14's
 * `GuildChannel#permissionsFor(member)` computes them from its cache: discloop's own cache can
 * then answer what actions ask without discord.js's structures.
 */
import { PERMISSION_BITS, type PermissionName } from './permissions.js';

/** A channel's permission overwrite, as Discord sends it (allow and deny parsed). */
export interface PermissionOverwrite {
  /** A role id (type 0) or a user id (type 1). The id alone decides whom it applies to. */
  id: string;
  type: 0 | 1;
  allow: bigint;
  deny: bigint;
}

export interface ChannelPermissionInput {
  guildId: string;
  ownerId: string;
  memberId: string;
  /** The member's role ids, as Discord sends them (without @everyone). */
  memberRoles: readonly string[];
  /** Role id → permissions for the guild's roles; @everyone has the guild's id. */
  roles: ReadonlyMap<string, bigint>;
  overwrites: readonly PermissionOverwrite[];
}

/** Every bit discloop knows: what the owner and administrators have (discord.js's `All`). */
export const ALL_PERMISSIONS = Object.values(PERMISSION_BITS).reduce((all, bit) => all | bit, 0n);

/**
 * Discord's documented order: the owner and Administrator get every bit; otherwise @everyone
 * and the member's roles, then the @everyone overwrite, the member's roles' overwrites
 * together, the member's own overwrite (each: deny, then allow).
 *
 * As discord.js does, and unlike Discord itself, no implicit denial follows: without
 * ViewChannel the other bits stay (callers that need ViewChannel ask for it). A member role
 * missing from `roles` counts for nothing, its overwrite included (discord.js drops roles its
 * cache lacks); @everyone missing from `roles` counts as no permissions (discord.js throws).
 */
export function channelPermissions(input: ChannelPermissionInput): bigint {
  const { guildId, memberId, roles } = input;
  if (memberId === input.ownerId) return ALL_PERMISSIONS;

  const memberRoles = new Set(input.memberRoles.filter((id) => id !== guildId && roles.has(id)));
  let permissions = roles.get(guildId) ?? 0n;
  for (const id of memberRoles) permissions |= roles.get(id) ?? 0n;
  if (permissions & PERMISSION_BITS.Administrator) return ALL_PERMISSIONS;

  // One overwrite an id, the last if Discord ever sent two (discord.js keys its cache by id).
  const overwriteOf = new Map(input.overwrites.map((overwrite) => [overwrite.id, overwrite]));
  const ofRoles = { allow: 0n, deny: 0n };
  for (const id of memberRoles) {
    ofRoles.allow |= overwriteOf.get(id)?.allow ?? 0n;
    ofRoles.deny |= overwriteOf.get(id)?.deny ?? 0n;
  }
  for (const overwrite of [overwriteOf.get(guildId), ofRoles, overwriteOf.get(memberId)]) {
    if (overwrite) permissions = (permissions & ~overwrite.deny) | overwrite.allow;
  }
  return permissions;
}

/**
 * The needed permissions `have` lacks, in bit order and each once, as discord.js's
 * `PermissionsBitField#missing` lists them; none when `have` includes Administrator.
 * A name that is not a PERMISSION_BITS key is a bug in the caller: it throws, whatever `have`
 * is (discord.js does not look at the names when Administrator is in).
 */
export function missingPermissions(have: bigint, needed: readonly string[]): string[] {
  const wanted = needed.reduce((all, name) => all | bitOf(name), 0n);
  if (have & PERMISSION_BITS.Administrator) return [];
  return (Object.keys(PERMISSION_BITS) as PermissionName[]).filter(
    (name) => wanted & PERMISSION_BITS[name] && !(have & PERMISSION_BITS[name]),
  );
}

function bitOf(name: string): bigint {
  if (!Object.hasOwn(PERMISSION_BITS, name)) throw new Error(`unknown permission "${name}"`);
  return PERMISSION_BITS[name as PermissionName];
}
