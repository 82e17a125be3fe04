import { describe, expect, it } from 'vitest';
import {
  DEFAULT_IDS,
  demoTimeline,
  demoWorld,
  loadTimeline,
  type TimelineEntry,
  voiceTimeline,
  WorldSpecError,
} from '../src/index.js';
import { DEFAULT_BOT } from '../src/world/default-world.js';
import { World } from '../src/world/world.js';
import { until, useEmulator } from './harness.js';

const { guilds, channels, users } = DEFAULT_IDS;

/** Applies the world events of a timeline to a World directly, the way the emulator does. */
function play(world: World, entries: readonly TimelineEntry[]): void {
  for (const { event } of [...entries].sort((a, b) => a.at - b.at)) {
    if (event.type === 'voiceJoin') world.voiceJoin(event.userId, event.channelId);
    else if (event.type === 'voiceMove') world.voiceMove(event.userId, event.channelId);
    else if (event.type === 'voiceLeave') world.voiceLeave(event.userId, event.guildId);
    else if (event.type === 'memberAdd') world.memberAdd(event.guildId, event.user);
    else if (event.type === 'memberRemove') world.memberRemove(event.guildId, event.userId);
  }
}

const voiceOf = (world: World) =>
  world.snapshot().guilds.map((g) => g.voiceStates.map((v) => `${v.userId}@${v.channelId}`).sort());

describe('the timeline', () => {
  const harness = useEmulator();

  it('fires scripted world events, repeating ones included, and the client sees them', async () => {
    const timeline = loadTimeline(
      JSON.parse(`[
        { "at": 0, "every": 300, "event": { "type": "voiceJoin", "userId": "${users.erin}", "channelId": "${channels.alphaGaming}" } },
        { "at": 150, "every": 300, "event": { "type": "voiceLeave", "userId": "${users.erin}", "guildId": "${guilds.alpha}" } }
      ]`),
    );
    const emu = await harness.start({ timeline });
    const client = await harness.login(emu);

    // discord.js patches VoiceState objects in place, so note each channel as it is seen.
    const seen: (string | null)[] = [];
    client.on('voiceStateUpdate', (_old, now) => {
      if (now.id === users.erin) seen.push(now.channelId);
    });
    await until(
      () => seen.includes(null) && seen.includes(channels.alphaGaming),
      'Erin joined and left',
    );
    const sent = emu.payloads
      .filter((p) => p.t === 'VOICE_STATE_UPDATE')
      .map((p) => (p.d as { channel_id: string | null }).channel_id);
    // Join and leave alternate, however the client's login fell between them.
    expect(sent.every((id, i) => i === 0 || (id === null) !== (sent[i - 1] === null))).toBe(true);
    expect(new Set(sent)).toEqual(new Set([channels.alphaGaming, null]));
  });

  it('fires scripted faults: a 429 burst the client must wait out', async () => {
    const emu = await harness.start({
      timeline: [
        {
          at: 0,
          event: { type: 'rateLimit', route: 'GET /gateway/bot', count: 2, retryAfterMs: 100 },
        },
      ],
    });
    // Let the 0 ms entry fire before the client's first request.
    await new Promise((resolve) => setTimeout(resolve, 20));
    await harness.login(emu);

    expect(emu.requests.filter((r) => r.route === 'GET /gateway/bot').map((r) => r.status)).toEqual(
      [429, 429, 200],
    );
  });

  it('refuses timeline data that does not hold together, naming every problem', () => {
    const load = () =>
      loadTimeline([
        { at: -5, event: { type: 'voiceJoin', userId: users.alice } },
        { at: 10, every: 0, event: { type: 'teleport' } },
      ]);
    expect(load).toThrow(WorldSpecError);
    expect(load).toThrow(
      expect.objectContaining({
        issues: [
          'timeline[0].at: must be ≥ 0',
          'timeline[0].event.channelId: required',
          'timeline[1].every: must be ≥ 1',
          expect.stringMatching(
            /^timeline\[1\]\.event\.type: expected one of voiceJoin, .*, got string "teleport"$/,
          ),
        ],
      }),
    );
  });

  it('makes the demo world lively: the same 2–4 s beat every run, returning to where it started', () => {
    const timeline = demoTimeline();
    expect(demoTimeline()).toEqual(timeline);
    expect(timeline.length).toBeGreaterThan(40);

    const cycle = timeline[0]?.every ?? 0;
    expect(timeline.every((e) => e.every === cycle)).toBe(true);
    const gaps = timeline.map((e, i) => e.at - (timeline[i - 1]?.at ?? 0));
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(2_000);
    expect(Math.max(...gaps, cycle - (timeline.at(-1)?.at ?? 0))).toBeLessThanOrEqual(4_000);
    expect(new Set(timeline.map((e) => e.event.type))).toEqual(
      new Set(['voiceJoin', 'voiceMove', 'voiceLeave', 'memberAdd', 'memberRemove']),
    );

    // Two cycles played on the demo world are valid throughout and end in the starting state.
    const world = new World(demoWorld(), DEFAULT_BOT);
    const start = voiceOf(world);
    const changes: string[] = [];
    world.onChange((change) => changes.push(change.type));
    play(world, timeline);
    expect(voiceOf(world)).toEqual(start);
    play(world, timeline);
    expect(voiceOf(world)).toEqual(start);
    expect(changes.filter((c) => c === 'voiceStateUpdate').length).toBeGreaterThanOrEqual(2 * 40);
  });

  it('keeps a client connected to the demo world in step with the voice traffic', async () => {
    const world = demoWorld();
    // One fast pass of a demo-style cycle (no repetition), so the world comes to rest.
    const timeline = voiceTimeline(world, { seed: 7, steps: 16, minGapMs: 40, maxGapMs: 80 }).map(
      ({ every: _every, ...entry }) => entry,
    );
    const emu = await harness.start({ world, timeline });
    const client = await harness.login(emu);
    const startedAt = Date.now();
    const lastAt = Math.max(...timeline.map((e) => e.at));

    const cached = () =>
      client.guilds.cache.map((g) =>
        g.voiceStates.cache
          .filter((v) => v.channelId !== null)
          .map((v) => `${v.id}@${v.channelId}`)
          .sort(),
      );
    const truth = () =>
      emu.world().guilds.map((g) => g.voiceStates.map((v) => `${v.userId}@${v.channelId}`).sort());
    const snapshots = new Set<string>();
    await until(() => {
      snapshots.add(JSON.stringify(cached()));
      return (
        Date.now() > startedAt + lastAt + 50 && JSON.stringify(cached()) === JSON.stringify(truth())
      );
    }, 'the timeline ran out and the client cache matches the world');

    expect(emu.payloads.filter((p) => p.t === 'VOICE_STATE_UPDATE').length).toBeGreaterThan(8);
    // The client saw the voice channels in several different states on the way.
    expect(snapshots.size).toBeGreaterThan(3);
  });
});
