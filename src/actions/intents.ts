import type { IntentName } from '../connection/intents.js';
import type { OptionsSpec, OptionValues } from './options.js';
import { templatesOf } from './options.js';
import { findPlaceholder } from './placeholders.js';
import { placeholdersIn } from './templates.js';
import type { ActionDefinition } from './types.js';

/** The intents a loop needs: its action's own, plus those its templates' placeholders read. */
export function loopIntents(
  action: ActionDefinition,
  options: OptionValues<OptionsSpec>,
): IntentName[] {
  const fromTemplates = Object.entries(action.options).flatMap(([name, spec]) =>
    templatesOf(spec, options[name])
      .flatMap(placeholdersIn)
      .flatMap((placeholder) => findPlaceholder(placeholder)?.intents ?? []),
  );
  return [...action.intents(options), ...fromTemplates];
}
