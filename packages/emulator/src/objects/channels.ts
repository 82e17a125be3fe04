import type { ChannelRecord, VoiceStateRecord } from '../world/records.js';

/**
 * A guild channel object. Inside GUILD_CREATE Discord leaves out `guild_id` (the client knows
 * it); REST answers and CHANNEL_UPDATE carry it.
 */
export function channelObject(
  channel: ChannelRecord,
  withGuildId: boolean,
): Record<string, unknown> {
  const base: Record<string, unknown> = {
    id: channel.id,
    type: channel.type,
    ...(withGuildId ? { guild_id: channel.guildId } : {}),
    name: channel.name,
    position: channel.position,
    parent_id: channel.parentId,
    flags: 0,
    permission_overwrites: channel.permissionOverwrites.map((o) => ({ ...o })),
  };
  switch (channel.type) {
    case 0:
    case 5:
      return {
        ...base,
        topic: channel.topic,
        nsfw: channel.nsfw,
        last_message_id: channel.lastMessageId,
        rate_limit_per_user: channel.rateLimitPerUser,
        default_auto_archive_duration: 4320,
      };
    case 2:
    case 13:
      return {
        ...base,
        ...(channel.type === 13 ? { topic: channel.topic } : {}),
        nsfw: channel.nsfw,
        bitrate: channel.bitrate,
        user_limit: channel.userLimit,
        rtc_region: channel.rtcRegion,
        video_quality_mode: 1,
        last_message_id: channel.lastMessageId,
        rate_limit_per_user: channel.rateLimitPerUser,
      };
    default:
      return base;
  }
}

/** A voice state; `guildId` and `member` are added for VOICE_STATE_UPDATE, not in GUILD_CREATE. */
export function voiceStateObject(
  state: Pick<VoiceStateRecord, 'userId' | 'sessionId' | 'selfMute' | 'selfDeaf'> & {
    channelId: string | null;
  },
  extra: { guildId?: string; member?: Record<string, unknown> } = {},
): Record<string, unknown> {
  return {
    ...(extra.guildId ? { guild_id: extra.guildId } : {}),
    channel_id: state.channelId,
    user_id: state.userId,
    ...(extra.member ? { member: extra.member } : {}),
    session_id: state.sessionId,
    deaf: false,
    mute: false,
    self_deaf: state.selfDeaf,
    self_mute: state.selfMute,
    self_stream: false,
    self_video: false,
    suppress: false,
    request_to_speak_timestamp: null,
  };
}
