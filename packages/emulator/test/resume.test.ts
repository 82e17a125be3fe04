import type { VoiceBasedChannel } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { type ConnectionInfo, DEFAULT_IDS, type Emulator } from '../src/index.js';
import { dataOf, nextEvent, until, useEmulator } from './harness.js';

const { guilds, channels, users } = DEFAULT_IDS;

/** Each fault, and how its connection ends: discord.js closes with 4200 when it resumes by choice. */
const faults: [string, (emu: Emulator) => void, Partial<ConnectionInfo>][] = [
  ['op 7 RECONNECT', (emu) => emu.reconnect(), { closedBy: 'client', closeCode: 4200 }],
  ['a dropped socket', (emu) => emu.dropSocket(), { closedBy: 'dropped', closeCode: 1006 }],
  ['op 9 INVALID_SESSION d:true', (emu) => emu.invalidSession(true), { closedBy: null }],
  [
    'unacknowledged heartbeats (zombie)',
    (emu) => emu.stopHeartbeatAcks(),
    { closedBy: 'client', closeCode: 4200 },
  ],
];

describe('surviving gateway faults', () => {
  const harness = useEmulator();

  it.each(faults)(
    'resumes after %s and replays what happened meanwhile',
    async (_name, inject, ending) => {
      const emu = await harness.start();
      const client = await harness.login(emu);
      const faultyConnection = emu.connections.length;

      const resumed = nextEvent(client, 'shardResume');
      inject(emu);
      // From the fault on the session has no listener: this is buffered, then replayed.
      emu.voiceJoin(users.erin, channels.alphaGeneralVoice);
      const [, replayedCount] = await resumed;
      expect(emu.connections[faultyConnection - 1]).toMatchObject(ending);

      const inbound = emu.payloads.filter((p) => p.direction === 'in');
      expect(inbound.filter((p) => p.op === 2)).toHaveLength(1);
      const resume = inbound.find((p) => p.op === 6);
      const ready = dataOf<{ session_id: string }>(emu.payloads.find((p) => p.t === 'READY'));
      expect(resume?.d).toMatchObject({ token: '[redacted]', session_id: ready.session_id });

      const afterResume = emu.payloads.filter(
        (p) => p.direction === 'out' && p.seq > (resume?.seq ?? 0),
      );
      expect(afterResume.map((p) => p.t)).toEqual(
        expect.arrayContaining(['VOICE_STATE_UPDATE', 'RESUMED']),
      );
      const replayed = afterResume.find((p) => p.t === 'VOICE_STATE_UPDATE');
      const resumedPayload = afterResume.find((p) => p.t === 'RESUMED');
      expect(replayed?.seq).toBeLessThan(resumedPayload?.seq ?? 0);
      expect(replayed?.s).toBeGreaterThan(dataOf<{ seq: number }>(resume).seq);
      expect(replayedCount).toBeGreaterThanOrEqual(1);

      // op 9 d:true resumes on the same socket; every other fault on resume_gateway_url.
      if (resume?.connection !== faultyConnection) {
        expect(emu.connections.find((c) => c.id === resume?.connection)?.via).toBe('resume');
      }
      await until(
        () =>
          client.guilds.cache.get(guilds.alpha)?.voiceStates.cache.get(users.erin)?.channelId ===
          channels.alphaGeneralVoice,
        'the replayed voice state reaches the cache',
      );
      const general = client.channels.cache.get(channels.alphaGeneralVoice) as VoiceBasedChannel;
      expect(general.members.map((m) => m.displayName).sort()).toEqual(['Alice', 'Bobby', 'Erin']);
    },
  );

  it('re-identifies after op 9 d:false and ends up with the current world', async () => {
    const emu = await harness.start();
    const client = await harness.login(emu);

    const firstConnection = emu.connections.length;
    const later = (p: { connection: number }) => p.connection > firstConnection;
    const reidentified = emu.waitForPayload(
      (p) => later(p) && p.direction === 'in' && p.op === 2,
      15_000,
    );
    emu.invalidSession(false);
    // The old session is gone: nothing buffers this; the fresh GUILD_CREATE must show it.
    emu.voiceLeave(users.alice, guilds.alpha);
    emu.voiceJoin(users.erin, channels.alphaGaming);
    await reidentified;
    await emu.waitForPayload((p) => later(p) && p.t === 'GUILD_CREATE' && p.s === 3);

    const identifies = emu.payloads.filter((p) => p.direction === 'in' && p.op === 2);
    expect(identifies).toHaveLength(2);
    expect(emu.payloads.filter((p) => p.direction === 'in' && p.op === 6)).toHaveLength(0);
    const sessionIds = emu.payloads
      .filter((p) => p.t === 'READY')
      .map((p) => (p.d as { session_id: string }).session_id);
    expect(new Set(sessionIds).size).toBe(2);
    expect(emu.payloads.filter((p) => p.t === 'VOICE_STATE_UPDATE')).toHaveLength(0);

    await until(
      () => client.guilds.cache.get(guilds.alpha)?.voiceStates.cache.get(users.erin) !== undefined,
      'Erin is cached',
    );
    const alpha = client.guilds.cache.get(guilds.alpha);
    expect(alpha?.voiceStates.cache.get(users.alice)).toBeUndefined();
    expect(alpha?.voiceStates.cache.get(users.erin)?.channelId).toBe(channels.alphaGaming);
  });
});
