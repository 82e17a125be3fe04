import { actionsMarkdown, intentsInWords, optionDocs } from '../actions/docs.js';
import { PLACEHOLDERS } from '../actions/placeholders.js';
import { colorWanted, styleFor } from '../output/style.js';
import { registryOf } from './config-registry.js';
import type { CliContext } from './context.js';

/**
 * `discloop actions [config]`: the built-ins (and the config's plugins' actions), with each
 * action's options, intents and permissions.
 */
export async function actions(
  configPath: string | undefined,
  flags: { markdown?: boolean; color: boolean },
  ctx: CliContext,
): Promise<number> {
  const found = await registryOf(configPath, flags.color, ctx);
  if ('exitCode' in found) return found.exitCode;
  const { registry } = found;
  if (flags.markdown) {
    ctx.sink.out(actionsMarkdown(registry.actions));
    return 0;
  }
  const style = styleFor(colorWanted(ctx.stdout, flags.color, ctx.env));
  for (const action of registry.actions) {
    const from = action.plugin === undefined ? '' : style.dim(`  (plugin ${action.plugin})`);
    ctx.sink.out(`${style.bold(action.name)}  ${action.summary}${from}`);
    for (const { name, required, values, description } of optionDocs(action)) {
      const needed = required ? ' (required)' : '';
      ctx.sink.out(`    ${name}${needed}: ${values}${description ? ` — ${description}` : ''}`);
    }
    ctx.sink.out(
      style.dim(
        `    intents: ${intentsInWords(action)} · permissions: ${action.permissions.join(', ') || '—'}`,
      ),
    );
    ctx.sink.out('');
  }
  const placeholders = PLACEHOLDERS.map((p) => `{${p.name}}`).join(' ');
  ctx.sink.out(style.dim(`Templates may use ${placeholders}.`));
  ctx.sink.out(style.dim(`${placeholderIntents()} Run one with: discloop <action> --help`));
  return 0;
}

/**
 * The intents placeholders add, past Guilds (which every action that reads a guild asks for):
 * "{guild.voiceCount} adds the GuildVoiceStates intent."
 */
function placeholderIntents(): string {
  return PLACEHOLDERS.flatMap(({ name, intents }) => {
    const added = intents.filter((intent) => intent !== 'Guilds');
    return added.length > 0 ? [`{${name}} adds the ${added.join(' and ')} intent.`] : [];
  }).join(' ');
}
