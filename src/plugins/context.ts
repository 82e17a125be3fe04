import { templateValues } from '../actions/placeholders.js';
import { selectGuilds } from '../actions/targets.js';
import { renderTemplate, templateProblems } from '../actions/templates.js';
import type { ActionContext, ActionLog } from '../actions/types.js';
import { ActionError } from '../errors.js';
import type { PluginContext } from './define.js';

/** Where a run's log goes when the engine gives none (a unit test's context): stderr. */
const stderrLog = (loop: string): ActionLog => ({
  info: (message) => console.error(`${loop}: ${message}`),
  warn: (message) => console.error(`! ${loop}: ${message}`),
});

/** A plugin's view of a run: the engine's context with a log, its slot and templates. */
export function pluginContext(context: ActionContext): PluginContext {
  const { loop, log, ...rest } = context;
  return {
    ...rest,
    loop: { name: loop.name, iteration: loop.iteration, scheduledAt: loop.scheduledAt ?? rest.now },
    log: log ?? stderrLog(loop.name),
    render: (template, guild) => render(context, template, guild),
  };
}

async function render(context: ActionContext, template: string, guildRef?: string) {
  const guild =
    guildRef === undefined ? undefined : selectGuilds(context.discord.guilds(), [guildRef])[0];
  const problems = templateProblems(template, guild ? 'guild' : 'global');
  if (problems.length > 0)
    throw new ActionError('invalid_template', `Template "${template}": ${problems.join('; ')}.`);
  return renderTemplate(template, templateValues(context, guild));
}
