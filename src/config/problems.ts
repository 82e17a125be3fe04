export type ConfigPath = (string | number)[];

/**
 * One thing wrong with a config, where it is, and what was expected. `at: 'key'` points at the
 * key itself (an unknown key), otherwise at the value. Line and column are added by the loader,
 * which alone knows the source text.
 */
export interface Problem {
  path: ConfigPath;
  message: string;
  at?: 'key' | 'value';
  line?: number;
  column?: number;
  /** Printed under the problem: an example of what was expected, when a message is not enough. */
  hint?: string;
}

export function pathText(path: ConfigPath): string {
  return path.reduce<string>(
    (text, part) =>
      typeof part === 'number' ? `${text}[${part}]` : text ? `${text}.${part}` : part,
    '',
  );
}

export function valueAt(root: unknown, path: ConfigPath): unknown {
  let value = root;
  for (const part of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string | number, unknown>)[part];
  }
  return value;
}

/** How a value reads in a message: `"abc"`, `10`, `a list`, `nothing`. */
export function describeValue(value: unknown): string {
  if (value === undefined || value === null) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `"${value}"`;
  return String(value);
}
