import type { LoadedConfig } from '../config/load.js';
import { UsageError } from '../errors.js';
import { renderProblems } from '../output/render-problems.js';
import type { Style } from '../output/style.js';
import type { CliContext } from './context.js';

/** Prints a loaded config's warnings, and throws (exit 2) if it has problems. */
export function reportConfigProblems(loaded: LoadedConfig, style: Style, ctx: CliContext): void {
  if (loaded.warnings.length > 0)
    ctx.sink.err(renderProblems(loaded.warnings, loaded.file, loaded.source, style));
  if (loaded.problems.length === 0) return;
  ctx.sink.err(renderProblems(loaded.problems, loaded.file, loaded.source, style));
  const count = loaded.problems.length;
  throw new UsageError(`${loaded.file} has ${count} problem${count === 1 ? '' : 's'} (see above).`);
}
