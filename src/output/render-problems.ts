import type { ConfigPath, Problem } from '../config/problems.js';
import { pathText } from '../config/problems.js';
import { type ConfigSource, NOT_TEXT, type Position } from '../config/source.js';
import type { Style } from './style.js';

/** Where a problem is: the loader's line and column (YAML syntax) or the path located in the source. */
export function positionOf(
  problem: Problem,
  source: ConfigSource | undefined,
): Position | undefined {
  if (problem.line !== undefined)
    return { line: problem.line, column: problem.column ?? 1, length: 1 };
  return source?.locate(problem.path as ConfigPath, problem.at);
}

/** `file:line:col  message`, then the offending line with a caret under the spot. */
export function renderProblem(
  problem: Problem,
  file: string,
  source: ConfigSource | undefined,
  style: Style,
): string {
  const position = positionOf(problem, source);
  const where = position ? `${file}:${position.line}:${position.column}` : file;
  const path = problem.path.length > 0 && !position ? ` (at ${pathText(problem.path)})` : '';
  const head = `${style.bold(where)}  ${problem.message}${path}`;
  return [head, excerpt(position, source, style), hintOf(problem, style)]
    .filter((part) => part !== undefined)
    .join('\n');
}

/** The offending line with a caret under the spot, when the source has that line. */
function excerpt(
  position: Position | undefined,
  source: ConfigSource | undefined,
  style: Style,
): string | undefined {
  const lineText = position && source?.line(position.line);
  // A line of a binary file would write its bytes to the terminal.
  if (!position || lineText === undefined || NOT_TEXT.test(lineText)) return undefined;
  const gutter = String(position.line);
  const pad = ' '.repeat(gutter.length);
  const caret = `${' '.repeat(position.column - 1)}${'^'.repeat(position.length)}`;
  return ` ${style.dim(`${gutter} |`)} ${lineText}\n ${style.dim(`${pad} |`)} ${style.red(caret)}`;
}

/** A problem's example, indented under it. */
const hintOf = ({ hint }: Problem, style: Style) =>
  hint
    ?.trimEnd()
    .split('\n')
    .map((line) => (line ? `    ${style.dim(line)}` : ''))
    .join('\n');

/** Each problem rendered on its own, in the order given: a warning list, or errors once sorted. */
export function renderProblemList(
  problems: readonly Problem[],
  file: string,
  source: ConfigSource | undefined,
  style: Style,
): string[] {
  return problems.map((problem) => renderProblem(problem, file, source, style));
}

/** A config's problems in file order, a blank line between them. */
export function renderProblems(
  problems: readonly Problem[],
  file: string,
  source: ConfigSource | undefined,
  style: Style,
): string {
  const sorted = problems
    .map((problem) => ({ problem, line: positionOf(problem, source)?.line ?? 0 }))
    .sort((a, b) => a.line - b.line)
    .map(({ problem }) => problem);
  return renderProblemList(sorted, file, source, style).join('\n\n');
}
