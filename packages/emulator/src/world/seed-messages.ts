import { snowflake, snowflakeTime } from '../snowflake.js';
import { resolveMentions } from './mentions.js';
import type { ChannelRecord, GuildRecord, MessageRecord } from './records.js';
import type { MessageSpec } from './spec.js';

/** Seeded ids use their own worker id, so they never collide with ids made while running. */
const SEED_WORKER = 2;

/**
 * The record of a message already in a channel's history: from its id, or made `ageMs` before
 * `now` (the next free increment of that millisecond, so two seeds never share an id).
 */
export function seedRecord(
  channel: ChannelRecord,
  guild: GuildRecord,
  seed: MessageSpec,
  now: number,
  taken: (id: string) => boolean,
): MessageRecord {
  const id = seed.id ?? freeId(now - (seed.ageMs ?? 0), taken);
  if (taken(id)) throw new Error(`seedMessages: message id ${id} is already used`);
  const sentAt = new Date(snowflakeTime(id)).toISOString();
  const content = seed.content ?? `A message from ${sentAt}`;
  const mentions = resolveMentions(content, null, guild, false);
  return {
    id,
    channelId: channel.id,
    guildId: guild.id,
    authorId: seed.authorId,
    content,
    tts: false,
    embeds: [],
    components: [],
    allowedMentions: null,
    mentionUserIds: mentions.userIds,
    mentionRoleIds: mentions.roleIds,
    mentionEveryone: mentions.everyone,
    nonce: null,
    flags: 0,
    messageReference: null,
    timestamp: sentAt,
    editedTimestamp: null,
    pinned: seed.pinned ?? false,
    // Pinned when sent: the pins list orders by this.
    pinnedAt: seed.pinned ? sentAt : null,
  };
}

function freeId(ms: number, taken: (id: string) => boolean): string {
  for (let increment = 0; increment < 4096; increment++) {
    const id = snowflake(ms, increment, SEED_WORKER);
    if (!taken(id)) return id;
  }
  throw new Error(`seedMessages: more than 4096 messages at ${new Date(ms).toISOString()}`);
}
