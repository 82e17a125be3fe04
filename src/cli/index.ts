import { Command } from 'commander';
import type { ActionDefinition } from '../actions/types.js';
import { actionFlag } from './action-flags.js';
import { addConnectionOptions, addShardOptions } from './connection-options.js';
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
        '--metrics <[host:]port>',
        'serve /metrics, /healthz and a status page (env DISCLOOP_METRICS)',
      )
      .option(
        '--health-grace <duration>',
        'how long a shard may be down before /healthz fails (60s)',
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

  addShardOptions(
    program
      .command('validate')
      .description('check the config without connecting; with shards, which loops run there')
      .argument('[config]', 'config file (default: searched for in this directory)')
      .option('--no-color', 'plain output (also NO_COLOR)'),
  ).action(async (config, flags) => {
    const { validate } = await import('./validate.js');
    finish(await validate(config, flags, ctx));
  });

  program
    .command('actions')
    .description(
      "list the actions (built-in, and the config's plugins'): options, required intents, permissions",
    )
    .argument('[config]', "config file whose plugins' actions to list too")
    .option('--markdown', "the table in the README's format")
    .option('--no-color', 'plain output (also NO_COLOR)')
    .action(async (config, flags) => {
      const { actions } = await import('./actions.js');
      finish(await actions(config, flags, ctx));
    });

  program
    .command('schema')
    .description("print the config's JSON Schema (for editors: yaml-language-server)")
    .argument('[config]', "config file whose plugins' actions to include")
    .option('--no-color', 'plain output (also NO_COLOR)')
    .action(async (config, flags) => {
      const { schema } = await import('./schema.js');
      finish(await schema(config, flags, ctx));
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

  addConnectionOptions(
    program
      .command('invite')
      .description("print the bot's invite URL with exactly the permissions the config needs")
      .argument('[config]', 'config file (default: searched for in this directory)')
      .option('--client-id <id>', 'the application id (default: asked of Discord with the token)'),
  ).action(async (config, flags) => {
    const { invite } = await import('./invite.js');
    finish(await invite(config, flags, ctx));
  });

  program
    .command('emulator')
    .description('start the local Discord emulator on its own (default: the demo world)')
    .argument('[world]', 'a world file (JSON), with its timeline')
    .option('--demo', 'the demo world and its voice traffic (the default without a world)')
    .option('--timeline <file>', "a timeline (JSON) to add to the world's own, e.g. a fault")
    .option('--port <port>', 'port on 127.0.0.1 (default: any free one)')
    .option('-v, --verbose', 'log what the emulator does on stderr')
    .option('--no-color', 'plain output (also NO_COLOR)')
    .action(async (world, flags) => {
      const { emulator } = await import('./emulator.js');
      finish(await emulator(world, flags, ctx));
    });

  for (const action of ctx.registry.actions) addActionCommand(program, action, ctx, finish);
  return program;
}
