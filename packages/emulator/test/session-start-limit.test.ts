import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { type Emulator, type EmulatorOptions, startEmulator, world } from '../src/index.js';
import { RawGateway } from './raw-gateway.js';

/** Four shards in two buckets (max_concurrency 2): shards 0 and 2 share bucket 0, 1 and 3 bucket 1. */
const fourShards = { ...world({ shards: 4, guilds: [{ name: 'Only Guild' }] }), maxConcurrency: 2 };

describe("Discord's session start limit", () => {
  const opened: { emus: Emulator[]; sockets: RawGateway[] } = { emus: [], sockets: [] };
  afterEach(async () => {
    for (const socket of opened.sockets.splice(0)) socket.close();
    await Promise.all(opened.emus.splice(0).map((emu) => emu.close()));
  });
  const start = async (options: EmulatorOptions = {}) => {
    const emu = await startEmulator({ heartbeatIntervalMs: 5_000, world: fourShards, ...options });
    opened.emus.push(emu);
    return emu;
  };
  const identified = async (emu: Emulator, shard: number, token = emu.token) => {
    const socket = await RawGateway.open(emu.gatewayUrl);
    opened.sockets.push(socket);
    socket.identify(token, { shard: [shard, 4] });
    return socket;
  };
  const isReady = (p: { t: string | null }) => p.t === 'READY';
  const isInvalidSession = (p: { op: number }) => p.op === 9;
  const gatewayBot = async (emu: Emulator, token = emu.token) => {
    const response = await fetch(`${emu.apiUrl}/v10/gateway/bot`, {
      headers: { Authorization: `Bot ${token}` },
    });
    return {
      status: response.status,
      body: (await response.json()) as { session_start_limit: Record<string, number> },
    };
  };

  it('answers a second IDENTIFY in one bucket within 5 s with op 9 d:false, and lets other buckets in', async () => {
    const emu = await start();
    const first = await identified(emu, 0);
    await first.next(isReady);
    const sameBucket = await identified(emu, 2);
    const otherBucket = await identified(emu, 1);

    expect(await sameBucket.next(isInvalidSession)).toMatchObject({ op: 9, d: false });
    await otherBucket.next(isReady);
    expect(sameBucket.received.some(isReady)).toBe(false);
    // The refused IDENTIFY started nothing: two session starts, and the socket is still open.
    expect((await gatewayBot(emu)).body.session_start_limit).toMatchObject({
      total: 1000,
      remaining: 998,
      max_concurrency: 2,
    });
    expect(emu.connections[1]).toMatchObject({ closedAt: null });
  });

  it('accepts the refused shard once its bucket’s interval has passed, on the same socket', async () => {
    const emu = await start({ sessionStartLimit: { intervalMs: 300 } });
    await (await identified(emu, 0)).next(isReady);
    const retry = await identified(emu, 2);
    await retry.next(isInvalidSession);

    await sleep(350);
    retry.identify(emu.token, { shard: [2, 4] });
    await retry.next(isReady);
    const sent = emu.payloads.filter((p) => p.direction === 'out' && (p.op === 9 || isReady(p)));
    expect(sent.map((p) => p.op)).toEqual([0, 9, 0]);
  });

  it('does not count or limit a RESUME', async () => {
    const emu = await start();
    const first = await identified(emu, 0);
    const ready = (await first.next(isReady)).d as { session_id: string };
    first.close();

    const resume = await RawGateway.open(emu.resumeGatewayUrl);
    opened.sockets.push(resume);
    resume.send({ op: 6, d: { token: emu.token, session_id: ready.session_id, seq: 1 } });
    await resume.next((p) => p.t === 'RESUMED');
    expect((await gatewayBot(emu)).body.session_start_limit.remaining).toBe(999);
  });

  it('lets every IDENTIFY in when switched off, still counting the starts', async () => {
    const emu = await start({ sessionStartLimit: false });
    const sockets = await Promise.all([0, 2, 0, 2].map((shard) => identified(emu, shard)));
    await Promise.all(sockets.map((s) => s.next(isReady)));
    expect(emu.payloads.filter(isInvalidSession)).toEqual([]);
    expect((await gatewayBot(emu)).body.session_start_limit.remaining).toBe(996);
  });

  it('past the day’s session starts, ends every session with 4004 and resets the token', async () => {
    const emu = await start({ sessionStartLimit: { total: 2, intervalMs: 0 } });
    const oldToken = emu.token;
    const live = await identified(emu, 0);
    await live.next(isReady);
    await (await identified(emu, 1)).next(isReady);
    expect((await gatewayBot(emu)).body.session_start_limit).toMatchObject({
      total: 2,
      remaining: 0,
    });

    const third = await identified(emu, 0, oldToken);
    expect(await third.closed).toBe(4004);
    expect(await live.closed).toBe(4004);
    expect(emu.token).not.toBe(oldToken);
    expect((await gatewayBot(emu, oldToken)).status).toBe(401);
  });
});
