import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { givenOptions } from '../../../src/cli/given-options.js';

/** The options given on the command line, as `run --processes` passes them to its children. */
function passed(args: string[], omit: string[] = []): string[] {
  let result: string[] = [];
  const program = new Command('discloop').exitOverride();
  program
    .command('run')
    .argument('[config]')
    .option('--only <names...>')
    .option('--state <path>')
    .option('--no-state')
    .option('--fresh')
    .option('--token <token>')
    .option('-v, --verbose')
    .option('--no-color')
    .option('--shutdown-timeout <duration>')
    .action((_config, _flags, command: Command) => {
      result = givenOptions(command, new Set(omit));
    });
  program.parse(['run', ...args], { from: 'user' });
  return result;
}

describe('the options given to run, as arguments again', () => {
  it.each([
    [['loops.yaml'], []],
    [
      ['--fresh', '-v'],
      ['--fresh', '--verbose'],
    ],
    [
      ['--only', 'a', 'b', '--no-color'],
      ['--only', 'a', 'b', '--no-color'],
    ],
    [['--no-state'], ['--no-state']],
    [['--state', '/var/lib/x.json'], ['--state=/var/lib/x.json']],
    [['--shutdown-timeout', '-1s'], ['--shutdown-timeout=-1s']],
  ])('%o → %o', (args, expected) => {
    expect(passed(args)).toEqual(expected);
  });

  it('leaves out the options named', () => {
    expect(passed(['--token', 'secret', '--fresh'], ['token'])).toEqual(['--fresh']);
  });
});
