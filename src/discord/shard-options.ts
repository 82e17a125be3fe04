import { setTimeout as sleep } from 'node:timers/promises';
import { type Client, type ClientOptions, Routes } from 'discord.js';
import { waitForSlot } from '../connection/identify-slots.js';
import { type ShardRequest, shardIds } from '../connection/shards.js';

/**
 * The client's shard options for a request: every shard (discord.js asks /gateway/bot how
 * many), or this process's part of them, with IDENTIFYs paced across processes by slots
 * (src/connection/identify-slots.ts) rather than by discord.js's per-process throttler.
 */
export async function applyShards(
  client: Client,
  token: string,
  request: ShardRequest | undefined,
) {
  if (!request || request.kind === 'all') {
    client.options.shards = 'auto';
    return;
  }
  let count = request.count;
  if (count === 'auto') {
    client.rest.setToken(token);
    const info = (await client.rest.get(Routes.gatewayBot())) as { shards: number };
    count = info.shards;
  }
  client.options.shards = shardIds(request, count);
  client.options.shardCount = count;
}

export const pacedIdentifies: NonNullable<ClientOptions['ws']>['buildIdentifyThrottler'] = async (
  manager,
) => {
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
