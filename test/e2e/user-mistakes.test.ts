import { describe, expect, it } from 'vitest';
import { spawnCli } from '../helpers/cli.js';

/**
 * Mistakes a user makes on the command line, against the real binary: each is exit 2 with a
 * message that says what to do, never a stack trace or "This is a bug". No token is given, so a
 * mistake that slipped through would end in "No bot token" instead of the message asserted.
 */
async function mistake(args: string[], cwd?: string) {
  const { code, stdout, stderr } = await spawnCli(args, {}, cwd).exit;
  expect(stderr).not.toContain('This is a bug');
  expect(stderr).not.toMatch(/\n\s+at /);
  return { code, stdout, stderr };
}

describe('mistakes on the command line', () => {
  it.each(['0s', '0ms', '0.5ms'])(
    '--every %s is refused in one line: it would spin a core',
    async (every) => {
      const { code, stderr } = await mistake(['guilds', '--every', every]);
      expect(code).toBe(2);
      expect(stderr).toBe(`✗ --every expects a duration of at least 1ms, got "${every}".`);
    },
  );
});
