import type { IntentName } from '../connection/intents.js';
import type { OptionsSpec, OptionValues } from './options.js';
import { templatesOf } from './options.js';
import { placeholdersIn } from './templates.js';
import type { ActionDefinition } from './types.js';

/** What a placeholder reads from the gateway cache, and so which intent it needs. */
const PLACEHOLDER_INTENTS: Partial<Record<string, IntentName>> = {
  'guild.name': 'Guilds',
  'guild.voiceCount': 'GuildVoiceStates',
  'bot.guildCount': 'Guilds',
};

/** Placeholders that read what only a live gateway keeps fresh. */
const LIVE_PLACEHOLDERS = new Set(['guild.voiceCount']);

/**
 * Whether a loop's runs wait for the gateway after a disconnect: its action reads live data, or
 * its templates do. Runs that only use REST go ahead during a gateway outage.
 */
export function loopWaitsForGateway(
  action: ActionDefinition,
  options: OptionValues<OptionsSpec>,
): boolean {
  if (action.waitsForGateway?.(options) ?? true) return true;
  return Object.entries(action.options).some(([name, spec]) =>
    templatesOf(spec, options[name])
      .flatMap(placeholdersIn)
      .some((placeholder) => LIVE_PLACEHOLDERS.has(placeholder)),
  );
}

/** The intents a loop needs: its action's own, plus those its templates' placeholders read. */
export function loopIntents(
  action: ActionDefinition,
  options: OptionValues<OptionsSpec>,
): IntentName[] {
  const fromTemplates = Object.entries(action.options).flatMap(([name, spec]) =>
    templatesOf(spec, options[name])
      .flatMap(placeholdersIn)
      .flatMap((placeholder) => PLACEHOLDER_INTENTS[placeholder] ?? []),
  );
  return [...action.intents(options), ...fromTemplates];
}
