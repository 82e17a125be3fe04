import type { Command } from 'commander';

/**
 * The options given to `command` on its command line, as arguments again (`--only a b`,
 * `--no-state`, `--state=x`), less those named in `omit` (attribute names, e.g. `shardCount`).
 * Read from commander's own option list, so an option added later passes through unchanged.
 */
export function givenOptions(command: Command, omit: ReadonlySet<string>): string[] {
  const args: string[] = [];
  for (const option of command.options) {
    const key = option.attributeName();
    const flag = option.long;
    if (!flag || omit.has(key) || command.getOptionValueSource(key) !== 'cli') continue;
    const value: unknown = command.getOptionValue(key);
    // `--no-x` and `--x` share a key: the negation says false, the other any other value.
    if (option.negate || value === false) {
      if (option.negate && value === false) args.push(flag);
    } else if (value === true) args.push(flag);
    else if (Array.isArray(value)) args.push(flag, ...value.map(String));
    else args.push(`${flag}=${String(value)}`);
  }
  return args;
}
