import type { LoadedConfig } from '../config/load.js';
import { UsageError } from '../errors.js';
import { renderProblem, renderProblems } from '../output/render-problems.js';
import { type Style, styleFor } from '../output/style.js';
import type { CliContext } from './context.js';

/** Prints a loaded config's problems and throws (exit 2) if it has any. */
export function reportConfigProblems(loaded: LoadedConfig, style: Style, ctx: CliContext): void {
  if (loaded.problems.length === 0) return;
  ctx.sink.err(renderProblems(loaded.problems, loaded.file, loaded.source, style));
  const count = loaded.problems.length;
  throw new UsageError(`${loaded.file} has ${count} problem${count === 1 ? '' : 's'} (see above).`);
}

/** The config's warnings as plain text ("file:line:col  message" and the line), to report as events. */
export function configWarnings(loaded: LoadedConfig): string[] {
  return loaded.warnings.map((warning) =>
    renderProblem(warning, loaded.file, loaded.source, styleFor(false)),
  );
}
