import type { VoiceBasedChannel } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { DEFAULT_IDS, loadTimeline } from '../src/index.js';
import { nextEvent, until, useEmulator } from './harness.js';
import { RawGateway, tryOpen } from './raw-gateway.js';

const { channels, users } = DEFAULT_IDS;

describe('scripted gateway faults', () => {
  const harness = useEmulator();

  it('a gateway-only outage drops the session and refuses reconnects while REST answers; the client resumes after it', async () => {
    const emu = await harness.start();
    const client = await harness.login(emu);

    emu.gatewayOutage();
    // Meanwhile the world goes on: this is buffered, then replayed on resume.
    emu.voiceJoin(users.erin, channels.alphaGeneralVoice);
    await until(
      () => emu.connections.filter((c) => c.closedBy === 'refused').length >= 2,
      'two refused reconnects',
    );
    const user = await client.users.fetch(users.carol, { force: true });
    expect(user.username).toBe('carol');
    expect(emu.connections[0]).toMatchObject({ closedBy: 'dropped', closeCode: 1006 });

    const resumed = nextEvent(client, 'shardResume');
    emu.endGatewayOutage();
    await resumed;

    const refused = emu.connections.filter((c) => c.closedBy === 'refused');
    // discord.js resumes on resume_gateway_url, and so keeps trying there.
    expect(refused.every((c) => c.via === 'resume' && c.closedAt !== null)).toBe(true);
    expect(emu.connections.at(-1)).toMatchObject({ via: 'resume', closedBy: null });
    expect(emu.payloads.filter((p) => p.direction === 'in' && p.op === 2)).toHaveLength(1);
    const general = client.channels.cache.get(channels.alphaGeneralVoice) as VoiceBasedChannel;
    await until(() => general.members.has(users.erin), 'Erin in General after the replay');
  });

  it('an outage from a timeline resets new connections, then ends by itself', async () => {
    const timeline = loadTimeline([
      { at: 0, event: { type: 'gatewayOutage', durationMs: 300, refuse: 'reset' } },
    ]);
    const emu = await harness.start({ timeline });
    await new Promise((resolve) => setTimeout(resolve, 20));

    const during = await tryOpen(emu.gatewayUrl);
    const rest = await fetch(`${emu.apiUrl}/v10/gateway/bot`, {
      headers: { Authorization: `Bot ${emu.token}` },
    });
    let after = during;
    for (const deadline = Date.now() + 3_000; after !== 'open' && Date.now() < deadline; ) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      after = await tryOpen(emu.gatewayUrl);
    }

    expect(during).toMatch(/socket hang up|ECONNRESET/);
    expect(rest.status).toBe(200);
    expect(after).toBe('open');
    expect(emu.connections[0]?.closedBy).toBe('refused');
    expect(emu.connections.at(-1)?.closedBy).not.toBe('refused');
  });

  it('answers an upgrade with 503 during an outage', async () => {
    const emu = await harness.start();
    emu.gatewayOutage({ durationMs: 60_000 });
    expect(await tryOpen(emu.gatewayUrl)).toMatch(/Unexpected server response: 503/);
    emu.endGatewayOutage();
    const socket = await RawGateway.open(emu.gatewayUrl);
    socket.close();
  });

  it('closes a live session with 4014: discord.js gives up, and the session is gone', async () => {
    const emu = await harness.start();
    const client = await harness.login(emu);
    const ready = emu.payloads.find((p) => p.t === 'READY');

    const disconnected = nextEvent(client, 'shardDisconnect');
    expect(() => emu.closeGateway(1006)).toThrow(RangeError);
    emu.closeGateway(4014);
    const [event] = await disconnected;

    expect(event.code).toBe(4014);
    expect(emu.connections[0]).toMatchObject({ closedBy: 'emulator', closeCode: 4014 });
    const raw = await RawGateway.open(emu.resumeGatewayUrl);
    raw.send({ op: 6, d: { token: emu.token, session_id: ready?.sessionId, seq: 1 } });
    expect((await raw.next((p) => p.op === 9)).d).toBe(false);
    raw.close();
  });

  it('closes the sessions of one shard from a timeline, with the code it names', async () => {
    const timeline = loadTimeline([
      { at: 0, every: 50, times: 100, event: { type: 'closeGateway', code: 4014, shard: 1 } },
    ]);
    const emu = await harness.start({ timeline });
    const [zero, one] = await Promise.all([
      RawGateway.open(emu.gatewayUrl),
      RawGateway.open(emu.gatewayUrl),
    ]);
    zero.identify(emu.token, { shard: [0, 2] });
    one.identify(emu.token, { shard: [1, 2] });

    expect(await one.closed).toBe(4014);
    await zero.next((p) => p.t === 'READY');
    const closed = emu.connections.filter((c) => c.closedBy !== null);
    expect(closed).toEqual([expect.objectContaining({ closedBy: 'emulator', closeCode: 4014 })]);
    zero.close();
  });
});
