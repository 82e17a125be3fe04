import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEFAULT_IDS, type Emulator, startEmulator } from '@discloop/emulator';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { spawnCli } from '../helpers/cli.js';
import { type NdjsonLine, validNdjson } from '../helpers/ndjson-schema.js';

const { channels } = DEFAULT_IDS;
let emu: Emulator;
let dir: string;

beforeEach(async () => {
  emu = await startEmulator({ heartbeatIntervalMs: 1000 });
  dir = await mkdtemp(path.join(tmpdir(), 'discloop-actions-'));
});
afterEach(() => emu.close());

/** Runs `discloop run` on `yaml` with --json until it exits; every line must be SPEC §5 NDJSON. */
async function run(yaml: string, during?: (cli: ReturnType<typeof spawnCli>) => Promise<void>) {
  await writeFile(path.join(dir, 'loops.yaml'), yaml);
  const cli = spawnCli(
    ['run', '--json'],
    { DISCORD_TOKEN: emu.token, DISCLOOP_API_URL: emu.apiUrl },
    dir,
  );
  await during?.(cli);
  const { code, stdout, stderr } = await cli.exit;
  return { code, stderr, lines: validNdjson(stdout) };
}

type RunLine = Extract<NdjsonLine, { type: 'run' }>;
const runsOf = (lines: NdjsonLine[], loop: string) =>
  lines
    .filter((l): l is RunLine => l.type === 'run' && l.loop === loop)
    .sort((a, b) => a.iteration - b.iteration);
const posts = (channelId: string) =>
  emu.requests.filter(
    (r) => r.route === 'POST /channels/:id/messages' && r.params.id === channelId,
  );

describe('each action, as the emulator sees it', () => {
  it('send-message renders its template and never lets a mention ping unless asked', async () => {
    const { code, lines } = await run(`loops:
  - name: hello
    action: send-message
    with: { channel: general, guild: Alpha Guild, content: "Members: {guild.memberCount} @everyone, run {loop.iteration}" }
    seconds: 1
    count: 1
  - name: ping-users
    action: send-message
    with: { channel: welcome, content: "hi <@${DEFAULT_IDS.users.carol}>", allowMentions: users }
    seconds: 1
    count: 1
`);
    expect(code).toBe(0);
    const [hello] = posts(channels.alphaGeneralText);
    expect(hello?.body).toMatchObject({
      content: 'Members: 6 @everyone, run 1',
      allowed_mentions: { parse: [] },
    });
    expect(hello?.status).toBe(200);
    expect(posts(channels.betaWelcome)[0]?.body).toMatchObject({
      allowed_mentions: { parse: ['users'] },
    });
    expect(runsOf(lines, 'hello')[0]).toMatchObject({
      ok: true,
      data: {
        channel: { id: channels.alphaGeneralText, name: 'general' },
        message: { content: 'Members: 6 @everyone, run 1' },
      },
    });
  });

  it('rename-channel renames once, then sends nothing while the name would not change', async () => {
    const { code, lines } = await run(`loops:
  - name: counter
    action: rename-channel
    with: { channel: General, guild: Alpha Guild, name: "In voice: {guild.voiceCount}" }
    seconds: 1
    count: 2
`);
    expect(code).toBe(0);
    const patches = emu.requests.filter((r) => r.route === 'PATCH /channels/:id');
    expect(patches.map((p) => [p.params.id, p.body])).toEqual([
      [channels.alphaGeneralVoice, { name: 'In voice: 3' }],
    ]);
    expect(runsOf(lines, 'counter').map((r) => r.ok && r.data)).toEqual([
      expect.objectContaining({ from: 'General', to: 'In voice: 3', changed: true }),
      expect.objectContaining({ from: 'In voice: 3', to: 'In voice: 3', changed: false }),
    ]);
    // Every second is far more often than Discord allows renames: the config says so.
    expect(lines.find((l) => l.type === 'warning')).toMatchObject({
      message: expect.stringContaining('Discord allows 2 renames per channel per 10 minutes'),
    });
  });

  it('set-presence rotates through its activities, one per run, over gateway op 3', async () => {
    const { code } = await run(`loops:
  - name: status
    action: set-presence
    with: { status: idle, activities: ["Watching {bot.guildCount} guilds", "Playing chess", "On a loop"] }
    seconds: 1
    count: 4
`);
    expect(code).toBe(0);
    const presences = emu.payloads
      .filter((p) => p.direction === 'in' && p.op === 3)
      .map((p) => p.d as { status: string; activities: object[] });
    expect(presences.map((p) => p.status)).toEqual(['idle', 'idle', 'idle', 'idle']);
    expect(presences.map((p) => p.activities[0])).toEqual([
      expect.objectContaining({ type: 3, name: '2 guilds' }),
      expect.objectContaining({ type: 0, name: 'chess' }),
      expect.objectContaining({ type: 4, state: 'On a loop' }),
      expect.objectContaining({ type: 3, name: '2 guilds' }),
    ]);
    expect(emu.world().bot).toMatchObject({ presence: { status: 'idle' } });
  });

  it('guilds and member-count report what the world holds', async () => {
    const { code, lines } = await run(`loops:
  - { name: where, action: guilds, seconds: 1, count: 1 }
  - { name: counts, action: member-count, seconds: 1, count: 1 }
`);
    expect(code).toBe(0);
    expect(runsOf(lines, 'where')[0]).toMatchObject({
      data: {
        guilds: [
          { name: 'Alpha Guild', memberCount: 6, shard: 0 },
          { name: 'Beta Guild', memberCount: 4, shard: 0 },
        ],
      },
    });
    expect(runsOf(lines, 'counts')[0]).toMatchObject({
      data: {
        guilds: [
          { name: 'Alpha Guild', members: 6 },
          { name: 'Beta Guild', members: 4 },
        ],
      },
    });
    expect(
      emu.requests.filter((r) => r.route === 'GET /guilds/:id' && r.query.with_counts === 'true'),
    ).toHaveLength(2);
  });
});

describe('a failing run is reported and every other loop goes on', () => {
  it('403, unknown channel and a 429 burst, while list-voice keeps running', async () => {
    emu.rateLimit({
      route: `POST /channels/${channels.betaWelcome}/messages`,
      count: 2,
      retryAfterMs: 300,
    });
    const { code, lines } = await run(`loops:
  - { name: denied, action: send-message, with: { channel: announcements, content: hi }, seconds: 1, count: 1 }
  - { name: nowhere, action: send-message, with: { channel: nope, content: hi }, seconds: 1, count: 1 }
  - { name: no-manage, action: rename-channel, with: { channel: Lounge, name: Chill }, minutes: 10, count: 1 }
  - { name: burst, action: send-message, with: { channel: welcome, content: "after the burst" }, seconds: 1, count: 1 }
  - { name: voice, action: list-voice, seconds: 1, count: 3 }
`);
    expect(code).toBe(0);
    expect(runsOf(lines, 'denied')[0]).toMatchObject({
      ok: false,
      error: {
        code: 'missing_permissions',
        message: expect.stringContaining('the bot lacks Send Messages there'),
      },
    });
    expect(runsOf(lines, 'nowhere')[0]).toMatchObject({
      ok: false,
      error: { code: 'unknown_channel' },
    });
    expect(runsOf(lines, 'no-manage')[0]).toMatchObject({
      ok: false,
      error: {
        code: 'missing_permissions',
        message: expect.stringMatching(
          /rename #Lounge \(Beta Guild\): the bot lacks Manage Channels/,
        ),
      },
    });
    expect(runsOf(lines, 'burst')[0]).toMatchObject({ ok: true });
    expect(posts(channels.betaWelcome).map((r) => r.status)).toEqual([429, 429, 200]);
    expect(runsOf(lines, 'voice').map((r) => r.ok)).toEqual([true, true, true]);
  });

  it('a rate limit longer than 10 s fails the run with the wait instead of hanging it', async () => {
    emu.rateLimit({ route: 'PATCH /channels/:id', count: 1, retryAfterMs: 600_000 });
    const { code, lines } = await run(`loops:
  - { name: counter, action: rename-channel, with: { channel: General, guild: Alpha Guild, name: "Busy" }, minutes: 5, count: 1 }
`);
    expect(code).toBe(0);
    expect(runsOf(lines, 'counter')[0]).toMatchObject({
      ok: false,
      error: {
        code: 'rate_limited',
        message: expect.stringContaining(
          'could not rename #General (Alpha Guild), it can be tried again in 10m (Discord allows 2 renames per channel per 10 minutes)',
        ),
      },
    });
  });
});

describe('NDJSON (SPEC §5)', () => {
  it('every event type validates against the schema', async () => {
    // A 1.5 s rate limit makes the first run overrun its 1 s interval: the next tick is skipped.
    emu.rateLimit({
      route: `POST /channels/${channels.alphaGeneralText}/messages`,
      count: 1,
      retryAfterMs: 1500,
    });
    const { code, lines } = await run(
      `loops:
  - { name: slow, action: send-message, with: { channel: general, guild: Alpha Guild, content: tick }, seconds: 1, count: 2 }
  - { name: counter, action: rename-channel, with: { channel: Music, name: "Music {loop.iteration}" }, seconds: 1, count: 1 }
  - { name: voice, action: list-voice, seconds: 1, count: 4 }
`,
      async (cli) => {
        await cli.nextLine(
          (line) => line.includes('"loop":"voice"') && line.includes('"iteration":2,'),
        );
        emu.dropSocket();
      },
    );
    expect(code).toBe(0);
    expect(new Set(lines.map((l) => l.type))).toEqual(
      new Set(['warning', 'ready', 'run', 'skip', 'end', 'disconnect', 'reconnect', 'rate-limit']),
    );
    expect(lines.filter((l) => l.type === 'rate-limit')).toEqual([
      expect.objectContaining({
        route: 'POST /channels/:id/messages',
        loop: 'slow',
        scope: 'user',
      }),
    ]);
    expect(lines.filter((l) => l.type === 'run' && !l.ok)).toHaveLength(1); // Music is in Beta: no Manage Channels
    expect(lines.find((l) => l.type === 'skip')).toMatchObject({ loop: 'slow', reason: 'overlap' });
  });
});

describe('every action is a subcommand too', () => {
  it('send-message --channel … --content … --once posts one message', async () => {
    const { code, stdout } = await spawnCli(
      [
        'send-message',
        '--channel',
        'general',
        '--guild',
        'Alpha Guild',
        '--content',
        'Hello from {guild.name}',
        '--once',
      ],
      { DISCORD_TOKEN: emu.token, DISCLOOP_API_URL: emu.apiUrl },
    ).exit;
    expect(code).toBe(0);
    expect(stdout).toBe('→ #general (Alpha Guild): Hello from Alpha Guild');
    expect(posts(channels.alphaGeneralText).map((r) => r.body)).toEqual([
      expect.objectContaining({
        content: 'Hello from Alpha Guild',
        allowed_mentions: { parse: [] },
      }),
    ]);
  });

  it('set-presence --every 1s --count 2 runs twice', async () => {
    const { code } = await spawnCli(
      ['set-presence', '--activities', 'Playing a', 'Playing b', '--every', '1s', '--count', '2'],
      {
        DISCORD_TOKEN: emu.token,
        DISCLOOP_API_URL: emu.apiUrl,
      },
    ).exit;
    expect(code).toBe(0);
    const names = emu.payloads
      .filter((p) => p.direction === 'in' && p.op === 3)
      .map((p) => (p.d as { activities: { name: string }[] }).activities[0]?.name);
    expect(names).toEqual(['a', 'b']);
  });

  it.each([
    ['Listening to the voice channels', 'online · Listening to the voice channels'],
    ['Competing in a race', 'online · Competing in a race'],
    ['Watching 2 guilds', 'online · Watching 2 guilds'],
  ])('set-presence --once "%s" prints it as Discord shows it', async (activity, text) => {
    const { code, stdout } = await spawnCli(['set-presence', '--activities', activity], {
      DISCORD_TOKEN: emu.token,
      DISCLOOP_API_URL: emu.apiUrl,
    }).exit;
    expect(code).toBe(0);
    expect(stdout).toBe(text);
  });

  it('checks flags before connecting: an unknown placeholder, nothing to send', async () => {
    const env = { DISCORD_TOKEN: emu.token, DISCLOOP_API_URL: emu.apiUrl };
    const typo = await spawnCli(
      ['send-message', '--channel', 'general', '--content', 'Hi {guild.nmae}'],
      env,
    ).exit;
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain(
      '--content: unknown placeholder {guild.nmae}: did you mean {guild.name}?',
    );
    const empty = await spawnCli(['send-message', '--channel', 'general'], env).exit;
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain(
      '--content: nothing to send: expected content, an embed, or both',
    );
    expect(emu.requests.filter((r) => r.route === 'GET /gateway/bot')).toHaveLength(0);
  });
});
