import { Command } from 'commander';
import type { ActionDefinition } from '../actions/types.js';
import { actionFlag } from './action-flags.js';
import { addConnectionOptions } from './connection-options.js';
import type { CliContext } from './context.js';
import { givenOptions } from './given-options.js';

/** Sets the command's exit code; commands are loaded only when they run, so --help stays light. */
type Finish = (code: number) => void;

function addActionCommand(
  program: Command,
  action: ActionDefinition,
  ctx: CliContext,
  finish: Finish,
): void {
  const command = program.command(action.name).description(action.summary);
  for (const [name, spec] of Object.entries(action.options))
    command.addOption(actionFlag(name, spec));
  command
    .option('--once', 'run once and exit (the default)')
    .option('--every <duration>', 'run repeatedly at this interval, e.g. 30s or 5m')
    .option('--count <n>', 'with --every: stop after n runs');
  addConnectionOptions(command).action(async (flags) => {
    const { runAction } = await import('./action-command.js');
    finish(await runAction(action, flags, ctx));
  });
}

/** Builds the command line. This file only wires: each command's work lives in its own file. */
export function buildProgram(ctx: CliContext, version: string, finish: Finish): Command {
  const program = new Command('discloop')
    .description('Run scheduled Discord loops from a config file.')
    .version(version)
    .showHelpAfterError()
    // Usage errors become exit 2 in main(), not an exit from inside commander.
    .exitOverride();

  addConnectionOptions(
    program
      .command('run')
      .description("run the config's loops until all have finished or the process is stopped")
      .argument('[config]', 'config file (default: searched for in this directory)')
      .option('--only <names...>', 'run just these loops')
      .option(
        '--state <path>',
        'where loop state is kept (env DISCLOOP_STATE; default .discloop/state.json beside the config)',
      )
      .option('--no-state', 'keep no state: every start is a first start')
      .option('--fresh', 'ignore the stored state (it is overwritten)')
      .option('--watch', 'reload the config when its file changes (SIGHUP always reloads)')
      .option(
        '--shutdown-timeout <duration>',
        'how long runs in flight may finish after SIGTERM before they are cancelled (default 5s)',
      )
      .option(
        '--processes <n>',
        'spread the shards over n supervised child processes on this machine',
      ),
  ).action(async (config, flags, command: Command) => {
    if (flags.processes !== undefined) {
      const { runProcesses, DECIDED_BY_PARENT } = await import('./processes.js');
      const passOn = givenOptions(command, DECIDED_BY_PARENT);
      return finish(await runProcesses(config, flags, passOn, ctx));
    }
    const { run } = await import('./run.js');
    finish(await run(config, flags, ctx));
  });

  program
    .command('validate')
    .description('check the config without connecting')
    .argument('[config]', 'config file (default: searched for in this directory)')
    .option('--no-color', 'plain output (also NO_COLOR)')
    .action(async (config, flags) => {
      const { validate } = await import('./validate.js');
      finish(await validate(config, flags, ctx));
    });

  program
    .command('actions')
    .description('list the built-in actions: options, required intents, permissions')
    .option('--markdown', "the table in the README's format")
    .option('--no-color', 'plain output (also NO_COLOR)')
    .action(async (flags) => {
      const { actions } = await import('./actions.js');
      finish(await actions(flags, ctx));
    });

  program
    .command('schema')
    .description("print the config's JSON Schema (for editors: yaml-language-server)")
    .action(async () => {
      const { schema } = await import('./schema.js');
      finish(await schema(ctx));
    });

  program
    .command('init')
    .description('write a commented starter config')
    .argument('[file]', 'where to write it', 'loops.yaml')
    .option('--force', 'overwrite the file if it exists')
    .action(async (file, flags) => {
      const { init } = await import('./init.js');
      finish(await init(file, flags, ctx));
    });

  for (const action of ctx.registry.actions) addActionCommand(program, action, ctx, finish);
  return program;
}
