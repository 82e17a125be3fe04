import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { STARTER_CONFIG } from '../config/starter.js';
import { UsageError } from '../errors.js';
import type { CliContext } from './context.js';

/** `discloop init [file]`: writes the commented starter config; never overwrites unasked. */
export async function init(
  file: string | undefined,
  flags: { force?: boolean },
  ctx: CliContext,
): Promise<number> {
  const target = path.resolve(ctx.cwd, file ?? 'loops.yaml');
  try {
    await writeFile(target, STARTER_CONFIG, { flag: flags.force ? 'w' : 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    throw new UsageError(
      `${file ?? 'loops.yaml'} already exists.`,
      'Pass --force to overwrite it, or name another file.',
    );
  }
  ctx.sink.out(
    `Wrote ${path.relative(ctx.cwd, target)}. Next: discloop validate ${file ?? ''}`.trimEnd(),
  );
  return 0;
}
