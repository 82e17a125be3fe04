import type { MemberRecord, PresenceRecord, UserRecord } from '../world/records.js';

/** A user object as Discord sends it (pomelo usernames: discriminator "0"). */
export function userObject(user: UserRecord): Record<string, unknown> {
  return {
    id: user.id,
    username: user.username,
    discriminator: '0',
    global_name: user.globalName,
    avatar: user.avatar,
    ...(user.bot ? { bot: true } : {}),
    public_flags: 0,
    flags: 0,
    banner: null,
    accent_color: null,
    avatar_decoration_data: null,
  };
}

/** GET /users/@me and READY's `user`: the bot's own user with the private fields. */
export function currentUserObject(user: UserRecord): Record<string, unknown> {
  return { ...userObject(user), verified: true, mfa_enabled: false, email: null, locale: 'en-US' };
}

/** A guild member with its `user`; discord.js caches members that have `user` and `joined_at`. */
export function memberObject(member: MemberRecord, user: UserRecord): Record<string, unknown> {
  return {
    user: userObject(user),
    nick: member.nick,
    avatar: null,
    banner: null,
    roles: [...member.roles],
    joined_at: member.joinedAt,
    premium_since: null,
    deaf: false,
    mute: false,
    pending: false,
    flags: 0,
    communication_disabled_until: null,
  };
}

/** A presence; `guildId` is added for PRESENCE_UPDATE and left out inside GUILD_CREATE. */
export function presenceObject(
  presence: PresenceRecord,
  guildId?: string,
): Record<string, unknown> {
  const status = presence.status === 'invisible' ? 'offline' : presence.status;
  return {
    user: { id: presence.userId },
    ...(guildId ? { guild_id: guildId } : {}),
    status,
    activities: presence.activities.map((a, index) => ({
      id: a.type === 4 ? 'custom' : `activity-${index}`,
      type: a.type,
      name: a.name,
      state: a.state ?? null,
      url: a.url ?? null,
      created_at: 0,
    })),
    client_status: status === 'offline' ? {} : { desktop: status },
  };
}
