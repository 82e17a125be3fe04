import { SnowflakeSequence } from '../snowflake.js';
import { normalizeWorld } from './normalize.js';
import {
  basePermissions,
  channelPermissions,
  type Overwrite,
  type PermissionSubject,
} from './permissions.js';
import type {
  ApplicationRecord,
  BotPresenceRecord,
  ChannelRecord,
  GuildRecord,
  MemberRecord,
  MessageRecord,
  PresenceRecord,
  UserRecord,
  VoiceStateRecord,
  WorldSnapshot,
} from './records.js';
import type { BotSpec, WorldSpec } from './spec.js';

/**
 * The world's records and every question about them: lookups, permissions, snapshots.
 * `World` adds the changes; REST routes and gateway payload builders only read.
 */
export class WorldState {
  readonly application: ApplicationRecord;
  readonly bot: UserRecord;
  /** The bot token accepted now; `Emulator.resetToken` replaces it, as the Developer Portal does. */
  token: string;
  readonly recommendedShards: number;
  readonly maxConcurrency: number;
  botPresence: BotPresenceRecord | null = null;

  protected readonly users: Map<string, UserRecord>;
  protected readonly guildList: GuildRecord[];
  protected readonly messageList: MessageRecord[] = [];
  readonly #ids = new SnowflakeSequence();

  constructor(spec: WorldSpec, fallbackBot: BotSpec) {
    const normalized = normalizeWorld(spec, fallbackBot);
    this.application = normalized.application;
    this.bot = normalized.bot;
    this.token = normalized.token;
    this.users = normalized.users;
    this.guildList = normalized.guilds;
    this.recommendedShards = spec.shards ?? 1;
    this.maxConcurrency = spec.maxConcurrency ?? Math.max(16, this.recommendedShards);
  }

  /** A fresh snowflake for something created now (a message, a member). */
  nextId(): string {
    return this.#ids.next();
  }

  guilds(): readonly GuildRecord[] {
    return this.guildList;
  }

  guild(id: string): GuildRecord | undefined {
    return this.guildList.find((g) => g.id === id);
  }

  channel(id: string): ChannelRecord | undefined {
    for (const guild of this.guildList) {
      const channel = guild.channels.find((c) => c.id === id);
      if (channel) return channel;
    }
    return undefined;
  }

  user(id: string): UserRecord | undefined {
    return this.users.get(id);
  }

  member(guildId: string, userId: string): MemberRecord | undefined {
    return this.guild(guildId)?.members.find((m) => m.userId === userId);
  }

  voiceState(guildId: string, userId: string): VoiceStateRecord | undefined {
    return this.guild(guildId)?.voiceStates.find((v) => v.userId === userId);
  }

  presence(guildId: string, userId: string): PresenceRecord | undefined {
    return this.guild(guildId)?.presences.find((p) => p.userId === userId);
  }

  message(id: string): MessageRecord | undefined {
    return this.messageList.find((m) => m.id === id);
  }

  /** Newest last, as stored. */
  messagesIn(channelId: string): MessageRecord[] {
    return this.messageList.filter((m) => m.channelId === channelId);
  }

  guildPermissions(guildId: string, userId: string): bigint {
    const subject = this.permissionSubject(guildId, userId);
    return subject ? basePermissions(subject) : 0n;
  }

  channelPermissions(channelId: string, userId: string): bigint {
    const channel = this.channel(channelId);
    const subject = channel && this.permissionSubject(channel.guildId, userId);
    if (!channel || !subject) return 0n;
    const overwrites: Overwrite[] = channel.permissionOverwrites.map((o) => ({
      id: o.id,
      type: o.type,
      allow: BigInt(o.allow),
      deny: BigInt(o.deny),
    }));
    return channelPermissions(subject, overwrites);
  }

  private permissionSubject(guildId: string, userId: string): PermissionSubject | undefined {
    const guild = this.guild(guildId);
    const member = guild?.members.find((m) => m.userId === userId);
    if (!guild || !member) return undefined;
    return {
      guildId,
      ownerId: guild.ownerId,
      rolePermissions: new Map(guild.roles.map((r) => [r.id, BigInt(r.permissions)])),
      memberRoles: member.roles,
      userId,
    };
  }

  snapshot(): WorldSnapshot {
    return structuredClone({
      application: this.application,
      bot: { ...this.bot, presence: this.botPresence },
      users: [...this.users.values()],
      guilds: this.guildList,
      messages: this.messageList,
    });
  }
}
