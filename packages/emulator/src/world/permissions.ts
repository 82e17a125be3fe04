/** Discord permission bits (https://discord.com/developers/docs/topics/permissions). */
export const Permission = {
  CreateInstantInvite: 1n << 0n,
  KickMembers: 1n << 1n,
  BanMembers: 1n << 2n,
  Administrator: 1n << 3n,
  ManageChannels: 1n << 4n,
  ManageGuild: 1n << 5n,
  AddReactions: 1n << 6n,
  ViewAuditLog: 1n << 7n,
  PrioritySpeaker: 1n << 8n,
  Stream: 1n << 9n,
  ViewChannel: 1n << 10n,
  SendMessages: 1n << 11n,
  SendTTSMessages: 1n << 12n,
  ManageMessages: 1n << 13n,
  EmbedLinks: 1n << 14n,
  AttachFiles: 1n << 15n,
  ReadMessageHistory: 1n << 16n,
  MentionEveryone: 1n << 17n,
  UseExternalEmojis: 1n << 18n,
  ViewGuildInsights: 1n << 19n,
  Connect: 1n << 20n,
  Speak: 1n << 21n,
  MuteMembers: 1n << 22n,
  DeafenMembers: 1n << 23n,
  MoveMembers: 1n << 24n,
  UseVAD: 1n << 25n,
  ChangeNickname: 1n << 26n,
  ManageNicknames: 1n << 27n,
  ManageRoles: 1n << 28n,
  ManageWebhooks: 1n << 29n,
  ManageGuildExpressions: 1n << 30n,
  UseApplicationCommands: 1n << 31n,
  RequestToSpeak: 1n << 32n,
  ManageEvents: 1n << 33n,
  ManageThreads: 1n << 34n,
  CreatePublicThreads: 1n << 35n,
  CreatePrivateThreads: 1n << 36n,
  UseExternalStickers: 1n << 37n,
  SendMessagesInThreads: 1n << 38n,
  UseEmbeddedActivities: 1n << 39n,
  ModerateMembers: 1n << 40n,
} as const;

export type PermissionName = keyof typeof Permission;

/** Every permission bit the emulator knows: what the owner and administrators get. */
export const ALL_PERMISSIONS = Object.values(Permission).reduce((all, bit) => all | bit, 0n);

/** What a fresh guild's @everyone role allows, roughly as Discord sets it up. */
export const DEFAULT_EVERYONE_PERMISSIONS = permissionBits(
  'CreateInstantInvite',
  'AddReactions',
  'Stream',
  'ViewChannel',
  'SendMessages',
  'EmbedLinks',
  'AttachFiles',
  'ReadMessageHistory',
  'UseExternalEmojis',
  'Connect',
  'Speak',
  'UseVAD',
  'ChangeNickname',
  'UseApplicationCommands',
  'RequestToSpeak',
  'CreatePublicThreads',
  'SendMessagesInThreads',
);

/** The bot's managed role in the emulator's worlds: what discloop's built-in actions need. */
export const DEFAULT_BOT_PERMISSIONS = permissionBits(
  'ViewChannel',
  'SendMessages',
  'EmbedLinks',
  'ReadMessageHistory',
  'ManageChannels',
  'Connect',
);

export function permissionBits(...names: PermissionName[]): bigint {
  return names.reduce((all, name) => all | Permission[name], 0n);
}

export interface PermissionSubject {
  guildId: string;
  ownerId: string;
  /** Role id → permissions, including @everyone (whose id is the guild id). */
  rolePermissions: ReadonlyMap<string, bigint>;
  /** The member's role ids, without @everyone. */
  memberRoles: readonly string[];
  userId: string;
}

export interface Overwrite {
  id: string;
  type: 0 | 1;
  allow: bigint;
  deny: bigint;
}

/** Guild-level permissions: @everyone OR the member's roles; owner and ADMINISTRATOR get all. */
export function basePermissions(subject: PermissionSubject): bigint {
  if (subject.userId === subject.ownerId) return ALL_PERMISSIONS;
  let permissions = subject.rolePermissions.get(subject.guildId) ?? 0n;
  for (const roleId of subject.memberRoles) {
    permissions |= subject.rolePermissions.get(roleId) ?? 0n;
  }
  if (permissions & Permission.Administrator) return ALL_PERMISSIONS;
  return permissions;
}

/**
 * Channel permissions as Discord documents: base, then the @everyone overwrite, then all
 * role overwrites together (deny first, then allow), then the member's own overwrite.
 * Without VIEW_CHANNEL nothing else applies.
 */
export function channelPermissions(
  subject: PermissionSubject,
  overwrites: readonly Overwrite[],
): bigint {
  let permissions = basePermissions(subject);
  if (permissions & Permission.Administrator) return ALL_PERMISSIONS;

  const everyone = overwrites.find((o) => o.type === 0 && o.id === subject.guildId);
  if (everyone) permissions = (permissions & ~everyone.deny) | everyone.allow;

  let roleAllow = 0n;
  let roleDeny = 0n;
  for (const overwrite of overwrites) {
    if (overwrite.type === 0 && subject.memberRoles.includes(overwrite.id)) {
      roleAllow |= overwrite.allow;
      roleDeny |= overwrite.deny;
    }
  }
  permissions = (permissions & ~roleDeny) | roleAllow;

  const own = overwrites.find((o) => o.type === 1 && o.id === subject.userId);
  if (own) permissions = (permissions & ~own.deny) | own.allow;

  if (!(permissions & Permission.ViewChannel)) return 0n;
  return permissions;
}

export function hasPermission(permissions: bigint, bit: bigint): boolean {
  return (permissions & bit) === bit;
}
