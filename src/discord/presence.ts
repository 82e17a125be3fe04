import { ActivityType, type Client, Events, Status } from 'discord.js';
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

export type PresenceKeeper = ReturnType<typeof keepPresence>;

/**
 * The bot's presence, kept across new gateway sessions: Discord forgets it when a session is
 * not resumed, so the last one set is sent again on each shard that identifies anew. A presence
 * is set only while every shard is connected, so a run that says ok was handed to a live shard.
 */
export function keepPresence(client: Client<true>) {
  let last: Presence | undefined;
  const send = (presence: Presence, shardId?: number) => {
    const { status, activity } = presence;
    const activities = !activity
      ? []
      : activity.type === 'Custom'
        ? [{ name: 'Custom Status', type: ActivityType.Custom, state: activity.name }]
        : [{ name: activity.name, type: ACTIVITY_TYPES[activity.type], url: activity.url }];
    client.user.setPresence({ status, activities, ...(shardId === undefined ? {} : { shardId }) });
  };
  client.on(Events.ShardReady, (shardId) => {
    if (last) send(last, shardId);
  });
  return {
    set(presence: Presence) {
      const down = client.ws.shards.filter((shard) => shard.status !== Status.Ready);
      if (down.size > 0) {
        throw new ActionError(
          'gateway_unavailable',
          `The gateway is reconnecting (shard ${[...down.keys()].join(', ')}): the presence was not sent.`,
        );
      }
      send(presence);
      last = presence;
    },
  };
}
