import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type Emulator, startEmulator } from '@discloop/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnCli } from '../helpers/cli.js';
import { fourShards, GUILDS } from '../helpers/four-shards.js';
import { validNdjson } from '../helpers/ndjson-schema.js';

const spec = fourShards;
let emu: Emulator;
let dir: string;
beforeAll(async () => {
  emu = await startEmulator({ world: { ...spec, maxConcurrency: 4 } });
  dir = await mkdtemp(path.join(tmpdir(), 'discloop-shards-'));
  const posts = GUILDS.map(
    (g) =>
      `  - { name: post-${g}, action: send-message, with: { channel: general, guild: ${g}, content: "slot {loop.iteration}" }, seconds: 1, count: 2 }`,
  );
  await writeFile(
    path.join(dir, 'loops.yaml'),
    `loops:\n  - { name: voice, action: list-voice, seconds: 1, count: 2 }\n  - { name: hello, action: guilds, seconds: 1, count: 1 }\n${posts.join('\n')}\n`,
  );
});
afterAll(() => emu.close());

const runShards = (shards: string) =>
  spawnCli(
    ['run', 'loops.yaml', '--json', '--no-state', '--shards', shards, '--shard-count', '4'],
    { DISCORD_TOKEN: emu.token, DISCLOOP_API_URL: emu.apiUrl },
    dir,
  ).exit;

describe('two processes with disjoint shard ranges', () => {
  it('run each slot exactly once, and their listings cover every guild exactly once', async () => {
    const [a, b] = await Promise.all([runShards('0-1'), runShards('2-3')]);
    expect(a.code, a.stderr).toBe(0);
    expect(b.code, b.stderr).toBe(0);
    const [linesA, linesB] = [validNdjson(a.stdout), validNdjson(b.stdout)];

    // Every line names the process's shard range; ready says which loops run here.
    expect(new Set(linesA.map((l) => (l as { shards?: string }).shards))).toEqual(new Set(['0-1']));
    const readyA = linesA.find((l) => l.type === 'ready');
    expect(readyA).toMatchObject({ guilds: 4, guildsTotal: 8 });
    expect(readyA?.type === 'ready' && readyA.loops?.here.sort()).toEqual(
      ['hello', 'post-G0', 'post-G1', 'post-G4', 'post-G5', 'voice'].sort(),
    );

    // Each guild's channel got each slot's message once: two runs, two posts, no duplicates.
    for (const [i, guild] of GUILDS.entries()) {
      const channel = spec.guilds[i]?.channels?.find((c) => c.name === 'general')?.id;
      const posted = emu.requests.filter(
        (r) =>
          r.route === `POST /channels/:id/messages` && r.params.id === channel && r.status === 200,
      );
      expect(
        posted.map((r) => (r.body as { content: string }).content),
        guild,
      ).toEqual(['slot 1', 'slot 2']);
    }

    // The union of the two listings covers every guild once per run.
    const listed = (lines: typeof linesA, iteration: number) =>
      lines.flatMap((l) =>
        l.type === 'run' && l.loop === 'voice' && l.iteration === iteration && l.ok
          ? (l.data as { guilds: { name: string }[] }).guilds.map((g) => g.name)
          : [],
      );
    for (const iteration of [1, 2])
      expect([...listed(linesA, iteration), ...listed(linesB, iteration)].sort()).toEqual(GUILDS);

    // A loop bound to nothing (guilds lists the bot's guilds) runs where shard 0 is… once.
    const hellos = [...linesA, ...linesB].filter((l) => l.type === 'run' && l.loop === 'hello');
    expect(hellos).toHaveLength(2); // each process lists its own guilds: guilds works across shards
    // No IDENTIFY was refused (op 9 at identify).
    expect(emu.payloads.filter((p) => p.direction === 'out' && p.op === 9)).toHaveLength(0);
  }, 40_000);
});
