import { mkdtemp, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type Emulator, startEmulator, world } from '@discloop/emulator';
import { proxyRequests } from '@discordjs/proxy';
import { REST } from 'discord.js';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { spawnCli } from '../helpers/cli.js';
import { validNdjson } from '../helpers/ndjson-schema.js';

/** Discord allows 50 requests a second per bot; a lower limit is reached by fewer loops. */
const GLOBAL_LIMIT = 10;
const RUNS = 4;
// Guild i lands on shard i % 2: eight guilds, and eight send-message loops, per process.
const GUILDS = Array.from({ length: 16 }, (_, i) => `G${i}`);
const spec = world({ shards: 2, guilds: GUILDS.map((name) => ({ name })) });

let dir: string;
const cleanup: (() => Promise<unknown>)[] = [];
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'discloop-proxy-'));
  const loops = GUILDS.map(
    (g) =>
      `  - { name: post-${g}, action: send-message, with: { channel: general, guild: ${g}, content: "slot {loop.iteration}" }, seconds: 2, count: ${RUNS} }`,
  );
  await writeFile(path.join(dir, 'loops.yaml'), `loops:\n${loops.join('\n')}\n`);
});
afterEach(async () => {
  for (const close of cleanup.splice(0).reverse()) await close();
});

async function emulator(): Promise<Emulator> {
  const emu = await startEmulator({ world: spec, restGlobalLimitPerSecond: GLOBAL_LIMIT });
  cleanup.push(() => emu.close());
  return emu;
}

/** @discordjs/proxy in front of the emulator, as the README runs it; it notes what passed. */
async function proxyFor(emu: Emulator): Promise<{ apiUrl: string; seen: string[] }> {
  // No token of its own: each request carries its caller's Authorization header through.
  const rest = new REST({ api: emu.apiUrl, globalRequestsPerSecond: GLOBAL_LIMIT });
  const forward = proxyRequests(rest);
  const seen: string[] = [];
  const server: Server = createServer((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    void forward(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanup.push(() => {
    server.closeAllConnections();
    return new Promise((resolve) => server.close(resolve));
  });
  return { apiUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`, seen };
}

/** Two processes, one shard each, both posting through `apiUrl`. */
async function runBoth(emu: Emulator, apiUrl: string) {
  const runs = await Promise.all(
    ['0', '1'].map(
      (shard) =>
        spawnCli(
          ['run', 'loops.yaml', '--json', '--no-state', '--shards', shard, '--shard-count', '2'],
          { DISCORD_TOKEN: emu.token, DISCLOOP_API_URL: apiUrl },
          dir,
        ).exit,
    ),
  );
  for (const run of runs) expect(run.code, run.stderr).toBe(0);
  const lines = runs.flatMap((run) => validNdjson(run.stdout));
  // Nothing lost: every run ok, and each channel got each slot's message exactly once.
  const results = lines.filter((l) => l.type === 'run');
  expect(results).toHaveLength(GUILDS.length * RUNS);
  expect(results.filter((l) => !l.ok)).toEqual([]);
  for (const [i, guild] of GUILDS.entries()) {
    const channel = spec.guilds[i]?.channels?.find((c) => c.name === 'general')?.id;
    const posted = emu.requests.filter(
      (r) =>
        r.route === 'POST /channels/:id/messages' && r.params.id === channel && r.status === 200,
    );
    expect(
      posted.map((r) => (r.body as { content: string }).content),
      guild,
    ).toEqual(Array.from({ length: RUNS }, (_, k) => `slot ${k + 1}`));
  }
  return emu.requests.filter(
    (r) => r.status === 429 && r.responseHeaders['X-RateLimit-Global'] === 'true',
  ).length;
}

describe('several processes sharing one REST proxy (@discordjs/proxy)', () => {
  it('meet fewer global 429s than each on its own, and lose nothing', async () => {
    const alone = await emulator();
    const globalAlone = await runBoth(alone, alone.apiUrl);

    const shared = await emulator();
    const proxy = await proxyFor(shared);
    const globalShared = await runBoth(shared, proxy.apiUrl);

    // The comparison, not a figure: alone the processes overran the bot's global limit.
    expect(globalAlone, 'global 429s without the proxy').toBeGreaterThan(0);
    expect(globalShared, `global 429s through the proxy (${globalAlone} without)`).toBeLessThan(
      globalAlone,
    );

    // Every request went through the proxy, with discloop's token: the emulator accepted
    // them all (a request without a right token gets 401), and the proxy has none of its own.
    expect(shared.requests.filter((r) => r.status === 401)).toEqual([]);
    expect(shared.requests.every((r) => r.headers.authorization === 'Bot [redacted]')).toBe(true);
    expect(proxy.seen.filter((s) => s.startsWith('POST '))).toHaveLength(GUILDS.length * RUNS);
    // GET /gateway/bot went through the proxy too; the emulator answered its own gateway URL,
    // which discord.js then connected to directly (the proxy carries REST only).
    expect(proxy.seen.filter((s) => s.endsWith('/gateway/bot'))).toHaveLength(2);
    const gatewayBot = shared.requests.filter((r) => r.route === 'GET /gateway/bot');
    expect(gatewayBot.map((r) => (r.response as { url: string }).url)).toEqual([
      shared.gatewayUrl,
      shared.gatewayUrl,
    ]);
    expect(shared.connections.filter((c) => c.via === 'gateway')).toHaveLength(2);
  }, 60_000);
});
