import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEFAULT_IDS, type Emulator, startEmulator } from '@discloop/emulator';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { spawnCli } from '../helpers/cli.js';
import { type FeedServer, freePort, startFeedServer } from '../helpers/feed-server.js';
import { atom, itemLink, jsonFeed, rss, type TestItem } from '../helpers/feeds.js';
import { type NdjsonLine, validNdjson } from '../helpers/ndjson-schema.js';

const general = DEFAULT_IDS.channels.alphaGeneralText;
let emu: Emulator;
let feeds: FeedServer;
let dir: string;

beforeEach(async () => {
  emu = await startEmulator({ heartbeatIntervalMs: 1000 });
  feeds = await startFeedServer();
  dir = await mkdtemp(path.join(tmpdir(), 'discloop-feed-'));
});
afterEach(async () => {
  await feeds.close();
  await emu.close();
});

/** One post-feed loop to #general of Alpha Guild, every second. */
const config = (url: string, count: number, extra = '') => `loops:
  - name: news
    action: post-feed
    with: { url: "${url}", channel: general, guild: Alpha Guild${extra} }
    seconds: 1
    count: ${count}
`;

/** `discloop run --json` on `yaml` in the test's folder (its state in .discloop/ there). */
async function run(yaml: string) {
  await writeFile(path.join(dir, 'loops.yaml'), yaml);
  const cli = spawnCli(
    ['run', '--json'],
    { DISCORD_TOKEN: emu.token, DISCLOOP_API_URL: emu.apiUrl },
    dir,
  );
  const { code, stdout, stderr } = await cli.exit;
  return { code, stderr, lines: validNdjson(stdout) };
}

type RunLine = Extract<NdjsonLine, { type: 'run' }>;
const runs = (lines: NdjsonLine[]) =>
  lines.filter((l): l is RunLine => l.type === 'run').sort((a, b) => a.iteration - b.iteration);
/** Per run: the titles it posted, or its error code. */
const outcomes = (lines: NdjsonLine[]) =>
  runs(lines).map((r) =>
    r.ok ? (r.data as { posted: { title: string }[] }).posted.map((p) => p.title) : r.error.code,
  );
const posts = () =>
  emu.requests.filter((r) => r.route === 'POST /channels/:id/messages' && r.params.id === general);
const statuses = () => feeds.requests.map((r) => r.status);

const OLD: TestItem[] = [
  { id: 'c', title: 'Third', day: 3 },
  { id: 'b', title: 'Second', day: 2 },
  { id: 'a', title: 'First', day: 1 },
];
/** Two items added at the top, newest first, as feeds list them. */
const NEW: TestItem[] = [
  { id: 'e', title: 'Fifth @everyone', day: 5 },
  { id: 'd', title: 'Fourth', day: 4 },
  ...OLD,
];

describe('post-feed, as the emulator and the feed server see it', () => {
  it('RSS: the first run records, an unchanged feed is a 304, then the 2 new items oldest first without pings', async () => {
    const before = rss('Alpha News', OLD);
    feeds.script(before, before, rss('Alpha News', NEW));
    const { code, lines } = await run(config(feeds.url, 3));
    expect(code).toBe(0);
    expect(outcomes(lines)).toEqual([[], [], ['Fourth', 'Fifth @everyone']]);
    expect(statuses()).toEqual([200, 304, 200]);
    expect(feeds.requests[0]?.headers['if-none-match']).toBeUndefined();
    expect(feeds.requests[1]?.headers['if-none-match']).toBe(feeds.etagOf(before.body));
    expect(posts().map((p) => p.body)).toEqual([
      expect.objectContaining({
        content: `Fourth\n${itemLink('d')}`,
        allowed_mentions: { parse: [] },
      }),
      expect.objectContaining({
        content: `Fifth @everyone\n${itemLink('e')}`,
        allowed_mentions: { parse: [] },
      }),
    ]);
    expect(runs(lines)[2]).toMatchObject({
      data: {
        feed: { title: 'Alpha News', url: feeds.url },
        channel: { id: general, name: 'general' },
        posted: [
          { id: 'd', title: 'Fourth', link: itemLink('d'), message: expect.any(String) },
          { id: 'e', title: 'Fifth @everyone', link: itemLink('e'), message: expect.any(String) },
        ],
        skipped: 0,
      },
    });
    // Every second is far more often than a feed server should be asked: the config says so.
    expect(lines.find((l) => l.type === 'warning')).toMatchObject({
      message: expect.stringContaining(
        'loops.yaml:5:5  post-feed here can run every 1s, but reading a feed more often than every 5 minutes is rude to its server',
      ),
    });
  });

  it('Atom: backfill 2 with maxPerRun 1 spreads them over two runs, then a 304', async () => {
    feeds.script(atom('Beta Blog', OLD));
    const { code, lines } = await run(
      config(
        feeds.url,
        3,
        ', backfill: 2, maxPerRun: 1, content: "{feed.title}: {item.title} by {item.author} ({item.published})"',
      ),
    );
    expect(code).toBe(0);
    expect(outcomes(lines)).toEqual([['Second'], ['Third'], []]);
    expect(runs(lines).map((r) => r.ok && r.data.skipped)).toEqual([1, 0, 0]);
    // With an item still waiting, the feed is read again in full: a 304 would hide it.
    expect(feeds.requests[1]?.headers['if-none-match']).toBeUndefined();
    expect(statuses()).toEqual([200, 200, 304]);
    expect(posts().map((p) => (p.body as { content: string }).content)).toEqual([
      'Beta Blog: Second by Ann (2026-06-02T09:00:00.000Z)',
      'Beta Blog: Third by Ann (2026-06-03T09:00:00.000Z)',
    ]);
  });

  it('JSON Feed with only Last-Modified: If-Modified-Since gets a 304; maxPerRun 1 spreads new items', async () => {
    const lastModified = 'Wed, 03 Jun 2026 09:00:00 GMT';
    const before = { ...jsonFeed('Gamma', OLD), etag: false, lastModified };
    const after = {
      ...jsonFeed('Gamma', NEW),
      etag: false,
      lastModified: 'Fri, 05 Jun 2026 09:00:00 GMT',
    };
    feeds.script(before, before, after);
    const { code, lines } = await run(config(feeds.url, 4, ', maxPerRun: 1'));
    expect(code).toBe(0);
    expect(outcomes(lines)).toEqual([[], [], ['Fourth'], ['Fifth @everyone']]);
    expect(feeds.requests[1]?.headers['if-modified-since']).toBe(lastModified);
    expect(statuses()).toEqual([200, 304, 200, 200]);
    expect(posts()).toHaveLength(2);
  });

  it('404 and bad XML fail their run with the cause; the next run works once the feed is fixed', async () => {
    feeds.script(
      { status: 404 },
      { type: 'application/rss+xml', body: '<rss><channel><item><title>cut off' },
      rss('Alpha News', OLD),
      rss('Alpha News', NEW),
    );
    const { code, lines } = await run(config(feeds.url, 4));
    expect(code).toBe(0);
    expect(outcomes(lines)).toEqual([
      'feed_http_404',
      'feed_invalid',
      [],
      ['Fourth', 'Fifth @everyone'],
    ]);
    const [notFound, broken] = runs(lines);
    expect(notFound).toMatchObject({
      error: { message: `The feed at ${feeds.url} answered HTTP 404 Not Found.` },
    });
    expect(broken).toMatchObject({
      error: {
        message: expect.stringContaining(`The feed at ${feeds.url} is not well-formed XML:`),
      },
    });
  });

  it('with retry, a 503 is tried again within the run; a 404 is not', async () => {
    feeds.script({ status: 503 }, rss('Alpha News', OLD), { status: 404 });
    const { code, lines } = await run(`loops:
  - name: news
    action: post-feed
    with: { url: "${feeds.url}", channel: general, guild: Alpha Guild }
    seconds: 1
    count: 2
    retry: 1
    retryDelay: 100ms
`);
    expect(code).toBe(0);
    expect(statuses()).toEqual([503, 200, 404]);
    expect(runs(lines).map((r) => [r.ok, r.attempts])).toEqual([
      [true, 2],
      [false, 1],
    ]);
  });

  it('a run cut off by its timeout while reading the feed posts nothing, then or later', async () => {
    // Run 2 comes after run 1 was cut off: had run 1 gone on, its posts would be in by then.
    feeds.script({ hang: true }, { status: 404 });
    const { code, lines } = await run(`loops:
  - name: news
    action: post-feed
    with: { url: "${feeds.url}", channel: general, guild: Alpha Guild, backfill: 2 }
    seconds: 1
    count: 2
    timeout: 500ms
`);
    expect(code).toBe(0);
    expect(outcomes(lines)).toEqual(['timeout', 'feed_http_404']);
    expect(statuses()).toEqual([0, 404]);
    expect(posts()).toEqual([]);
  });
});

describe('post-feed across restarts', () => {
  it('a post Discord refuses is not marked seen; the ones before it in the run are', async () => {
    feeds.script(rss('Alpha News', OLD), rss('Alpha News', NEW));
    // Run 2's first post goes through; its second meets a 10-minute rate limit, failing the run.
    let armed = false;
    void emu.waitForRequest((r) => {
      if (r.route !== 'POST /channels/:id/messages' || armed) return false;
      armed = true;
      emu.rateLimit({ route: 'POST /channels/:id/messages', count: 1, retryAfterMs: 600_000 });
      return true;
    }, 60_000);
    const first = await run(config(feeds.url, 2));
    expect(outcomes(first.lines)).toEqual([[], 'rate_limited']);
    // A new process (discord.js forgets the 10 minutes; Discord would not) posts only the rest.
    const second = await run(config(feeds.url, 3));
    expect(outcomes(second.lines)).toEqual([['Fifth @everyone']]);
    expect(posts().map((p) => [p.status, (p.body as { content: string }).content])).toEqual([
      [200, `Fourth\n${itemLink('d')}`],
      [429, `Fifth @everyone\n${itemLink('e')}`],
      [200, `Fifth @everyone\n${itemLink('e')}`],
    ]);
  });

  it('a refused connection fails the run; later processes keep the seen items and the ETag', async () => {
    await feeds.close();
    const port = await freePort();
    const url = `http://127.0.0.1:${port}/feed`;
    const down = await run(config(url, 1));
    expect(down.code).toBe(0);
    expect(runs(down.lines)[0]).toMatchObject({
      ok: false,
      error: { code: 'feed_unreachable', message: expect.stringContaining('ECONNREFUSED') },
    });

    feeds = await startFeedServer(port);
    const before = rss('Alpha News', OLD);
    feeds.script(before);
    const up = await run(config(url, 2));
    expect(outcomes(up.lines)).toEqual([[]]);
    expect(runs(up.lines)[0]?.iteration).toBe(2);

    feeds.script(rss('Alpha News', NEW));
    const later = await run(config(url, 3));
    expect(later.stderr).toContain('news: continuing after run 2.');
    expect(outcomes(later.lines)).toEqual([['Fourth', 'Fifth @everyone']]);
    expect(feeds.requests.map((r) => r.headers['if-none-match'])).toEqual([
      undefined,
      feeds.etagOf(before.body),
    ]);
    expect(posts()).toHaveLength(2);
  });
});

describe('post-feed as a subcommand', () => {
  const env = () => ({ DISCORD_TOKEN: emu.token, DISCLOOP_API_URL: emu.apiUrl });

  it('--backfill 2 --once posts the two newest items and prints them', async () => {
    feeds.script(rss('Alpha News', OLD));
    const args = ['--url', feeds.url, '--channel', 'general', '--guild', 'Alpha Guild'];
    const { code, stdout } = await spawnCli(
      ['post-feed', ...args, '--backfill', '2', '--once'],
      env(),
    ).exit;
    expect(code).toBe(0);
    expect(stdout).toBe(
      `Alpha News → #general (Alpha Guild): 2 new\n  Second ${itemLink('b')}\n  Third ${itemLink('c')}`,
    );
    expect(posts()).toHaveLength(2);
  });

  it('checks its flags before connecting', async () => {
    const bad = await spawnCli(
      ['post-feed', '--url', 'ftp://x', '--channel', 'general', '--max-per-run', '0'],
      env(),
    ).exit;
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(
      /--url <url>' argument 'ftp:\/\/x' is invalid\. expected an http or https URL/,
    );
    const typo = await spawnCli(
      ['post-feed', '--url', feeds.url, '--channel', 'general', '--content', '{item.titel}'],
      env(),
    ).exit;
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain(
      '--content: unknown placeholder {item.titel}: did you mean {item.title}?',
    );
    expect(emu.requests.filter((r) => r.route === 'GET /gateway/bot')).toHaveLength(0);
  });
});
