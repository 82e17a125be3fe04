import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Emulator } from '@discloop/emulator';
import { type CliRun, spawnCli } from './cli.js';

/** Two loops against the default world: one that succeeds every second, one always refused (403). */
export const TWO_LOOPS = `loops:
  - name: voice-report
    action: list-voice
    seconds: 1
  - name: announce
    action: send-message
    with: { channel: announcements, guild: Alpha Guild, content: hello }
    seconds: 1
`;

/** Polls `check` every 50 ms until it holds; no deadline of its own (the test's timeout is one). */
export async function until<T>(check: () => T | undefined | Promise<T | undefined>): Promise<T> {
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** A fresh directory holding `loops.yaml`. */
export async function configDir(yaml: string): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'discloop-metrics-'));
  await writeFile(path.join(dir, 'loops.yaml'), yaml);
  return dir;
}

/**
 * Spawns `discloop run <config> --metrics 127.0.0.1:0 --json …` against the emulator and
 * resolves once it prints where the metrics server listens.
 */
export async function startMetricsRun(
  emu: Emulator,
  yaml: string,
  args: string[] = [],
): Promise<{ cli: CliRun; url: string }> {
  const dir = await configDir(yaml);
  const cli = spawnCli(
    ['run', 'loops.yaml', '--no-state', '--json', '--metrics', '127.0.0.1:0', ...args],
    { DISCORD_TOKEN: emu.token, DISCLOOP_API_URL: emu.apiUrl },
    dir,
  );
  const url = await until(() => {
    if (cli.child.exitCode !== null) throw new Error(`discloop exited:\n${cli.stderr.join('\n')}`);
    for (const line of cli.stderr) {
      const found = /Metrics and status on (http:\/\/\S+)/.exec(line)?.[1];
      if (found) return found;
    }
    return undefined;
  });
  return { cli, url };
}

/** The value of one sample in Prometheus text, e.g. `discloop_runs_total{loop="a",…}`. */
export function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}
