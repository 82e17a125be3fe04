import type { NewMember } from '../timeline.js';
import { resolveMentions } from './mentions.js';
import { voiceSessionId } from './normalize.js';
import { hasPermission, Permission } from './permissions.js';
import type {
  ChannelRecord,
  GuildRecord,
  MemberRecord,
  MessageRecord,
  WorldChange,
} from './records.js';
import { seedRecord } from './seed-messages.js';
import type { ActivitySpec, BotSpec, MessageSpec, PresenceStatus, WorldSpec } from './spec.js';
import { WorldState } from './state.js';

export type ChannelPatch = Partial<
  Pick<
    ChannelRecord,
    | 'name'
    | 'topic'
    | 'nsfw'
    | 'bitrate'
    | 'userLimit'
    | 'rtcRegion'
    | 'position'
    | 'parentId'
    | 'rateLimitPerUser'
  >
>;

/** What a request to post a message carries: the record less what the world fills in. */
export type NewMessage = Pick<
  MessageRecord,
  | 'channelId'
  | 'authorId'
  | 'content'
  | 'tts'
  | 'embeds'
  | 'components'
  | 'allowedMentions'
  | 'nonce'
  | 'flags'
  | 'messageReference'
>;

/** What an edit may change; a field left out stays as it was. */
export type MessageEdit = Partial<
  Pick<MessageRecord, 'content' | 'embeds' | 'components' | 'allowedMentions' | 'flags'>
>;

/**
 * The emulated Discord's state and the only place it changes. Each mutation checks what a
 * real guild would forbid (unknown ids, a non-voice channel) and reports a `WorldChange`,
 * which the gateway turns into dispatches.
 */
export class World extends WorldState {
  readonly #listeners = new Set<(change: WorldChange) => void>();

  /** `now`: when the emulator starts, which the world file's `ageMs` counts back from. */
  constructor(spec: WorldSpec, fallbackBot: BotSpec, now = Date.now()) {
    super(spec, fallbackBot);
    for (const guild of spec.guilds) {
      for (const channel of guild.channels ?? []) {
        if (channel.messages) this.seedMessages(channel.id, channel.messages, now);
      }
    }
  }

  onChange(listener: (change: WorldChange) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  // ── voice ──────────────────────────────────────────────────────────────────

  /** Puts a member in a voice channel; joining while in another channel of the guild is a move. */
  voiceJoin(userId: string, channelId: string): void {
    const channel = this.#voiceChannel(channelId);
    const guild = this.#guild(channel.guildId);
    this.#member(guild, userId);
    const current = guild.voiceStates.find((v) => v.userId === userId);
    if (current?.channelId === channelId) return;
    if (current) {
      current.channelId = channelId;
    } else {
      guild.voiceStates.push({
        userId,
        channelId,
        sessionId: voiceSessionId(),
        selfMute: false,
        selfDeaf: false,
      });
    }
    this.#emit({ type: 'voiceStateUpdate', guildId: guild.id, userId, channelId });
  }

  voiceMove(userId: string, channelId: string): void {
    const channel = this.#voiceChannel(channelId);
    if (!this.voiceState(channel.guildId, userId)) {
      throw new Error(
        `voiceMove: user ${userId} is not in a voice channel of guild ${channel.guildId}`,
      );
    }
    this.voiceJoin(userId, channelId);
  }

  /** Disconnects a member from voice; does nothing when they are not in voice. */
  voiceLeave(userId: string, guildId: string): void {
    const guild = this.#guild(guildId);
    const index = guild.voiceStates.findIndex((v) => v.userId === userId);
    if (index < 0) return;
    guild.voiceStates.splice(index, 1);
    this.#emit({ type: 'voiceStateUpdate', guildId, userId, channelId: null });
  }

  // ── members & presences ────────────────────────────────────────────────────

  memberAdd(guildId: string, input: NewMember): string {
    const guild = this.#guild(guildId);
    const id = input.id ?? this.nextId();
    if (guild.members.some((m) => m.userId === id)) {
      throw new Error(`memberAdd: user ${id} is already a member of guild ${guildId}`);
    }
    for (const roleId of input.roles ?? []) {
      if (!guild.roles.some((r) => r.id === roleId))
        throw new Error(`memberAdd: unknown role ${roleId}`);
    }
    if (!this.users.has(id)) {
      this.users.set(id, {
        id,
        username: input.username,
        globalName: input.globalName ?? null,
        avatar: null,
        bot: input.bot ?? false,
      });
    }
    guild.members.push({
      userId: id,
      nick: input.nick ?? null,
      roles: [...(input.roles ?? [])],
      joinedAt: new Date().toISOString(),
    });
    this.#emit({ type: 'guildMemberAdd', guildId, userId: id });
    return id;
  }

  /** Removes a member; one in voice is disconnected first, as Discord does when kicking. */
  memberRemove(guildId: string, userId: string): void {
    const guild = this.#guild(guildId);
    const index = guild.members.findIndex((m) => m.userId === userId);
    if (index < 0)
      throw new Error(`memberRemove: user ${userId} is not a member of guild ${guildId}`);
    if (userId === this.bot.id)
      throw new Error('memberRemove: the bot cannot be removed from its guilds');
    this.voiceLeave(userId, guildId);
    guild.members.splice(index, 1);
    guild.presences = guild.presences.filter((p) => p.userId !== userId);
    const user = this.user(userId);
    if (user) this.#emit({ type: 'guildMemberRemove', guildId, user: { ...user } });
  }

  /** Changes a user's presence in every guild they share with the bot. */
  setPresence(userId: string, status: PresenceStatus, activities: ActivitySpec[] = []): void {
    if (!this.users.has(userId)) throw new Error(`presenceUpdate: unknown user ${userId}`);
    for (const guild of this.guildList) {
      if (!guild.members.some((m) => m.userId === userId)) continue;
      guild.presences = guild.presences.filter((p) => p.userId !== userId);
      guild.presences.push({ userId, status, activities: activities.map((a) => ({ ...a })) });
      this.#emit({ type: 'presenceUpdate', guildId: guild.id, userId });
    }
  }

  // ── channels & messages ────────────────────────────────────────────────────

  updateChannel(channelId: string, patch: ChannelPatch): ChannelRecord {
    const channel = this.channel(channelId);
    if (!channel) throw new Error(`updateChannel: unknown channel ${channelId}`);
    Object.assign(channel, patch);
    this.#emit({ type: 'channelUpdate', guildId: channel.guildId, channelId });
    return channel;
  }

  createMessage(input: NewMessage): MessageRecord {
    const channel = this.channel(input.channelId);
    if (!channel) throw new Error(`createMessage: unknown channel ${input.channelId}`);
    const guild = this.#guild(channel.guildId);
    const canMentionEveryone = hasPermission(
      this.channelPermissions(channel.id, input.authorId),
      Permission.MentionEveryone,
    );
    const mentions = resolveMentions(
      input.content,
      input.allowedMentions,
      guild,
      canMentionEveryone,
    );
    const message: MessageRecord = {
      id: this.nextId(),
      channelId: channel.id,
      guildId: guild.id,
      authorId: input.authorId,
      content: input.content,
      tts: input.tts,
      embeds: input.embeds,
      components: input.components,
      allowedMentions: input.allowedMentions,
      mentionUserIds: mentions.userIds,
      mentionRoleIds: mentions.roleIds,
      mentionEveryone: mentions.everyone,
      nonce: input.nonce,
      flags: input.flags,
      messageReference: input.messageReference,
      timestamp: new Date().toISOString(),
      editedTimestamp: null,
      pinned: false,
      pinnedAt: null,
    };
    this.messageList.push(message);
    channel.lastMessageId = message.id;
    this.#emit({
      type: 'messageCreate',
      guildId: guild.id,
      channelId: channel.id,
      messageId: message.id,
    });
    return message;
  }

  /**
   * Puts messages into a channel's history as if sent in the past, without dispatching
   * anything (they were there before). Returns them oldest first.
   */
  seedMessages(
    channelId: string,
    seeds: readonly MessageSpec[],
    now = Date.now(),
  ): MessageRecord[] {
    const channel = this.channel(channelId);
    if (!channel) throw new Error(`seedMessages: unknown channel ${channelId}`);
    const guild = this.#guild(channel.guildId);
    const seeded = seeds.map((seed, index) => {
      if (!this.user(seed.authorId)) {
        throw new Error(`seedMessages: message ${index}: unknown author ${seed.authorId}`);
      }
      const record = seedRecord(channel, guild, seed, now, (id) => this.message(id) !== undefined);
      this.messageList.push(record);
      return record;
    });
    this.messageList.sort(byId);
    channel.lastMessageId = this.messagesIn(channelId).at(-1)?.id ?? null;
    return seeded.sort(byId);
  }

  /** Changes a message (its author's edit), dispatched as MESSAGE_UPDATE. */
  editMessage(messageId: string, edit: MessageEdit): MessageRecord {
    const message = this.message(messageId);
    if (!message) throw new Error(`editMessage: unknown message ${messageId}`);
    const guild = this.#guild(message.guildId);
    Object.assign(message, edit, { editedTimestamp: new Date().toISOString() });
    const mentions = resolveMentions(
      message.content,
      message.allowedMentions,
      guild,
      hasPermission(
        this.channelPermissions(message.channelId, message.authorId),
        Permission.MentionEveryone,
      ),
    );
    message.mentionUserIds = mentions.userIds;
    message.mentionRoleIds = mentions.roleIds;
    message.mentionEveryone = mentions.everyone;
    this.#emit({
      type: 'messageUpdate',
      guildId: message.guildId,
      channelId: message.channelId,
      messageId,
    });
    return message;
  }

  /**
   * Deletes messages of one channel: one is dispatched as MESSAGE_DELETE, several (a bulk
   * delete) as one MESSAGE_DELETE_BULK. Ids not in the channel are left alone, as Discord's
   * bulk delete ignores them; returns the ids deleted.
   */
  deleteMessages(channelId: string, messageIds: readonly string[], bulk = false): string[] {
    const channel = this.channel(channelId);
    if (!channel) throw new Error(`deleteMessages: unknown channel ${channelId}`);
    const wanted = new Set(messageIds);
    const deleted = this.messageList
      .filter((m) => m.channelId === channelId && wanted.has(m.id))
      .map((m) => m.id);
    if (deleted.length === 0) return [];
    const gone = new Set(deleted);
    const kept = this.messageList.filter((m) => !gone.has(m.id));
    this.messageList.splice(0, this.messageList.length, ...kept);
    const where = { guildId: channel.guildId, channelId };
    const [only] = deleted;
    if (!bulk && deleted.length === 1 && only) {
      this.#emit({ type: 'messageDelete', ...where, messageId: only });
    } else {
      this.#emit({ type: 'messageDeleteBulk', ...where, messageIds: deleted });
    }
    return deleted;
  }

  // ── helpers ────────────────────────────────────────────────────────────────

  #emit(change: WorldChange): void {
    for (const listener of this.#listeners) listener(change);
  }

  #guild(id: string): GuildRecord {
    const guild = this.guild(id);
    if (!guild) throw new Error(`unknown guild ${id}`);
    return guild;
  }

  #member(guild: GuildRecord, userId: string): MemberRecord {
    const member = guild.members.find((m) => m.userId === userId);
    if (!member)
      throw new Error(`user ${userId} is not a member of guild ${guild.id} (${guild.name})`);
    return member;
  }

  #voiceChannel(channelId: string): ChannelRecord {
    const channel = this.channel(channelId);
    if (!channel) throw new Error(`unknown channel ${channelId}`);
    if (channel.type !== 2 && channel.type !== 13) {
      throw new Error(`channel ${channelId} (${channel.name}) is not a voice or stage channel`);
    }
    return channel;
  }
}

const byId = (a: MessageRecord, b: MessageRecord) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1);
