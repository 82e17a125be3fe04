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
    throw writeError(error as NodeJS.ErrnoException, file ?? 'loops.yaml') ?? error;
  }
  ctx.sink.out(
    `Wrote ${path.relative(ctx.cwd, target)}. Next: discloop validate ${file ?? ''}`.trimEnd(),
  );
  return 0;
}

/** Why the starter config could not be written, in the user's terms; undefined for our bugs. */
function writeError({ code }: NodeJS.ErrnoException, file: string): UsageError | undefined {
  const folder = path.dirname(file);
  switch (code) {
    case 'EEXIST':
      return new UsageError(
        `${file} already exists.`,
        'Pass --force to overwrite it, or name another file.',
      );
    case 'ENOENT':
      return new UsageError(
        `Cannot write ${file}: the folder ${folder} does not exist.`,
        `Create it first (mkdir -p ${folder}), or name a file in a folder that exists.`,
      );
    case 'ENOTDIR':
      return new UsageError(`Cannot write ${file}: part of ${folder} is a file, not a folder.`);
    case 'EISDIR':
      return new UsageError(
        `Cannot write ${file}: it is a folder.`,
        `Name a file, such as ${path.join(file, 'loops.yaml')}.`,
      );
    case 'EACCES':
    case 'EPERM':
      return new UsageError(`Cannot write ${file}: permission denied.`);
    default:
      return undefined;
  }
}
