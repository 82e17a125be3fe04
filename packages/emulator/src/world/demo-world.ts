import { pick, randomInt, seededRandom } from '../prng.js';
import { snowflake } from '../snowflake.js';
import type { TimelineEntry, TimelineEvent } from '../timeline.js';
import { DEFAULT_IDS, defaultWorld } from './default-world.js';
import { Permission } from './permissions.js';
import type { GuildSpec, MemberSpec, MessageSpec, WorldSpec } from './spec.js';

const at = (day: number) => snowflake(Date.UTC(2019, 0, 1) + day * 86_400_000);

/** Ids the demo world adds to the default world's. */
export const DEMO_IDS = {
  users: {
    grace: at(10),
    heidi: at(20),
    ivan: at(30),
    judy: at(40),
    mallory: at(50),
    niaj: at(60),
    olivia: at(70),
    peggy: at(80),
    /** Joins Beta Guild and leaves again once per demo cycle. */
    visitor: at(90),
  },
  channels: {
    alphaMusic: snowflake(Date.UTC(2022, 5, 1, 12, 30)),
    betaStudy: snowflake(Date.UTC(2022, 5, 1, 12, 31)),
  },
} as const;

/**
 * The lively world behind `discloop --sandbox`: the default world (see `defaultWorld`) plus
 * Alpha Guild voice "Music" and members Grace, Heidi (nick "Heids"), ivan, Judy, Mallory, and
 * Beta Guild voice "Study Room" and members Niaj, Olivia (nick "Liv"), Peggy.
 * Voice at start: Alpha General alice, bob · Gaming dave, grace · Music heidi;
 * Beta Lounge carol, olivia. Alpha #general has two months of history (one message a day, a
 * few pinned) and the bot may manage messages there, so a purge has something to do.
 */
export function demoWorld(): WorldSpec {
  const spec = defaultWorld();
  const [alpha, beta] = spec.guilds as [GuildSpec, GuildSpec];
  const u = DEMO_IDS.users;
  const person = (
    id: string,
    username: string,
    globalName: string | null,
    nick: string | null = null,
  ): MemberSpec => ({
    id,
    username,
    globalName,
    nick,
    joinedAt: '2024-02-29T12:00:00.000Z',
  });

  alpha.channels?.push({
    id: DEMO_IDS.channels.alphaMusic,
    type: 2,
    name: 'Music',
    position: 3,
    parentId: DEFAULT_IDS.channels.alphaVoiceCategory,
  });
  alpha.members?.push(
    person(u.grace, 'grace', 'Grace'),
    person(u.heidi, 'heidi', 'Heidi', 'Heids'),
    person(u.ivan, 'ivan', null),
    person(u.judy, 'judy', 'Judy'),
    person(u.mallory, 'mallory', 'Mallory'),
  );
  alpha.voiceStates?.push(
    { userId: u.grace, channelId: DEFAULT_IDS.channels.alphaGaming },
    { userId: u.heidi, channelId: DEMO_IDS.channels.alphaMusic },
  );
  alpha.presences?.push(
    { userId: u.grace, status: 'online' },
    { userId: u.heidi, status: 'online' },
  );

  beta.channels?.push({
    id: DEMO_IDS.channels.betaStudy,
    type: 2,
    name: 'Study Room',
    position: 3,
  });
  const botRole = alpha.roles?.find((r) => r.id === DEFAULT_IDS.roles.alphaBot);
  if (botRole)
    botRole.permissions = (BigInt(botRole.permissions) | Permission.ManageMessages).toString();
  const general = alpha.channels?.find((c) => c.id === DEFAULT_IDS.channels.alphaGeneralText);
  if (general) general.messages = demoHistory();

  beta.members?.push(
    person(u.niaj, 'niaj', 'Niaj'),
    person(u.olivia, 'olivia', 'Olivia', 'Liv'),
    person(u.peggy, 'peggy', 'Peggy'),
  );
  beta.voiceStates?.push({ userId: u.olivia, channelId: DEFAULT_IDS.channels.betaLounge });
  beta.presences?.push({ userId: u.olivia, status: 'idle' });
  return spec;
}

/** One message a day for 60 days in Alpha #general, newest first; every 20th pinned. */
function demoHistory(): MessageSpec[] {
  const { alice, bob, dave, erin, frank } = DEFAULT_IDS.users;
  const authors = [alice, bob, dave, erin, frank, DEMO_IDS.users.grace];
  const lines = [
    'Good morning, everyone!',
    'Anyone up for Factorio tonight?',
    'gg, that was close',
    'Who has the notes from the meeting?',
    'The build is green again.',
    'Lunch at noon?',
  ];
  return Array.from({ length: 60 }, (_, day) => {
    const pinned = day % 20 === 5;
    return {
      ageMs: (day + 1) * 86_400_000 - 3_600_000,
      authorId: authors[day % authors.length] ?? alice,
      content: pinned ? 'Welcome! Be kind, and keep #general on topic.' : lines[day % lines.length],
      pinned,
    };
  });
}

export interface VoiceTimelineOptions {
  seed: number;
  /** Random joins, moves and leaves per cycle (then members walk back to where they started). */
  steps: number;
  minGapMs: number;
  maxGapMs: number;
}

/**
 * A cycle of voice activity over `spec`, deterministic for a seed: someone joins, moves or
 * leaves every `minGapMs`–`maxGapMs`, and a visitor joins the second guild and leaves again. The
 * cycle ends where it started, so every entry repeats with `every: cycle length`, forever.
 */
export function voiceTimeline(spec: WorldSpec, options: VoiceTimelineOptions): TimelineEntry[] {
  const random = seededRandom(options.seed);
  const botId = spec.bot?.id;
  const guilds = spec.guilds
    .map((g) => ({
      id: g.id,
      channels: (g.channels ?? []).filter((c) => c.type === 2).map((c) => c.id),
      people: (g.members ?? []).filter((m) => !m.bot && m.id !== botId).map((m) => m.id),
      start: new Map((g.voiceStates ?? []).map((v) => [v.userId, v.channelId])),
    }))
    .filter((g) => g.channels.length > 0 && g.people.length > 0);
  if (guilds.length === 0) return [];
  const now = guilds.map((g) => new Map(g.start));
  const events: TimelineEvent[] = [];

  for (let step = 0; step < options.steps; step++) {
    const index = randomInt(random, 0, guilds.length - 1);
    const guild = guilds[index];
    const state = now[index];
    if (!guild || !state) continue;
    const userId = pick(random, guild.people);
    const current = state.get(userId);
    const others = guild.channels.filter((c) => c !== current);
    if (current && (random() < 0.5 || others.length === 0)) {
      events.push({ type: 'voiceLeave', userId, guildId: guild.id });
      state.delete(userId);
    } else {
      const channelId = pick(random, others);
      events.push({ type: current ? 'voiceMove' : 'voiceJoin', userId, channelId });
      state.set(userId, channelId);
    }
  }
  guilds.forEach((guild, index) => {
    const state = now[index] ?? new Map<string, string>();
    for (const userId of guild.people) {
      const from = state.get(userId);
      const to = guild.start.get(userId);
      if (from === to) continue;
      if (!to) events.push({ type: 'voiceLeave', userId, guildId: guild.id });
      else events.push({ type: from ? 'voiceMove' : 'voiceJoin', userId, channelId: to });
    }
  });
  const visitorGuild = guilds[1] ?? guilds[0];
  if (visitorGuild) {
    const userId = DEMO_IDS.users.visitor;
    const quarter = Math.floor(events.length / 4);
    events.splice(quarter, 0, {
      type: 'memberAdd',
      guildId: visitorGuild.id,
      user: { id: userId, username: 'visitor', globalName: 'Visitor' },
    });
    events.splice(Math.max(quarter * 3, quarter + 1), 0, {
      type: 'memberRemove',
      guildId: visitorGuild.id,
      userId,
    });
  }

  let time = 0;
  const times = events.map(() => {
    time += randomInt(random, options.minGapMs, options.maxGapMs);
    return time;
  });
  const cycle = time + randomInt(random, options.minGapMs, options.maxGapMs);
  return events.map((event, i) => ({ at: times[i] ?? 0, every: cycle, event }));
}

/** The demo world's never-ending voice traffic: a 2–4 s beat, the same on every run. */
export function demoTimeline(): TimelineEntry[] {
  return voiceTimeline(demoWorld(), {
    seed: 20_240_601,
    steps: 40,
    minGapMs: 2_000,
    maxGapMs: 4_000,
  });
}
