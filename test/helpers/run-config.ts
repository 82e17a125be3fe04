import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Emulator } from '@discloop/emulator';
import { spawnCli } from './cli.js';
import { type NdjsonLine, validNdjson } from './ndjson-schema.js';

/**
 * `discloop run --json` on `yaml`, written as `loops.yaml` in `dir` (its state file goes beside
 * it, so a second call is a restart), against the emulator until it exits. Every stdout line
 * must be SPEC §5 NDJSON.
 */
export async function runConfig(emu: Emulator, dir: string, yaml: string) {
  await writeFile(path.join(dir, 'loops.yaml'), yaml);
  const { code, stdout, stderr } = await spawnCli(
    ['run', '--json'],
    { DISCORD_TOKEN: emu.token, DISCLOOP_API_URL: emu.apiUrl },
    dir,
  ).exit;
  return { code, stderr, lines: validNdjson(stdout) };
}

export type RunLine = Extract<NdjsonLine, { type: 'run' }>;

/** The data of each successful run, in order. */
export const okData = (lines: NdjsonLine[]) =>
  lines.flatMap((line) => (line.type === 'run' && line.ok ? [line.data] : []));
