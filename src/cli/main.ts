import { createRequire } from 'node:module';
import { CommanderError } from 'commander';
import { BUILTIN_ACTIONS } from '../actions/builtins.js';
import { createRegistry } from '../actions/registry.js';
import { exitCodeOf, renderError } from '../output/render-error.js';
import { createSink } from '../output/sink.js';
import { colorWanted, styleFor } from '../output/style.js';
import { parentChannel } from '../supervise/parent-channel.js';
import type { CliContext } from './context.js';
import { buildProgram } from './index.js';

const { version } = createRequire(import.meta.url)('../../package.json') as { version: string };

function processContext(): CliContext {
  // `discloop … | head` closes the pipe early: that is the reader's choice, not an error.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
  return {
    sink: createSink(process.stdout, process.stderr),
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    cwd: process.cwd(),
    signals: process,
    exitNow: (code) => process.exit(code),
    registry: createRegistry(BUILTIN_ACTIONS),
    // A child of `run --processes`: node:cluster gave it a channel to the parent.
    ...(process.env.DISCLOOP_SUPERVISED === '1' && process.send
      ? { parent: parentChannel(process) }
      : {}),
  };
}

/** Runs discloop with `args` (without node and the script) and resolves with the exit code. */
export async function main(args: string[], ctx: CliContext = processContext()): Promise<number> {
  let code = 0;
  const program = buildProgram(ctx, version, (result) => {
    code = result;
  });
  try {
    await program.parseAsync(args, { from: 'user' });
    return code;
  } catch (error) {
    // Commander has printed its own message (or the help / version) already.
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    const style = styleFor(colorWanted(ctx.stderr, !args.includes('--no-color'), ctx.env));
    ctx.sink.err(renderError(error, style));
    return exitCodeOf(error);
  }
}

/** The process entry: runs, sets the exit code, and makes sure nothing left running keeps a finished command alive. */
export async function runAndExit(args: string[]): Promise<void> {
  const ctx = processContext();
  const code = await main(args, ctx);
  process.exitCode = code;
  if (ctx.parent) {
    // node:cluster keeps a child alive while its channel is open, and closing the channel
    // would exit 0 whatever the code: leave once the output has reached the parent.
    ctx.parent.close();
    process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
  }
  setTimeout(() => process.exit(code), 2000).unref();
}
