import { GatewayIntentBits } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { DEFAULT_IDS, defaultWorld, shardOf, world } from '../src/index.js';
import { dataOf, nextEvent, useEmulator } from './harness.js';

const { guilds, channels, users } = DEFAULT_IDS;

interface Ready {
  guilds: { id: string; unavailable: boolean }[];
  shard: [number, number];
}

describe('sharding', () => {
  const harness = useEmulator();

  it('gives each shard of one client exactly the guilds (guild_id >> 22) % 2 assigns it', async () => {
    expect([shardOf(guilds.alpha, 2), shardOf(guilds.beta, 2)]).toEqual([0, 1]);
    const emu = await harness.start({ world: { ...defaultWorld(), shards: 2 } });
    const client = await harness.login(emu, { shards: [0, 1], shardCount: 2 });

    expect(client.guilds.cache.get(guilds.alpha)?.shardId).toBe(0);
    expect(client.guilds.cache.get(guilds.beta)?.shardId).toBe(1);
    const readies = emu.payloads.filter((p) => p.t === 'READY').map((p) => dataOf<Ready>(p));
    expect(readies.map((r) => [r.shard, r.guilds.map((g) => g.id)]).sort()).toEqual([
      [[0, 2], [guilds.alpha]],
      [[1, 2], [guilds.beta]],
    ]);
    for (const create of emu.payloads.filter((p) => p.t === 'GUILD_CREATE')) {
      expect(create.shard?.[0]).toBe(shardOf(dataOf<{ id: string }>(create).id, 2));
    }
  });

  it('routes a guild event only to the client running that guild’s shard', async () => {
    const emu = await harness.start();
    const shard0 = await harness.login(emu, { shards: 0, shardCount: 2 });
    const shard1 = await harness.login(emu, { shards: 1, shardCount: 2 });
    expect(shard0.guilds.cache.map((g) => g.name)).toEqual(['Alpha Guild']);
    expect(shard1.guilds.cache.map((g) => g.name)).toEqual(['Beta Guild']);

    const seen = nextEvent(shard1, 'voiceStateUpdate');
    emu.voiceJoin(users.erin, channels.betaMusic);
    const [, state] = await seen;
    expect(state.guild.id).toBe(guilds.beta);
    const updates = emu.payloads.filter((p) => p.t === 'VOICE_STATE_UPDATE');
    expect(updates.map((p) => p.shard)).toEqual([[1, 2]]);
  });

  it('applies a fault to one shard only', async () => {
    const emu = await harness.start({
      world: world({
        shards: 3,
        guilds: [{ name: 'Zero Guild' }, { name: 'One Guild' }, { name: 'Two Guild' }],
      }),
    });
    const client = await harness.login(emu, {
      intents: [GatewayIntentBits.Guilds],
      shards: [0, 1, 2],
      shardCount: 3,
    });
    expect(client.guilds.cache.map((g) => `${g.name}@${g.shardId}`).sort()).toEqual([
      'One Guild@1',
      'Two Guild@2',
      'Zero Guild@0',
    ]);

    const resumed = nextEvent(client, 'shardResume');
    emu.reconnect(2);
    const [shardId] = await resumed;
    expect(shardId).toBe(2);
    const reconnects = emu.payloads.filter((p) => p.op === 7);
    expect(reconnects.map((p) => p.shard)).toEqual([[2, 3]]);
    expect(emu.connections.filter((c) => c.closedAt !== null)).toHaveLength(1);
  });
});
