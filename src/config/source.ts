import { isMap, isScalar, isSeq, LineCounter, type Node, parseDocument } from 'yaml';
import { type ConfigPath, type Problem, printable } from './problems.js';
import { quickYaml } from './quick-yaml.js';

export interface Position {
  line: number;
  column: number;
  /** How many characters to underline. */
  length: number;
}

/** A config file's text, able to say where a path sits in it. */
export interface ConfigSource {
  file: string;
  text: string;
  locate(path: ConfigPath, at?: 'key' | 'value'): Position | undefined;
  /** The text of line `n` (1-based), split once however many problems ask. */
  line(n: number): string | undefined;
}

function lineReader(text: string): (n: number) => string | undefined {
  let lines: string[] | undefined;
  return (n) => {
    lines ??= text.split('\n');
    return lines[n - 1];
  };
}

/**
 * Parses YAML (and so JSON) keeping source ranges, so every problem can name its line and
 * column. `prefix` is where the config lives inside the document (package.json → discloop).
 * The ranges come from `yaml`, which is slow on large files: a file that js-yaml reads without
 * trouble is only parsed again with `yaml` once a problem asks where it is (quick-yaml.ts).
 */
export function parseYamlSource(
  file: string,
  text: string,
  prefix: ConfigPath = [],
): { value: unknown; source: ConfigSource; problems: Problem[]; empty: boolean } {
  const line = lineReader(text);
  const binary = notText(text);
  // Parsing bytes would only echo them back in its errors: say what the file is instead.
  if (binary)
    return {
      value: undefined,
      source: { file, text, locate: () => undefined, line },
      problems: [{ path: [], ...binary }],
      empty: false,
    };
  let parsed: RangedDocument | undefined;
  const ranged = () => {
    parsed ??= parseWithRanges(text);
    return parsed;
  };
  const source: ConfigSource = {
    file,
    text,
    locate: (path, at = 'value') => ranged().locate([...prefix, ...path], at),
    line,
  };
  const quick = quickYaml(text);
  const { value, problems, empty } =
    quick === undefined ? ranged() : { value: quick, problems: [], empty: false };
  return {
    value: prefix.reduce<unknown>(
      (v, key) => (v as Record<string, unknown> | undefined)?.[key],
      value,
    ),
    source,
    problems,
    empty,
  };
}

interface RangedDocument {
  value: unknown;
  problems: Problem[];
  /** Nothing but comments and blank lines. */
  empty: boolean;
  locate(path: ConfigPath, at: 'key' | 'value'): Position;
}

function parseWithRanges(text: string): RangedDocument {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  const position = (found: [number, number] | undefined): Position => {
    // An empty document has no node to point at: its problems are at its start.
    const range = found ?? [0, 0];
    const { line, col } = lineCounter.linePos(range[0]);
    const lineEnd = text.indexOf('\n', range[0]);
    const end = Math.min(range[1], lineEnd === -1 ? text.length : lineEnd);
    return { line, column: col, length: Math.max(1, end - range[0]) };
  };
  // One YAML error per line: the parser's follow-on complaints about the same spot are noise.
  const lines = new Set<number>();
  const problems: Problem[] = doc.errors.flatMap((error) => {
    const { line, col } = lineCounter.linePos(error.pos[0]);
    if (lines.has(line)) return [];
    lines.add(line);
    return [
      { path: [], message: `invalid YAML: ${error.message.split('\n')[0]}`, line, column: col },
    ];
  });
  return {
    value: problems.length > 0 ? undefined : doc.toJS(),
    problems,
    empty: problems.length === 0 && doc.contents === null,
    locate: (path, at) => position(rangeOf(doc.contents, path, at)),
  };
}

/** The range of the deepest node along `path` (the parent, when a key is missing). */
function rangeOf(
  root: unknown,
  path: ConfigPath,
  at: 'key' | 'value',
): [number, number] | undefined {
  let node = root as Node | null | undefined;
  let range = node?.range ? ([node.range[0], node.range[1]] as [number, number]) : undefined;
  for (const [index, part] of path.entries()) {
    let next: Node | null | undefined;
    if (isMap(node)) {
      const pair = node.items.find((item) => isScalar(item.key) && item.key.value === part);
      if (!pair) break;
      const key = pair.key as Node;
      if (at === 'key' && index === path.length - 1)
        return key.range ? [key.range[0], key.range[1]] : range;
      next = (pair.value as Node | null) ?? key;
    } else if (isSeq(node) && typeof part === 'number') {
      next = node.items[part] as Node | undefined;
    }
    if (!next?.range) break;
    node = next;
    range = [next.range[0], next.range[1]];
  }
  return range;
}

/**
 * Control characters YAML does not allow (tab, newline and carriage return aside) and U+FFFD,
 * which stands for bytes that are not UTF-8: the marks of a binary file, or of a text file not
 * saved as UTF-8. Where the first one is, and how to say it.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
export const NOT_TEXT = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFFFD]/;

function notText(text: string): { line: number; column: number; message: string } | undefined {
  const found = NOT_TEXT.exec(text);
  if (!found) return undefined;
  const char = found[0];
  const what =
    char === '\uFFFD' ? 'bytes that are not UTF-8' : `a control character (${printable(char)})`;
  const before = text.slice(0, found.index);
  return {
    line: before.split('\n').length,
    column: found.index - before.lastIndexOf('\n'),
    message: `not a text file, it has ${what}: expected a YAML config saved as UTF-8 text`,
  };
}
