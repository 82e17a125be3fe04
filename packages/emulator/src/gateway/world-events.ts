import { channelObject, voiceStateObject } from '../objects/channels.js';
import { messageObject } from '../objects/messages.js';
import { memberObject, presenceObject, userObject } from '../objects/users.js';
import { shardOf } from '../snowflake.js';
import type { WorldChange } from '../world/records.js';
import type { World } from '../world/world.js';
import { EVENT_INTENT, hasIntent, Intent } from './codes.js';
import type { Session, SessionStore } from './sessions.js';

interface GuildEvent {
  t: string;
  guildId: string;
  /** The event data; built once, at the moment of the change, so a replay shows that moment. */
  data: (session: Session) => unknown;
}

/**
 * Turns world changes into dispatches for every live or resumable session whose shard owns the
 * guild and whose intents ask for the event. Sessions without a socket keep them for replay.
 */
export function publishWorldChanges(world: World, sessions: SessionStore): () => void {
  return world.onChange((change) => {
    const event = toGuildEvent(world, change);
    if (!event) return;
    const intent = EVENT_INTENT[event.t] ?? 0;
    for (const session of sessions.all()) {
      const [shardId, shardCount] = session.shard;
      if (shardOf(event.guildId, shardCount) !== shardId) continue;
      if (!hasIntent(session.intents, intent)) continue;
      session.dispatch(event.t, event.data(session));
    }
  });
}

function toGuildEvent(world: World, change: WorldChange): GuildEvent | null {
  switch (change.type) {
    case 'voiceStateUpdate': {
      const member = world.member(change.guildId, change.userId);
      const user = world.user(change.userId);
      const state = world.voiceState(change.guildId, change.userId);
      const d = voiceStateObject(
        {
          userId: change.userId,
          channelId: change.channelId,
          sessionId: state?.sessionId ?? '0'.repeat(32),
          selfMute: state?.selfMute ?? false,
          selfDeaf: state?.selfDeaf ?? false,
        },
        {
          guildId: change.guildId,
          ...(member && user ? { member: memberObject(member, user) } : {}),
        },
      );
      return { t: 'VOICE_STATE_UPDATE', guildId: change.guildId, data: () => d };
    }
    case 'guildMemberAdd': {
      const member = world.member(change.guildId, change.userId);
      const user = world.user(change.userId);
      if (!member || !user) return null;
      const d = { ...memberObject(member, user), guild_id: change.guildId };
      return { t: 'GUILD_MEMBER_ADD', guildId: change.guildId, data: () => d };
    }
    case 'guildMemberRemove': {
      const d = { guild_id: change.guildId, user: userObject(change.user) };
      return { t: 'GUILD_MEMBER_REMOVE', guildId: change.guildId, data: () => d };
    }
    case 'channelUpdate': {
      const channel = world.channel(change.channelId);
      if (!channel) return null;
      const d = channelObject(channel, true);
      return { t: 'CHANNEL_UPDATE', guildId: change.guildId, data: () => d };
    }
    case 'messageCreate':
    case 'messageUpdate': {
      const message = world.message(change.messageId);
      if (!message) return null;
      const full = messageObject(message, world, { gateway: true, withContent: true });
      // Without MESSAGE_CONTENT, content is blanked unless the bot wrote or was mentioned in it.
      const exempt =
        message.authorId === world.bot.id || message.mentionUserIds.includes(world.bot.id);
      const blank = exempt
        ? full
        : messageObject(message, world, { gateway: true, withContent: false });
      return {
        t: change.type === 'messageCreate' ? 'MESSAGE_CREATE' : 'MESSAGE_UPDATE',
        guildId: change.guildId,
        data: (session) => (hasIntent(session.intents, Intent.MessageContent) ? full : blank),
      };
    }
    case 'messageDelete': {
      const d = { id: change.messageId, channel_id: change.channelId, guild_id: change.guildId };
      return { t: 'MESSAGE_DELETE', guildId: change.guildId, data: () => d };
    }
    case 'messageDeleteBulk': {
      const d = { ids: change.messageIds, channel_id: change.channelId, guild_id: change.guildId };
      return { t: 'MESSAGE_DELETE_BULK', guildId: change.guildId, data: () => d };
    }
    case 'presenceUpdate': {
      const presence = world.presence(change.guildId, change.userId);
      if (!presence) return null;
      const d = presenceObject(presence, change.guildId);
      return { t: 'PRESENCE_UPDATE', guildId: change.guildId, data: () => d };
    }
  }
}
