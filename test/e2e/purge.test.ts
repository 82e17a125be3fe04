import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  type Emulator,
  type MessageSpec,
  snowflakeTime,
  startEmulator,
  world,
} from '@discloop/emulator';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PurgeData } from '../../src/actions/purge.js';
import { spawnCli } from '../helpers/cli.js';
import type { NdjsonLine } from '../helpers/ndjson-schema.js';
import { type RunLine, runConfig } from '../helpers/run-config.js';

const DAY = 86_400_000;
const spec = world({
  guilds: [
    {
      name: 'Alpha Guild',
      text: ['general', 'logs', 'quiet', 'untouched'],
      members: ['Alice', 'Bob', 'Carol'],
      botPermissions: ['ViewChannel', 'SendMessages', 'ReadMessageHistory', 'ManageMessages'],
      denyBot: { quiet: ['ManageMessages'] },
    },
  ],
});
const userId = (username: string) =>
  spec.guilds[0]?.members?.find((m) => m.username === username)?.id ?? '';
const [alice, bob, carol] = ['alice', 'bob', 'carol'].map(userId) as [string, string, string];

let emu: Emulator;
let dir: string;
const channel = (name: string) =>
  emu.world().guilds[0]?.channels.find((c) => c.name === name)?.id ?? '';
const remaining = (name: string) =>
  emu
    .world()
    .messages.filter((m) => m.channelId === channel(name))
    .map((m) => m.id);
const ageOf = (id: string) => Date.now() - snowflakeTime(id);

beforeEach(async () => {
  emu = await startEmulator({
    world: spec,
    heartbeatIntervalMs: 1000,
    // Old messages' deletes wait for their own bucket several times in a purge of a hundred.
    bucketLimits: {
      'DELETE /channels/:id/messages/:messageId (old)': { count: 25, windowMs: 1000 },
    },
  });
  dir = await mkdtemp(path.join(tmpdir(), 'discloop-purge-'));
});
afterEach(() => emu.close());

/**
 * 250 messages over the last 30 days, newest first in the list: a third each by Alice, Bob and
 * Carol, every 20th pinned. None sits within half an hour of 7 or 14 days old.
 */
const history: MessageSpec[] = Array.from({ length: 250 }, (_, i) => ({
  ageMs: Math.round((i + 0.5) * ((30 * DAY) / 250)),
  authorId: [alice, bob, carol][i % 3] ?? alice,
  pinned: i % 20 === 7,
}));

async function run(yaml: string) {
  const { code, lines } = await runConfig(emu, dir, yaml);
  expect(code).toBe(0);
  return lines;
}
const runOf = (lines: NdjsonLine[], loop: string) =>
  lines.find((l): l is RunLine => l.type === 'run' && l.loop === loop);
const dataOf = (lines: NdjsonLine[], loop: string) => {
  const line = runOf(lines, loop);
  if (!line?.ok) throw new Error(`${loop} did not succeed: ${JSON.stringify(line)}`);
  return line.data as unknown as PurgeData;
};
const purgeLoop = (name: string, options: string) => `  - name: ${name}
    action: purge
    with: { guild: Alpha Guild, ${options} }
    minutes: 1
    count: 1
`;

/** What reached Discord: the ids bulk-deleted and deleted one by one (each finally 204). */
function deletions(channelId: string) {
  const ofChannel = emu.requests.filter((r) => r.params.id === channelId);
  const bulk = ofChannel.filter((r) => r.route === 'POST /channels/:id/messages/bulk-delete');
  const singles = ofChannel.filter((r) => r.route === 'DELETE /channels/:id/messages/:messageId');
  return {
    bulkStatuses: bulk.map((r) => r.status),
    bulkIds: bulk.flatMap((r) => (r.body as { messages: string[] }).messages),
    singleIds: singles.filter((r) => r.status === 204).map((r) => r.params.messageId ?? ''),
    singleStatuses: new Set(singles.map((r) => r.status)),
    // A 429 that no 204 for the same message followed: a deletion given up on.
    unanswered429s: singles.filter(
      (r) =>
        r.status === 429 &&
        !singles.some(
          (later) => later.seq > r.seq && later.path === r.path && later.status === 204,
        ),
    ),
  };
}

describe('purge', () => {
  it('deletes exactly the messages older than 7 days, bulk under 14 days and one by one above, keeping pins', async () => {
    const seeded = emu.seedMessages(channel('general'), history);
    const old = seeded.filter((m) => ageOf(m.id) > 7 * DAY);
    const ids = (messages: typeof seeded) => messages.map((m) => m.id).sort();

    // First only Bob's.
    const first = await run(
      `loops:\n${purgeLoop('bobs', 'channel: general, olderThan: 7d, authors: [bob]')}`,
    );
    const bobs = old.filter((m) => m.authorId === bob);
    const bobsGone = bobs.filter((m) => !m.pinned);
    expect(remaining('general').sort()).toEqual(ids(seeded.filter((m) => !bobsGone.includes(m))));
    expect(dataOf(first, 'bobs')).toMatchObject({
      deleted: bobsGone.length,
      kept: bobs.length - bobsGone.length,
    });

    // Then everyone's.
    const second = await run(`loops:\n${purgeLoop('all', 'channel: "#general", olderThan: 7d')}`);
    const gone = old.filter((m) => !m.pinned);
    const left = seeded.filter((m) => !gone.includes(m));
    expect(remaining('general').sort()).toEqual(ids(left));
    const deletedNow = gone.length - bobsGone.length;
    const oldPins = old.length - gone.length;
    expect(dataOf(second, 'all')).toEqual({
      dryRun: false,
      deleted: deletedNow,
      bulk: expect.any(Number),
      single: expect.any(Number),
      kept: oldPins,
      stopped: null,
      channels: [
        {
          id: channel('general'),
          name: 'general',
          guild: { id: spec.guilds[0]?.id, name: 'Alpha Guild' },
          deleted: deletedNow,
          bulk: expect.any(Number),
          single: expect.any(Number),
          kept: oldPins,
        },
      ],
    });

    // Under 14 days old in bulk, older one by one; every deletion answered 204 in the end.
    const sent = deletions(channel('general'));
    expect([...sent.bulkIds, ...sent.singleIds].sort()).toEqual(ids(gone));
    expect(sent.bulkStatuses.every((status) => status === 204)).toBe(true);
    expect(sent.bulkIds.every((id) => ageOf(id) < 14 * DAY)).toBe(true);
    expect(sent.singleIds.every((id) => ageOf(id) > 14 * DAY)).toBe(true);
    expect(sent.unanswered429s).toEqual([]);
    const [bobsRun, allRun] = [dataOf(first, 'bobs'), dataOf(second, 'all')];
    expect(bobsRun.bulk + allRun.bulk).toBe(sent.bulkIds.length);
    expect(bobsRun.single + allRun.single).toBe(sent.singleIds.length);
    // A hundred old messages one by one outran their bucket: discord.js waited, and said so.
    expect(second.filter((l) => l.type === 'rate-limit')).toContainEqual(
      expect.objectContaining({
        route: expect.stringMatching(/^DELETE \/channels\/:id\/messages\//),
        loop: 'all',
      }),
    );
  }, 30_000);

  it('refuses, before deleting anything, a channel where the bot lacks Manage Messages', async () => {
    for (const name of ['logs', 'quiet', 'untouched'])
      emu.seedMessages(channel(name), history.slice(100, 110));
    const lines = await run(
      `loops:\n${purgeLoop('cleanup', 'channel: [logs, quiet], olderThan: 7d')}`,
    );

    expect(runOf(lines, 'cleanup')).toMatchObject({
      ok: false,
      error: {
        code: 'missing_permissions',
        message: expect.stringContaining(
          'Cannot purge #quiet (Alpha Guild): the bot lacks Manage Messages there',
        ),
      },
    });
    const writes = emu.requests.filter(
      (r) => r.method === 'DELETE' || r.route.endsWith('bulk-delete'),
    );
    expect(writes).toEqual([]);
    expect(remaining('logs')).toHaveLength(10);
    expect(remaining('quiet')).toHaveLength(10);
    // A channel it was not given is never even read.
    expect(emu.requests.filter((r) => r.params.id === channel('untouched'))).toEqual([]);
  });

  it('with dryRun deletes nothing and says how many it would; limit caps a run', async () => {
    const seeded = emu.seedMessages(channel('general'), history);
    const old = seeded.filter((m) => ageOf(m.id) > 7 * DAY);
    const lines = await run(`loops:
${purgeLoop('preview', 'channel: general, olderThan: 7d, dryRun: true')}${purgeLoop('capped', 'channel: general, olderThan: 7d, dryRun: true, limit: 50, keepPinned: false')}`);

    expect(runOf(lines, 'preview')).toMatchObject({
      ok: true,
      data: {
        dryRun: true,
        deleted: 0,
        wouldDelete: old.filter((m) => !m.pinned).length,
        kept: old.filter((m) => m.pinned).length,
        stopped: null,
      },
    });
    expect(runOf(lines, 'capped')).toMatchObject({
      data: { wouldDelete: 50, stopped: 'limit' },
    });
    expect(
      emu.requests.filter((r) => r.method === 'DELETE' || r.route.endsWith('bulk-delete')),
    ).toEqual([]);
    expect(remaining('general')).toHaveLength(250);
  });

  it('stops early, counting what it did, when Discord asks for a wait too long to sit out', async () => {
    emu.seedMessages(channel('logs'), history.slice(50, 125));
    emu.rateLimit({
      route: 'DELETE /channels/:id/messages/:messageId',
      count: 1,
      retryAfterMs: 60_000,
    });
    const lines = await run(`loops:\n${purgeLoop('retention', 'channel: logs, olderThan: 7d')}`);

    // The bulk delete went through; the first one-by-one delete met a minute's wait.
    expect(dataOf(lines, 'retention')).toMatchObject({
      deleted: 56,
      bulk: 56,
      single: 0,
      stopped: 'rate_limited',
    });
    expect(remaining('logs')).toHaveLength(75 - 56);
  });

  it('is a subcommand too: --older-than, --dry-run, --no-keep-pinned, and a line per channel', async () => {
    // Ages 6 to 15 days: 64 older than 7 days and unpinned (8 of them past 14 days), 3 pinned.
    emu.seedMessages(channel('logs'), history.slice(50, 125));
    const purge = (...flags: string[]) =>
      spawnCli(
        ['purge', '--channel', 'logs', '--guild', 'Alpha Guild', '--older-than', '7d', ...flags],
        { DISCORD_TOKEN: emu.token, DISCLOOP_API_URL: emu.apiUrl },
      ).exit;

    const preview = await purge('--dry-run', '--no-keep-pinned');
    expect([preview.code, preview.stdout]).toEqual([
      0,
      '#logs (Alpha Guild): would delete 67 (dry run)',
    ]);
    const done = await purge('--once');
    expect([done.code, done.stdout]).toEqual([
      0,
      '#logs (Alpha Guild): deleted 64 (56 in bulk, 8 one by one), kept 3 pinned',
    ]);
    expect(remaining('logs')).toHaveLength(75 - 64);
  });
});
