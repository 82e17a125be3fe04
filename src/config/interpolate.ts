import type { ConfigPath, Problem } from './problems.js';

const PLACEHOLDER = /\$\$\{|\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

/**
 * Replaces `${VAR}` in every string with the environment's value (`$${` keeps a literal `${`).
 * An unset variable is a problem at that string, not an empty value: a blank token or channel
 * name would fail later and further from the cause.
 */
export function interpolate(
  value: unknown,
  env: Record<string, string | undefined>,
  path: ConfigPath = [],
): { value: unknown; problems: Problem[] } {
  if (typeof value === 'string') {
    const problems: Problem[] = [];
    const replaced = value.replace(PLACEHOLDER, (match, name: string | undefined) => {
      if (name === undefined) return '${';
      const found = env[name];
      if (found === undefined)
        problems.push({
          path,
          message: `environment variable ${name} is not set: expected it to be exported before discloop starts`,
        });
      return found ?? match;
    });
    return { value: replaced, problems };
  }
  if (Array.isArray(value)) {
    const results = value.map((item, index) => interpolate(item, env, [...path, index]));
    return { value: results.map((r) => r.value), problems: results.flatMap((r) => r.problems) };
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).map(
      ([key, item]) => [key, interpolate(item, env, [...path, key])] as const,
    );
    return {
      value: Object.fromEntries(entries.map(([key, r]) => [key, r.value])),
      problems: entries.flatMap(([, r]) => r.problems),
    };
  }
  return { value, problems: [] };
}
