import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type Emulator, startEmulator, world } from '@discloop/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnCli } from '../helpers/cli.js';
import { validNdjson } from '../helpers/ndjson-schema.js';

const SHARDS = 16;
const RANGES = ['0-3', '4-7', '8-11', '12-15'];
// Guild i lands on shard i % 16: two guilds per shard.
const spec = world({
  shards: SHARDS,
  guilds: Array.from({ length: 2 * SHARDS }, (_, i) => ({ name: `Guild ${i}` })),
});

let emu: Emulator;
let dir: string;
beforeAll(async () => {
  // max_concurrency 4: buckets 0–3, four shards each; every bucket takes one IDENTIFY per 5 s,
  // and the emulator answers an earlier one with op 9, as Discord does.
  emu = await startEmulator({ world: { ...spec, maxConcurrency: 4 } });
  dir = await mkdtemp(path.join(tmpdir(), 'discloop-identify-'));
  await writeFile(
    path.join(dir, 'loops.yaml'),
    'loops:\n  - { name: hello, action: guilds, seconds: 1, count: 1 }\n',
  );
});
afterAll(() => emu.close());

describe('four processes of four shards each, started together', () => {
  it('identify every shard once, none refused, without talking to each other', async () => {
    const runs = await Promise.all(
      RANGES.map(
        (shards) =>
          spawnCli(
            [
              'run',
              'loops.yaml',
              '--json',
              '--no-state',
              '--shards',
              shards,
              '--shard-count',
              '16',
            ],
            { DISCORD_TOKEN: emu.token, DISCLOOP_API_URL: emu.apiUrl },
            dir,
          ).exit,
      ),
    );
    for (const run of runs) expect(run.code, run.stderr).toBe(0);

    // No IDENTIFY refused: no op 9 at all, and each shard identified exactly once.
    expect(emu.payloads.filter((p) => p.direction === 'out' && p.op === 9)).toEqual([]);
    const identifies = emu.payloads.filter((p) => p.direction === 'in' && p.op === 2);
    const shardOfIdentify = (d: unknown) => (d as { shard: [number, number] }).shard;
    expect(identifies.map((p) => shardOfIdentify(p.d)[0]).sort((a, b) => a - b)).toEqual(
      Array.from({ length: SHARDS }, (_, i) => i),
    );
    // Every shard READY, and every process ready with its own eight guilds.
    const readies = emu.payloads.filter((p) => p.direction === 'out' && p.t === 'READY');
    expect(readies.map((p) => p.shard?.[0]).sort((a = 0, b = 0) => a - b)).toEqual(
      Array.from({ length: SHARDS }, (_, i) => i),
    );
    for (const [i, run] of runs.entries()) {
      const ready = validNdjson(run.stdout).find((l) => l.type === 'ready');
      expect(ready, RANGES[i]).toMatchObject({ shards: RANGES[i], guilds: 8, guildsTotal: 32 });
    }
  }, 60_000);
});
