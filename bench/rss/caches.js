// Where the memory goes: logs a discord.js 14 client in (intents Guilds + GuildVoiceStates, as
// loops.example.yaml needs) to the emulator in a child process, counts what each cache holds,
// then empties the caches one kind at a time and measures, after a full GC each time, how much
// V8 heap each kind kept alive. Emptying goes from leaves to roots (members before the users
// they point at, overwrites before their channels), so each figure is what that kind retains
// on its own. Experiment, not a benchmark: one run, figures in MiB of V8 heap (not RSS).
//   node --expose-gc bench/rss/caches.js [--demo | world.json]
// discloop itself no longer uses the Client: bench/rss/session-heap.js measures its own cache.
import { setTimeout as sleep } from 'node:timers/promises';
import { Client, GatewayIntentBits } from 'discord.js';
import { heapAfterGc, startEmulator } from './in-process.js';

const world = process.argv[2] ?? '--demo';

const emulator = await startEmulator(world);
const { apiUrl, token } = emulator;

try {
  const client = new Client({
    intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildVoiceStates],
    rest: { api: apiUrl },
  });
  const before = await heapAfterGc();
  const ready = new Promise((resolve) => client.once('clientReady', resolve));
  await client.login(token);
  await ready;
  await sleep(1000);
  // What list-voice would print: members seen in voice channels.
  const listed = client.guilds.cache.reduce(
    (n, g) =>
      n + g.channels.cache.filter((c) => c.isVoiceBased()).reduce((m, c) => m + c.members.size, 0),
    0,
  );
  const loaded = await heapAfterGc();

  // No arrays of guilds or channels here: they would keep alive what the caches let go.
  const eachGuild = (f) => {
    for (const g of client.guilds.cache.values()) f(g);
  };
  const sum = (f) => client.guilds.cache.reduce((n, g) => n + f(g), 0);
  const channelsOfType = (types) => (g) => g.channels.cache.filter((c) => types.includes(c.type));
  const clearChannels = (types) => () =>
    eachGuild((g) => {
      for (const c of channelsOfType(types)(g).values()) {
        g.channels.cache.delete(c.id);
        client.channels.cache.delete(c.id);
      }
    });
  const TEXT = [0, 5];
  const VOICE = [2, 13];
  const CATEGORY = [4];
  const kinds = [
    {
      name: 'permission overwrites',
      count: client.channels.cache.reduce(
        (n, c) => n + (c.permissionOverwrites?.cache.size ?? 0),
        0,
      ),
      clear: () => {
        for (const c of client.channels.cache.values()) c.permissionOverwrites?.cache.clear();
      },
    },
    {
      name: 'voice states',
      count: sum((g) => g.voiceStates.cache.size),
      clear: () => eachGuild((g) => g.voiceStates.cache.clear()),
    },
    {
      name: 'presences',
      count: sum((g) => g.presences.cache.size),
      clear: () => eachGuild((g) => g.presences.cache.clear()),
    },
    {
      name: 'members',
      count: sum((g) => g.members.cache.size),
      clear: () => eachGuild((g) => g.members.cache.clear()),
    },
    {
      name: 'users',
      count: client.users.cache.size,
      clear: () => {
        for (const id of [...client.users.cache.keys()])
          if (id !== client.user.id) client.users.cache.delete(id);
      },
    },
    {
      name: 'roles',
      count: sum((g) => g.roles.cache.size),
      clear: () => eachGuild((g) => g.roles.cache.clear()),
    },
    {
      name: 'emojis + stickers',
      count: sum((g) => g.emojis.cache.size + g.stickers.cache.size),
      clear: () =>
        eachGuild((g) => {
          g.emojis.cache.clear();
          g.stickers.cache.clear();
        }),
    },
    {
      name: 'text channels',
      count: sum((g) => channelsOfType(TEXT)(g).size),
      clear: clearChannels(TEXT),
    },
    {
      name: 'voice channels',
      count: sum((g) => channelsOfType(VOICE)(g).size),
      clear: clearChannels(VOICE),
    },
    {
      name: 'categories',
      count: sum((g) => channelsOfType(CATEGORY)(g).size),
      clear: clearChannels(CATEGORY),
    },
    {
      name: 'guilds (with their empty managers)',
      count: client.guilds.cache.size,
      clear: () => client.guilds.cache.clear(),
    },
  ];

  let last = loaded;
  const rows = [];
  for (const kind of kinds) {
    kind.clear();
    const now = await heapAfterGc();
    rows.push({ ...kind, mib: last - now });
    last = now;
  }
  const emptied = last;

  console.log(
    `world ${world}, default caches; ` +
      `${listed} members listed in voice; V8 heap used after GC: ` +
      `${before.toFixed(1)} MiB before login, ${loaded.toFixed(1)} MiB after clientReady ` +
      `(+${(loaded - before).toFixed(1)}), ${emptied.toFixed(1)} MiB with every cache emptied`,
  );
  console.log('| cache | objects | retained (MiB) | bytes per object |');
  console.log('| ----- | ------: | -------------: | ---------------: |');
  for (const row of rows) {
    const per = row.count ? Math.round((row.mib * 2 ** 20) / row.count) : '–';
    console.log(`| ${row.name} | ${row.count} | ${row.mib.toFixed(2)} | ${per} |`);
  }
  console.log(`| (not attributed) | | ${(emptied - before).toFixed(2)} | |`);
  await client.destroy();
} finally {
  emulator.stop();
}
