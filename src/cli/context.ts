import type { ActionRegistry } from '../actions/registry.js';
import type { Sink } from '../output/sink.js';
import type { ParentChannel } from '../supervise/parent-channel.js';

/** What a command may touch of the process: passed in so tests can run commands in-process. */
export interface CliContext {
  sink: Sink;
  stdout: { isTTY?: boolean };
  stderr: { isTTY?: boolean };
  env: Record<string, string | undefined>;
  cwd: string;
  /** Where SIGINT / SIGTERM (stop) and SIGHUP (reload) arrive. */
  signals: {
    on(signal: 'SIGINT' | 'SIGTERM' | 'SIGHUP', listener: () => void): unknown;
    off(signal: 'SIGINT' | 'SIGTERM' | 'SIGHUP', listener: () => void): unknown;
  };
  /** Leave at once with this code (the second Ctrl-C). */
  exitNow(code: number): void;
  /** The actions commands, configs and the schema may use. */
  registry: ActionRegistry;
  /** The `run --processes` parent, when this process is one of its children (SPEC §9). */
  parent?: ParentChannel;
}
