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
  if (typeof value === 'string') return `"${printable(value)}"`;
  return String(value);
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: escaping control characters is the point.
const CONTROL = /[\u0000-\u001F\u007F]/g;

/**
 * Text from the config made safe to print: control characters (a YAML "\e" is a real ESC)
 * shown as \xNN, so a value cannot move the cursor or recolour the terminal.
 */
export const printable = (text: string) =>
  text.replace(CONTROL, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0').toUpperCase()}`);
