import { hasPermission, Permission } from '../world/permissions.js';
import type { ChannelRecord, GuildRecord } from '../world/records.js';
import type { World } from '../world/world.js';
import { missingAccess, missingPermissions, unknownChannel, unknownGuild } from './errors.js';

/** A guild the bot is in, or 404 Unknown Guild. */
export function requireGuild(world: World, id: string | undefined): GuildRecord {
  const guild = id ? world.guild(id) : undefined;
  if (!guild) throw unknownGuild();
  return guild;
}

/**
 * A channel the bot can see. Unknown ids are 404 Unknown Channel; a channel the bot cannot
 * view is 403 Missing Access, as Discord answers.
 */
export function requireVisibleChannel(world: World, id: string | undefined): ChannelRecord {
  const channel = id ? world.channel(id) : undefined;
  if (!channel) throw unknownChannel();
  if (!hasPermission(world.channelPermissions(channel.id, world.bot.id), Permission.ViewChannel))
    throw missingAccess();
  return channel;
}

/** 403 Missing Permissions unless the bot has every one of `bits` in the channel. */
export function requireChannelPermissions(
  world: World,
  channel: ChannelRecord,
  ...bits: bigint[]
): void {
  const permissions = world.channelPermissions(channel.id, world.bot.id);
  if (!bits.every((bit) => hasPermission(permissions, bit))) throw missingPermissions();
}
