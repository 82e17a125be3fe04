import cluster, { type Worker } from 'node:cluster';
import type { ChildPlan } from './child-plans.js';
import { lineBatches } from './line-batches.js';
import { isToParent, type ToChild } from './messages.js';
import type { Child, SuperviseDeps } from './supervisor.js';

export interface ClusterStartOptions {
  /** The script each child runs: discloop's own bin. */
  exec: string;
  cwd: string;
  args(plan: ChildPlan, restart: boolean): string[];
  env: Record<string, string | undefined>;
  /** A child's whole lines, in order; a chunk's complete lines come together. */
  onLines(plan: ChildPlan, stream: 'out' | 'err', lines: string[]): void;
  /** Each child as it starts, for whoever else talks to it (--metrics: its status). */
  onFork?(plan: ChildPlan, worker: Worker): void;
}

/**
 * Children as node:cluster workers: Node's own supervisor of processes running one script, with
 * piped output (`silent`), an IPC channel, and workers that leave at once if the parent dies,
 * so no child is ever left running on its own.
 */
export function clusterStart(options: ClusterStartOptions): SuperviseDeps['start'] {
  return (plan, restart, onLoops) => {
    cluster.setupPrimary({
      exec: options.exec,
      cwd: options.cwd,
      args: options.args(plan, restart),
      silent: true,
    });
    const worker = cluster.fork(options.env);
    options.onFork?.(plan, worker);
    // Until the child says hello nobody listens on its side: a stop waits for it, a reload
    // before it is moot (the child has not read its config yet).
    let listening = false;
    let stopPending = false;
    const send = (message: ToChild) => {
      if (worker.isConnected()) worker.send(message, undefined, () => {});
    };
    worker.on('message', (message: unknown) => {
      if (!isToParent(message)) return;
      if (message.discloop === 'loops') return onLoops(message.count);
      if (message.discloop !== 'hello') return;
      listening = true;
      if (stopPending) send({ discloop: 'stop' });
    });
    // A message to a child that is exiting fails; its exit says what matters.
    worker.on('error', () => {});
    const streams = (['out', 'err'] as const).map((name) => {
      const stream = name === 'out' ? worker.process.stdout : worker.process.stderr;
      const lines = lineBatches((batch) => options.onLines(plan, name, batch));
      stream?.setEncoding('utf8');
      stream?.on('data', lines.push);
      return lines;
    });
    const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) => {
      // 'close', not 'exit': by then everything the child wrote has been read.
      worker.process.on('close', (code, signal) => {
        for (const lines of streams) lines.end();
        resolve({ code, signal });
      });
    });
    const child: Child = {
      pid: worker.process.pid,
      stop() {
        stopPending = true;
        if (listening) send({ discloop: 'stop' });
      },
      reload() {
        if (listening) send({ discloop: 'reload' });
      },
      kill() {
        worker.process.kill('SIGKILL');
      },
      exited,
    };
    return child;
  };
}
