import type { ConfigLoaded, ConfigRejected } from '../config/load.js';
import { renderFailure } from '../output/render-error.js';
import { renderProblemList, renderProblems } from '../output/render-problems.js';
import { colorWanted, styleFor } from '../output/style.js';
import type { CliContext } from './context.js';

/** Prints every problem of a config that cannot be used, and returns the exit code for it: 2. */
export function reportConfigProblems(rejected: ConfigRejected, color: boolean, ctx: CliContext) {
  const style = styleFor(colorWanted(ctx.stderr, color, ctx.env));
  const { file, source, problems } = rejected;
  const count = problems.length;
  ctx.sink.err(renderProblems(problems, file, source, style));
  ctx.sink.err(
    renderFailure(`${file} has ${count} problem${count === 1 ? '' : 's'} (see above).`, style),
  );
  return 2;
}

/** The config's warnings as plain text ("file:line:col  message" and the line), to report as events. */
export function configWarnings(loaded: ConfigLoaded): string[] {
  return renderProblemList(loaded.warnings, loaded.file, loaded.source, styleFor(false));
}
