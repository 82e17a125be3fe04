import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { UsageError } from '../errors.js';
import { colorWanted, styleFor } from '../output/style.js';
import type { CliContext } from './context.js';

export interface EmulatorFlags {
  port?: string;
  timeline?: string;
  demo?: boolean;
  verbose?: boolean;
  color: boolean;
}

type EmulatorPackage = typeof import('@discloop/emulator');

function portOf(raw: string | undefined): number {
  if (raw === undefined) return 0;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new UsageError(`--port expects a port number from 0 to 65535, got "${raw}".`);
  return port;
}

/** A world or timeline file, checked by the emulator's own loader; any problem is exit 2. */
async function loadFile<T>(file: string, load: (json: unknown) => T, ctx: CliContext): Promise<T> {
  let text: string;
  try {
    text = await readFile(path.resolve(ctx.cwd, file), 'utf8');
  } catch (error) {
    throw new UsageError(`Cannot read ${file}: ${(error as Error).message}`);
  }
  try {
    return load(JSON.parse(text));
  } catch (error) {
    if (error instanceof SyntaxError || (error as Error).name === 'WorldSpecError')
      throw new UsageError(`${file}: ${(error as Error).message}`);
    throw error;
  }
}

/** The world and timeline to serve: the file's (with its timeline), else the demo's. */
async function worldOf(
  file: string | undefined,
  flags: EmulatorFlags,
  emu: EmulatorPackage,
  ctx: CliContext,
) {
  if (file !== undefined && flags.demo)
    throw new UsageError('Give a world file or --demo, not both.');
  const world = file === undefined ? emu.demoWorld() : await loadFile(file, emu.loadWorld, ctx);
  const own = file === undefined ? emu.demoTimeline() : (world.timeline ?? []);
  const extra = flags.timeline ? await loadFile(flags.timeline, emu.loadTimeline, ctx) : [];
  return { world, timeline: [...own, ...extra] };
}

/** Resolves at the first SIGINT or SIGTERM; a second one while stopping leaves at once. */
function stopSignal(ctx: CliContext): { stopped: Promise<void>; release(): void } {
  let stopping = false;
  let resolveStop = () => {};
  const stopped = new Promise<void>((resolve) => {
    resolveStop = resolve;
  });
  const onSignal = () => {
    if (stopping) return ctx.exitNow(130);
    stopping = true;
    resolveStop();
  };
  ctx.signals.on('SIGINT', onSignal);
  ctx.signals.on('SIGTERM', onSignal);
  return {
    stopped,
    release: () => {
      ctx.signals.off('SIGINT', onSignal);
      ctx.signals.off('SIGTERM', onSignal);
    },
  };
}

/**
 * `discloop emulator [world.json]`: the emulator of `--sandbox` on its own, until SIGINT or
 * SIGTERM. One JSON line `{"apiUrl","token"}` on stdout for scripts; how to use it on stderr.
 * The emulator is the `@discloop/emulator` workspace package, bundled into discloop's dist.
 */
export async function emulator(
  worldFile: string | undefined,
  flags: EmulatorFlags,
  ctx: CliContext,
): Promise<number> {
  const port = portOf(flags.port);
  const emu = await import('@discloop/emulator');
  const { world, timeline } = await worldOf(worldFile, flags, emu, ctx);
  const signal = stopSignal(ctx);
  try {
    const started = await emu
      .startEmulator({
        world,
        timeline,
        port,
        ...(flags.verbose ? { log: (line: string) => ctx.sink.err(line) } : {}),
      })
      .catch((error: NodeJS.ErrnoException) => {
        if (error.code === 'EADDRINUSE') throw new UsageError(`Port ${port} is already in use.`);
        throw error;
      });
    const { apiUrl, token } = started;
    ctx.sink.out(JSON.stringify({ apiUrl, token }));
    const style = styleFor(colorWanted(ctx.stderr, flags.color, ctx.env));
    const what = worldFile ?? 'the demo world';
    ctx.sink.err(
      [
        `Discord emulator serving ${what} at ${style.bold(apiUrl)}`,
        `  token: ${token}`,
        style.dim(`  try:   DISCORD_TOKEN=${token} discloop list-voice --api-url ${apiUrl}`),
        style.dim('  Ctrl-C stops it.'),
      ].join('\n'),
    );
    await signal.stopped;
    await started.close();
    ctx.sink.err('Emulator stopped.');
    return 0;
  } finally {
    signal.release();
  }
}
