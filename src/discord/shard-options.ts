import { setTimeout as sleep } from 'node:timers/promises';
import type { REST } from '@discordjs/rest';
import type { WebSocketManagerOptions } from '@discordjs/ws';
import { type APIGatewayBotInfo, Routes } from 'discord-api-types/v10';
import { waitForSlot } from '../connection/identify-slots.js';
import { type ShardRequest, shardIds } from '../connection/shards.js';

/**
 * The gateway manager's shard options for a request: every shard (as many as /gateway/bot
 * recommends), or this process's part of them, with IDENTIFYs paced across processes by slots
 * (src/connection/identify-slots.ts) rather than by @discordjs/ws's per-process throttler.
 */
export async function shardOptions(
  rest: REST,
  request: ShardRequest | undefined,
): Promise<Partial<WebSocketManagerOptions>> {
  // Every shard: @discordjs/ws's defaults ask /gateway/bot how many.
  if (!request || request.kind === 'all') return {};
  let count = request.count;
  if (count === 'auto') {
    const info = (await rest.get(Routes.gatewayBot())) as APIGatewayBotInfo;
    count = info.shards;
  }
  return {
    shardCount: count,
    shardIds: shardIds(request, count),
    buildIdentifyThrottler: pacedIdentifies,
  };
}

const pacedIdentifies: WebSocketManagerOptions['buildIdentifyThrottler'] = async (manager) => {
  const info = await manager.fetchGatewayInformation();
  const shardCount = await manager.getShardCount();
  const maxConcurrency = info.session_start_limit.max_concurrency;
  const last = new Map<number, number>();
  return {
    async waitForIdentify(shardId, signal) {
      const now = Date.now();
      const wait = waitForSlot({
        shardId,
        shardCount,
        maxConcurrency,
        now,
        lastIdentifyAt: last.get(shardId),
      });
      await sleep(wait, undefined, { signal });
      last.set(shardId, Date.now());
    },
  };
};
