import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const BIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../bin/discloop.js');

export interface CliRun {
  child: ChildProcess;
  stdout: string[];
  stderr: string[];
  /** Resolves with the first stdout line matching, waiting for it if needed. */
  nextLine(predicate: (line: string) => boolean, timeoutMs?: number): Promise<string>;
  /** The same for stderr. */
  nextErrLine(predicate: (line: string) => boolean, timeoutMs?: number): Promise<string>;
  exit: Promise<{ code: number | null; stdout: string; stderr: string }>;
}

/** Spawns the real `bin/discloop.js`, as a user would, and collects its output line by line. */
export function spawnCli(
  args: string[],
  env: Record<string, string | undefined> = {},
  cwd?: string,
): CliRun {
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, NO_COLOR: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stdout: string[] = [];
  const stderr: string[] = [];
  type Waiter = { predicate: (line: string) => boolean; resolve: (line: string) => void };
  const waiters = { out: [] as Waiter[], err: [] as Waiter[] };
  const collect = (into: string[], stream: 'out' | 'err') => {
    let partial = '';
    return (chunk: Buffer) => {
      const lines = (partial + chunk.toString()).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) {
        into.push(line);
        for (const waiter of [...waiters[stream]]) {
          if (!waiter.predicate(line)) continue;
          waiters[stream].splice(waiters[stream].indexOf(waiter), 1);
          waiter.resolve(line);
        }
      }
    };
  };
  child.stdout?.on('data', collect(stdout, 'out'));
  child.stderr?.on('data', collect(stderr, 'err'));
  const exit = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    child.on('close', (code) =>
      resolve({ code, stdout: stdout.join('\n'), stderr: stderr.join('\n') }),
    );
  });
  function next(
    stream: 'out' | 'err',
    predicate: (line: string) => boolean,
    timeoutMs = 15_000,
  ): Promise<string> {
    const seen = (stream === 'out' ? stdout : stderr).find(predicate);
    if (seen !== undefined) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () =>
          reject(
            new Error(
              `no matching line on std${stream} within ${timeoutMs} ms; stdout:\n${stdout.join('\n')}\nstderr:\n${stderr.join('\n')}`,
            ),
          ),
        timeoutMs,
      );
      waiters[stream].push({
        predicate,
        resolve: (line) => {
          clearTimeout(timer);
          resolve(line);
        },
      });
    });
  }
  return {
    child,
    stdout,
    stderr,
    exit,
    nextLine: (predicate, timeoutMs) => next('out', predicate, timeoutMs),
    nextErrLine: (predicate, timeoutMs) => next('err', predicate, timeoutMs),
  };
}

/** Kills a run a test left going; a `run --processes` parent's children leave with it (node:cluster). */
export async function killLeftover(run: CliRun | undefined): Promise<void> {
  if (!run || run.child.exitCode !== null) return;
  run.child.kill('SIGKILL');
  await run.exit;
}
