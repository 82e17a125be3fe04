import { BUILTIN_ACTIONS } from '../../src/actions/builtins.js';
import { createRegistry } from '../../src/actions/registry.js';
import type { CliContext } from '../../src/cli/context.js';
import { createSink } from '../../src/output/sink.js';

/** A CliContext that captures what a command writes, for running commands in-process. */
export function captureContext(cwd: string, env: Record<string, string | undefined> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const ctx: CliContext = {
    sink: createSink(
      { write: (text: string) => out.push(text) },
      { write: (text: string) => err.push(text) },
    ),
    stdout: { isTTY: false },
    stderr: { isTTY: false },
    env,
    cwd,
    signals: { on: () => undefined, off: () => undefined },
    exitNow: (code) => {
      throw new Error(`exitNow(${code}) called`);
    },
    registry: createRegistry(BUILTIN_ACTIONS),
  };
  return { ctx, stdout: () => out.join(''), stderr: () => err.join('') };
}
