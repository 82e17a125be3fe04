import type { MessageRecord, UserRecord } from '../world/records.js';
import type { World } from '../world/world.js';
import { memberObject, userObject } from './users.js';

const unknownUser = (id: string): UserRecord => ({
  id,
  username: 'deleted_user',
  globalName: null,
  avatar: null,
  bot: false,
});

/**
 * A message object. `gateway: true` gives MESSAGE_CREATE's shape (with `guild_id` and the
 * author's partial `member`); `withContent: false` blanks what the MESSAGE_CONTENT intent
 * guards, as Discord does for sessions without it.
 */
export function messageObject(
  message: MessageRecord,
  world: World,
  options: { gateway: boolean; withContent: boolean },
): Record<string, unknown> {
  const author = world.user(message.authorId) ?? unknownUser(message.authorId);
  const member = world.member(message.guildId, message.authorId);
  const gatewayFields: Record<string, unknown> = {};
  if (options.gateway) {
    gatewayFields.guild_id = message.guildId;
    if (member) {
      const { user: _user, ...partial } = memberObject(member, author);
      gatewayFields.member = partial;
    }
  }
  return {
    id: message.id,
    type: message.messageReference ? 19 : 0,
    content: options.withContent ? message.content : '',
    channel_id: message.channelId,
    author: userObject(author),
    attachments: [],
    embeds: options.withContent ? message.embeds : [],
    mentions: message.mentionUserIds.map((id) => userObject(world.user(id) ?? unknownUser(id))),
    mention_roles: [...message.mentionRoleIds],
    mention_everyone: message.mentionEveryone,
    pinned: message.pinned,
    tts: message.tts,
    timestamp: message.timestamp,
    edited_timestamp: message.editedTimestamp,
    flags: message.flags,
    components: options.withContent ? message.components : [],
    ...(message.nonce !== null ? { nonce: message.nonce } : {}),
    ...(message.messageReference ? { message_reference: message.messageReference } : {}),
    ...gatewayFields,
  };
}
