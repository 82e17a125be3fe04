import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_IDS, type Emulator, type EmulatorOptions, startEmulator } from '../src/index.js';
import { RawGateway } from './raw-gateway.js';

const { channels, users } = DEFAULT_IDS;

describe('the gateway protocol, byte by byte', () => {
  const opened: { emus: Emulator[]; sockets: RawGateway[] } = { emus: [], sockets: [] };
  afterEach(async () => {
    for (const socket of opened.sockets.splice(0)) socket.close();
    await Promise.all(opened.emus.splice(0).map((emu) => emu.close()));
  });
  const start = async (options: EmulatorOptions = {}) => {
    const emu = await startEmulator({ heartbeatIntervalMs: 5_000, ...options });
    opened.emus.push(emu);
    return emu;
  };
  const connect = async (url: string) => {
    const socket = await RawGateway.open(url);
    opened.sockets.push(socket);
    return socket;
  };

  it.each([
    [
      'a payload before IDENTIFY',
      4003,
      (s: RawGateway) =>
        s.send({ op: 3, d: { status: 'online', activities: [], since: null, afk: false } }),
    ],
    ['undecodable JSON', 4002, (s: RawGateway) => s.send('{nope')],
    [
      'an IDENTIFY with an impossible shard',
      4010,
      (s: RawGateway, token: string) => s.identify(token, { shard: [2, 2] }),
    ],
    [
      'unknown intent bits',
      4013,
      (s: RawGateway, token: string) => s.identify(token, { intents: 1 << 30 }),
    ],
    ['a wrong token', 4004, (s: RawGateway) => s.identify('wrong-but-still-secret')],
  ])('closes the connection after %s with %i', async (_what, code, act) => {
    const emu = await start();
    const socket = await connect(emu.gatewayUrl);
    act(socket, emu.token);
    expect(await socket.closed).toBe(code);
    expect(emu.connections[0]).toMatchObject({ closedBy: 'emulator', closeCode: code });
    // Whatever token came in, right or wrong, the record only says it was there.
    const identify = emu.payloads.find((p) => p.op === 2);
    if (identify) expect(identify.d).toMatchObject({ token: '[redacted]' });
    expect(JSON.stringify(emu.payloads)).not.toContain('wrong-but-still-secret');
  });

  it('closes with 4005 on a second IDENTIFY and 4001 on an unknown opcode', async () => {
    // Two sessions of shard 0 in a row: without the 5 s session start limit.
    const emu = await start({ sessionStartLimit: false });
    const twice = await connect(emu.gatewayUrl);
    twice.identify(emu.token);
    await twice.next((p) => p.t === 'READY');
    twice.identify(emu.token);
    expect(await twice.closed).toBe(4005);

    const unknown = await connect(emu.gatewayUrl);
    unknown.identify(emu.token);
    await unknown.next((p) => p.t === 'READY');
    unknown.send({ op: 99, d: null });
    expect(await unknown.closed).toBe(4001);
  });

  it('answers a RESUME of an unknown session with op 9 d:false', async () => {
    const emu = await start();
    const socket = await connect(`${emu.resumeGatewayUrl}?v=10&encoding=json`);
    socket.send({ op: 6, d: { token: emu.token, session_id: 'f'.repeat(32), seq: 3 } });
    expect(await socket.next((p) => p.op === 9)).toMatchObject({ d: false });
  });

  it('forgets a disconnected session after sessionTtlMs', async () => {
    const emu = await start({ sessionTtlMs: 100 });
    const first = await connect(emu.gatewayUrl);
    first.identify(emu.token);
    const ready = (await first.next((p) => p.t === 'READY')).d as { session_id: string };
    emu.dropSocket();
    await first.closed;
    await new Promise((resolve) => setTimeout(resolve, 250));

    const again = await connect(emu.resumeGatewayUrl);
    again.send({ op: 6, d: { token: emu.token, session_id: ready.session_id, seq: 1 } });
    expect(await again.next((p) => p.op === 9)).toMatchObject({ d: false });
  });

  it('closes a connection that stops heartbeating, and the session can still be resumed', async () => {
    const emu = await start({ heartbeatIntervalMs: 100 });
    const quiet = await connect(`${emu.gatewayUrl}/?v=10&encoding=json&compress=zlib-stream`);
    quiet.identify(emu.token, { intents: 1 | 128 });
    const ready = await quiet.next((p) => p.t === 'READY');
    // Never heartbeat: after two intervals and some slack the emulator gives up on us.
    expect(await quiet.closed).toBe(4009);
    emu.voiceJoin(users.erin, channels.alphaGaming);

    const back = await connect(emu.resumeGatewayUrl);
    back.send({
      op: 6,
      d: { token: emu.token, session_id: (ready.d as { session_id: string }).session_id, seq: 3 },
    });
    const resumed = await back.next((p) => p.t === 'RESUMED');
    const replayed = back.received.filter((p) => p.op === 0).map((p) => p.t);
    expect(replayed).toEqual(['VOICE_STATE_UPDATE', 'RESUMED']);
    expect(resumed.s).toBe(5);
    expect(emu.connections.map((c) => c.via)).toEqual(['gateway', 'resume']);
  });

  it('acknowledges heartbeats, asks for one on request, and records op 3 presence updates', async () => {
    const emu = await start();
    const socket = await connect(emu.gatewayUrl);
    socket.send({ op: 1, d: null });
    await socket.next((p) => p.op === 11);
    socket.identify(emu.token);
    await socket.next((p) => p.t === 'READY');

    emu.requestHeartbeat();
    await socket.next((p) => p.op === 1);
    const presence = {
      since: null,
      activities: [{ name: 'Members: 6', type: 3 }],
      status: 'dnd',
      afk: false,
    };
    socket.send({ op: 3, d: presence });
    const recorded = await emu.waitForPayload((p) => p.direction === 'in' && p.op === 3);
    expect(recorded.d).toEqual(presence);
    expect(emu.world().bot.presence).toMatchObject({
      status: 'dnd',
      activities: [{ name: 'Members: 6', type: 3 }],
    });
  });
});
