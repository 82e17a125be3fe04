import {
  ActivityType,
  GatewayOpcodes,
  type GatewayPresenceUpdateData,
} from 'discord-api-types/v10';
import type { Presence } from '../actions/types.js';
import { ActionError } from '../errors.js';

const ACTIVITY_TYPES: Record<NonNullable<Presence['activity']>['type'], ActivityType> = {
  Playing: ActivityType.Playing,
  Streaming: ActivityType.Streaming,
  Listening: ActivityType.Listening,
  Watching: ActivityType.Watching,
  Competing: ActivityType.Competing,
  Custom: ActivityType.Custom,
};

/** Gateway op 3's data for a presence (Discord docs, "Update Presence"). */
function presenceUpdate({ status, activity }: Presence): GatewayPresenceUpdateData {
  const activities = !activity
    ? []
    : activity.type === 'Custom'
      ? [{ name: 'Custom Status', type: ActivityType.Custom, state: activity.name }]
      : [{ name: activity.name, type: ACTIVITY_TYPES[activity.type], url: activity.url }];
  return {
    since: null,
    activities,
    status: status as GatewayPresenceUpdateData['status'],
    afk: false,
  };
}

export interface PresenceGateway {
  /** Sends a payload on one shard. */
  send(
    shardId: number,
    payload: { op: GatewayOpcodes.PresenceUpdate; d: GatewayPresenceUpdateData },
  ): unknown;
  shardIds: readonly number[];
  /** Shards not connected right now. */
  down(): number[];
}

export type PresenceKeeper = ReturnType<typeof keepPresence>;

/**
 * The bot's presence, kept across new gateway sessions: Discord forgets it when a session is
 * not resumed, so the last one set is sent again on each shard that identifies anew. A presence
 * is set only while every shard is connected, so a run that says ok was handed to a live shard.
 */
export function keepPresence(gateway: PresenceGateway) {
  let last: Presence | undefined;
  const send = (presence: Presence, shardId: number) =>
    gateway.send(shardId, { op: GatewayOpcodes.PresenceUpdate, d: presenceUpdate(presence) });
  return {
    /** A shard identified anew: it has no presence until we send it again. */
    shardReady(shardId: number) {
      if (last) send(last, shardId);
    },
    set(presence: Presence) {
      const down = gateway.down();
      if (down.length > 0) {
        throw new ActionError(
          'gateway_unavailable',
          `The gateway is reconnecting (shard ${down.join(', ')}): the presence was not sent.`,
        );
      }
      for (const shardId of gateway.shardIds) send(presence, shardId);
      last = presence;
    },
  };
}
