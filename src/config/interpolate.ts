import type { ConfigPath, Problem } from './problems.js';

const PLACEHOLDER = /\$\$\{|\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

/**
 * Replaces `${VAR}` in every string with the environment's value (`$${` keeps a literal `${`).
 * An unset variable is a problem at that string, not an empty value: a blank token or channel
 * name would fail later and further from the cause.
 *
 * One walk over the whole config, so it allocates little: the path is one stack, copied only
 * for a problem, and a string without `$` is returned as it is.
 */
export function interpolate(
  value: unknown,
  env: Record<string, string | undefined>,
): { value: unknown; problems: Problem[] } {
  const problems: Problem[] = [];
  const path: ConfigPath = [];
  const replace = (text: string) =>
    text.replace(PLACEHOLDER, (match, name: string | undefined) => {
      if (name === undefined) return '${';
      const found = env[name];
      if (found === undefined)
        problems.push({
          path: [...path],
          message: `environment variable ${name} is not set: expected it to be exported before discloop starts`,
        });
      return found ?? match;
    });
  const walk = (item: unknown): unknown => {
    if (typeof item === 'string') return item.includes('$') ? replace(item) : item;
    if (item === null || typeof item !== 'object') return item;
    if (Array.isArray(item)) return item.map((child, index) => at(index, child));
    // fromEntries, not assignment: a `__proto__` key stays a key to report, not a prototype.
    return Object.fromEntries(Object.entries(item).map(([key, child]) => [key, at(key, child)]));
  };
  const at = (key: string | number, child: unknown) => {
    path.push(key);
    const result = walk(child);
    path.pop();
    return result;
  };
  return { value: walk(value), problems };
}
