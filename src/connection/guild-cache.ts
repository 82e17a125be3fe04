/**
 * What discloop keeps of the gateway's stream: only what actions read. discord.js's Client
 * keeps a full object graph (a dozen managers per guild and channel) for everything it is
 * sent; a bot of 10,000 guilds paid most of its memory for that (BENCHMARKS.md, "Memory per
 * guild"). Here a guild is its name, owner, member count, roles' permissions, the bot's own
 * roles, its channels (name, type, position, parent, overwrites), who is in which voice channel
 * with the names to show for them, and — only with GuildPresences — who is online. Pure: it
 * applies dispatch payloads (plain JSON, as Discord sends them) and is read by the Discord port.
 */

/** A permission overwrite: `type` 0 is a role, 1 a member. */
export interface CachedOverwrite {
  id: string;
  type: 0 | 1;
  allow: bigint;
  deny: bigint;
}

export interface CachedChannel {
  id: string;
  guildId: string;
  name: string;
  /** Discord's channel type: 0 text, 2 voice, 4 category, 5 announcement, 13 stage, 15 forum… */
  type: number;
  position: number;
  parentId: string | null;
  overwrites: CachedOverwrite[];
}

/** A member in voice, as lists show them. */
export interface CachedPerson {
  username: string;
  /** Server nickname, else global name, else username. */
  displayName: string;
}

export interface CachedGuild {
  id: string;
  name: string;
  ownerId: string;
  memberCount: number;
  shard: number;
  /** Role id → its permissions; the @everyone role has the guild's id. */
  roles: Map<string, bigint>;
  /** The bot's own roles here. */
  botRoles: string[];
  channels: Map<string, CachedChannel>;
  /** User id → the voice channel they are in. */
  voice: Map<string, string>;
  /** Names of the people in voice (nobody else's are kept). */
  people: Map<string, CachedPerson>;
  /** Users whose presence is not offline: kept only with the GuildPresences intent. */
  online: Set<string> | undefined;
}

/** The parts of Discord's payloads the cache reads (docs: "Gateway Events"). */
interface UserPayload {
  id: string;
  username: string;
  global_name?: string | null;
}
interface MemberPayload {
  user?: UserPayload;
  nick?: string | null;
  roles?: string[];
}
interface ChannelPayload {
  id: string;
  guild_id?: string;
  name?: string | null;
  type: number;
  position?: number;
  parent_id?: string | null;
  permission_overwrites?: { id: string; type: 0 | 1; allow: string; deny: string }[];
}
interface RolePayload {
  id: string;
  permissions: string;
}
interface VoiceStatePayload {
  user_id: string;
  guild_id?: string;
  channel_id: string | null;
  member?: MemberPayload;
}
interface PresencePayload {
  user: { id: string };
  guild_id?: string;
  status?: string;
}
interface GuildPayload {
  id: string;
  name: string;
  owner_id: string;
  member_count?: number;
  unavailable?: boolean;
  roles?: RolePayload[];
  channels?: ChannelPayload[];
  members?: MemberPayload[];
  voice_states?: VoiceStatePayload[];
  presences?: PresencePayload[];
}

/** Thread types (10–12): threads are not channels actions act on. */
const isThread = (type: number) => type >= 10 && type <= 12;

const displayNameOf = (member: MemberPayload, user: UserPayload) =>
  member.nick || user.global_name || user.username;

/** For `-v`: what the cache keeps with these intents. */
export function describeCache(intents: readonly string[]): string {
  const online = intents.includes('GuildPresences') ? ', who is online' : '';
  return `Cached: guilds, channels, roles, the bot's roles, who is in voice${online}; nothing else`;
}

export type GuildCache = ReturnType<typeof createGuildCache>;

export function createGuildCache(options: { presences: boolean; botId?: string }) {
  const guilds = new Map<string, CachedGuild>();
  const channelGuild = new Map<string, CachedGuild>();
  let botId = options.botId;

  const channelOf = (guildId: string, data: ChannelPayload): CachedChannel => ({
    id: data.id,
    guildId,
    name: data.name ?? '',
    type: data.type,
    position: data.position ?? 0,
    parentId: data.parent_id ?? null,
    overwrites: (data.permission_overwrites ?? []).map((o) => ({
      id: o.id,
      type: o.type,
      allow: BigInt(o.allow),
      deny: BigInt(o.deny),
    })),
  });

  function putChannel(guild: CachedGuild, data: ChannelPayload) {
    if (isThread(data.type)) return;
    guild.channels.set(data.id, channelOf(guild.id, data));
    channelGuild.set(data.id, guild);
  }

  function dropChannel(id: string) {
    channelGuild.get(id)?.channels.delete(id);
    channelGuild.delete(id);
  }

  function dropGuild(id: string) {
    const guild = guilds.get(id);
    if (!guild) return;
    for (const channelId of guild.channels.keys()) channelGuild.delete(channelId);
    guilds.delete(id);
  }

  /** Someone's voice state: kept while they are in a channel, with the name to show. */
  function putVoiceState(guild: CachedGuild, state: VoiceStatePayload) {
    if (!state.channel_id) {
      guild.voice.delete(state.user_id);
      guild.people.delete(state.user_id);
      return;
    }
    guild.voice.set(state.user_id, state.channel_id);
    const user = state.member?.user;
    if (state.member && user) putPerson(guild, state.member, user);
  }

  function putPerson(guild: CachedGuild, member: MemberPayload, user: UserPayload) {
    guild.people.set(user.id, {
      username: user.username,
      displayName: displayNameOf(member, user),
    });
  }

  /** A member as GUILD_CREATE or GUILD_MEMBER_UPDATE gives it: the bot's roles, a voice name. */
  function putMember(guild: CachedGuild, member: MemberPayload) {
    const user = member.user;
    if (!user) return;
    if (user.id === botId) guild.botRoles = member.roles ?? [];
    if (guild.voice.has(user.id)) putPerson(guild, member, user);
  }

  function putPresence(guild: CachedGuild, presence: PresencePayload) {
    if (!guild.online) return;
    if (presence.status && presence.status !== 'offline') guild.online.add(presence.user.id);
    else guild.online.delete(presence.user.id);
  }

  function putGuild(shard: number, data: GuildPayload) {
    dropGuild(data.id);
    const guild: CachedGuild = {
      id: data.id,
      name: data.name,
      ownerId: data.owner_id,
      memberCount: data.member_count ?? 0,
      shard,
      roles: new Map((data.roles ?? []).map((r) => [r.id, BigInt(r.permissions)])),
      botRoles: [],
      channels: new Map(),
      voice: new Map(),
      people: new Map(),
      online: options.presences ? new Set() : undefined,
    };
    guilds.set(guild.id, guild);
    for (const channel of data.channels ?? []) putChannel(guild, channel);
    // Voice states first, so that members know whether their name is worth keeping.
    for (const state of data.voice_states ?? []) putVoiceState(guild, state);
    for (const member of data.members ?? []) putMember(guild, member);
    for (const presence of data.presences ?? []) putPresence(guild, presence);
  }

  const inGuild = (data: { guild_id?: string }) =>
    data.guild_id === undefined ? undefined : guilds.get(data.guild_id);

  /** Dispatch name → how it changes the cache; every other dispatch is ignored. */
  const handlers: Record<string, (shard: number, data: never) => void> = {
    READY(_shard, data: { user: UserPayload }) {
      botId = data.user.id;
    },
    GUILD_CREATE(shard, data: GuildPayload) {
      if (!data.unavailable) putGuild(shard, data);
    },
    GUILD_UPDATE(_shard, data: GuildPayload) {
      const guild = guilds.get(data.id);
      if (!guild) return;
      guild.name = data.name;
      guild.ownerId = data.owner_id;
    },
    GUILD_DELETE(_shard, data: { id: string; unavailable?: boolean }) {
      // An outage keeps what we knew; leaving (or being removed) forgets the guild.
      if (!data.unavailable) dropGuild(data.id);
    },
    CHANNEL_CREATE: (_shard, data: ChannelPayload) => upsertChannel(data),
    CHANNEL_UPDATE: (_shard, data: ChannelPayload) => upsertChannel(data),
    CHANNEL_DELETE: (_shard, data: ChannelPayload) => dropChannel(data.id),
    GUILD_ROLE_CREATE: (_shard, data: { guild_id: string; role: RolePayload }) => putRole(data),
    GUILD_ROLE_UPDATE: (_shard, data: { guild_id: string; role: RolePayload }) => putRole(data),
    GUILD_ROLE_DELETE(_shard, data: { guild_id: string; role_id: string }) {
      inGuild(data)?.roles.delete(data.role_id);
    },
    GUILD_MEMBER_ADD(_shard, data: { guild_id: string }) {
      const guild = inGuild(data);
      if (guild) guild.memberCount += 1;
    },
    GUILD_MEMBER_REMOVE(_shard, data: { guild_id: string; user: UserPayload }) {
      const guild = inGuild(data);
      if (guild) guild.memberCount = Math.max(0, guild.memberCount - 1);
    },
    GUILD_MEMBER_UPDATE(_shard, data: MemberPayload & { guild_id: string }) {
      const guild = inGuild(data);
      if (guild) putMember(guild, data);
    },
    VOICE_STATE_UPDATE(_shard, data: VoiceStatePayload) {
      const guild = inGuild(data);
      if (guild) putVoiceState(guild, data);
    },
    PRESENCE_UPDATE(_shard, data: PresencePayload) {
      const guild = inGuild(data);
      if (guild) putPresence(guild, data);
    },
  };

  function upsertChannel(data: ChannelPayload) {
    const guild = inGuild(data);
    if (guild) putChannel(guild, data);
  }

  function putRole(data: { guild_id: string; role: RolePayload }) {
    inGuild(data)?.roles.set(data.role.id, BigInt(data.role.permissions));
  }

  return {
    /** Applies one dispatch (`t`, `d`) received on `shard`. */
    apply(shard: number, type: string, data: unknown) {
      handlers[type]?.(shard, data as never);
    },
    /**
     * A shard's new session lists its guilds: those it no longer has are gone (left while it
     * was disconnected). Resumed sessions replay what they missed instead.
     */
    keepOnly(shard: number, guildIds: ReadonlySet<string>) {
      for (const guild of [...guilds.values()])
        if (guild.shard === shard && !guildIds.has(guild.id)) dropGuild(guild.id);
    },
    get botId() {
      return botId;
    },
    guilds: () => guilds.values(),
    guildCount: () => guilds.size,
    guild: (id: string) => guilds.get(id),
    /** A channel and its guild. */
    channel(id: string): { channel: CachedChannel; guild: CachedGuild } | undefined {
      const guild = channelGuild.get(id);
      const channel = guild?.channels.get(id);
      return guild && channel ? { channel, guild } : undefined;
    },
    /** After a rename: the name Discord answered with, before the gateway says so. */
    rename(id: string, name: string) {
      const channel = channelGuild.get(id)?.channels.get(id);
      if (channel) channel.name = name;
    },
  };
}
