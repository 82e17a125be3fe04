import { ActivityType, GatewayIntentBits } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { DEFAULT_IDS } from '../src/index.js';
import { useEmulator } from './harness.js';

describe('logging in to the emulator', () => {
  const harness = useEmulator();

  it('brings the client to clientReady with every guild and its channels cached', async () => {
    const emu = await harness.start();
    const client = await harness.login(emu, { intents: [GatewayIntentBits.Guilds] });

    expect(client.user?.id).toBe(DEFAULT_IDS.bot);
    expect(client.user?.username).toBe('Discloop');
    expect(client.guilds.cache.map((g) => g.name).sort()).toEqual(['Alpha Guild', 'Beta Guild']);
    const alpha = client.guilds.cache.get(DEFAULT_IDS.guilds.alpha);
    expect(alpha?.available).toBe(true);
    expect(alpha?.channels.cache.map((c) => c.name).sort()).toEqual(
      [
        'Gaming',
        'General',
        'Text Channels',
        'Town Hall',
        'Voice Channels',
        'announcements',
        'general',
        'staff',
      ].sort(),
    );
    expect(alpha?.roles.everyone.id).toBe(DEFAULT_IDS.guilds.alpha);
    expect(client.application?.id).toBe(DEFAULT_IDS.bot);
  });

  it('records GET /gateway/bot and an IDENTIFY whose token is redacted', async () => {
    const emu = await harness.start();
    await harness.login(emu, { intents: [GatewayIntentBits.Guilds] });

    const gatewayBot = emu.requests.filter((r) => r.route === 'GET /gateway/bot');
    expect(gatewayBot).toHaveLength(1);
    expect(gatewayBot[0]).toMatchObject({
      status: 200,
      apiVersion: 10,
      headers: { authorization: 'Bot [redacted]' },
    });
    expect(gatewayBot[0]?.response).toMatchObject({ url: emu.gatewayUrl, shards: 1 });

    const identify = emu.payloads.find((p) => p.direction === 'in' && p.op === 2);
    expect(identify?.d).toMatchObject({
      token: '[redacted]',
      intents: GatewayIntentBits.Guilds,
      shard: [0, 1],
    });
    const ready = emu.payloads.find((p) => p.t === 'READY');
    expect(ready?.s).toBe(1);
    expect(ready?.d).toMatchObject({
      resume_gateway_url: emu.resumeGatewayUrl,
      application: { id: DEFAULT_IDS.bot },
    });
    expect(JSON.stringify([emu.requests, emu.payloads])).not.toContain(emu.token);
  });

  it('takes the bot presence from op 3 into the world', async () => {
    const emu = await harness.start();
    const client = await harness.login(emu, { intents: [GatewayIntentBits.Guilds] });

    client.user?.setPresence({
      status: 'dnd',
      activities: [{ name: 'Members: 6', type: ActivityType.Watching }],
    });
    const update = await emu.waitForPayload((p) => p.direction === 'in' && p.op === 3);
    expect(update.d).toMatchObject({
      status: 'dnd',
      activities: [{ name: 'Members: 6', type: 3 }],
    });
    expect(emu.world().bot.presence).toMatchObject({
      status: 'dnd',
      activities: [{ name: 'Members: 6' }],
    });
  });
});
