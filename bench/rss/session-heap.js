// What a connection keeps, in V8 heap after a full GC: a discord.js 14 Client with default
// caches (as the minimal script) or discloop's own session (@discordjs/ws + its guild cache,
// src/discord/connect.ts, bundled on the fly), logged in with intents Guilds + GuildVoiceStates
// to the emulator serving a world, in this process. Prints one JSON line: heap before login,
// after ready, the growth, and how many people are listed in voice (both must list the same).
// Run each program in its own process, once per world, and compare growths:
//   node --expose-gc bench/rss/session-heap.js <client|discloop> [--demo | world.json]
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'rolldown';
import { heapAfterGc, startEmulator } from './in-process.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const [program = 'discloop', world = '--demo'] = process.argv.slice(2);

/** A login with a discord.js Client, giving how many people it lists in voice, and a close. */
async function client() {
  const { Client, GatewayIntentBits } = await import('discord.js');
  return async (apiUrl, token) => {
    const c = new Client({
      intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildVoiceStates],
      rest: { api: apiUrl },
    });
    const ready = new Promise((resolve) => c.once('clientReady', resolve));
    await c.login(token);
    await ready;
    const listed = () =>
      c.guilds.cache.reduce(
        (n, g) =>
          n +
          g.channels.cache
            .filter((ch) => ch.isVoiceBased())
            .reduce((m, ch) => m + ch.members.size, 0),
        0,
      );
    return { listed, close: () => c.destroy() };
  };
}

/** The same through discloop's session. */
async function discloop() {
  const file = path.join(root, 'bench/results/connect.js');
  await build({
    input: path.join(root, 'src/discord/connect.ts'),
    platform: 'node',
    logLevel: 'silent',
    output: { file, format: 'esm', codeSplitting: false },
  });
  const { connect } = await import(pathToFileURL(file).href);
  return async (apiUrl, token) => {
    const session = await connect({
      token,
      apiUrl,
      intents: ['Guilds', 'GuildVoiceStates'],
      onEvent: () => {},
    });
    const scope = {
      loop: '',
      signal: new AbortController().signal,
      effects: { sent: false },
      heldMs: 0,
    };
    const listed = () => {
      const port = session.portFor(scope);
      return port
        .guilds()
        .reduce(
          (n, g) => n + port.voiceChannels(g.id).reduce((m, ch) => m + ch.members.length, 0),
          0,
        );
    };
    return { listed, close: () => session.close() };
  };
}

const emulator = await startEmulator(world);
const { apiUrl, token } = emulator;
try {
  const load = { client, discloop }[program];
  if (!load) throw new Error(`program: client or discloop, not ${program}`);
  // Loading the code is not what is measured: import it, then take the baseline.
  const login = await load();
  const before = await heapAfterGc();
  const session = await login(apiUrl, token);
  await sleep(1000);
  const after = await heapAfterGc();
  const listed = session.listed();
  console.log(
    JSON.stringify({
      program,
      world: path.basename(world),
      beforeMiB: +before.toFixed(1),
      afterMiB: +after.toFixed(1),
      growthMiB: +(after - before).toFixed(1),
      listedInVoice: listed,
    }),
  );
  await session.close();
} finally {
  emulator.stop();
}
