import type { IntentName } from '../connection/intents.js';
import type { OptionsSpec, OptionValues } from './options.js';
import { templatesOf } from './options.js';
import { findPlaceholder } from './placeholders.js';
import { placeholdersIn } from './templates.js';
import type { ActionDefinition } from './types.js';

/** The placeholders a loop's templates use. */
const placeholdersOf = (action: ActionDefinition, options: OptionValues<OptionsSpec>) =>
  Object.entries(action.options).flatMap(([name, spec]) =>
    templatesOf(spec, options[name])
      .flatMap(placeholdersIn)
      .flatMap((placeholder) => findPlaceholder(placeholder) ?? []),
  );

/** The intents a loop needs: its action's own, plus those its templates' placeholders read. */
export function loopIntents(
  action: ActionDefinition,
  options: OptionValues<OptionsSpec>,
): IntentName[] {
  const fromTemplates = placeholdersOf(action, options).flatMap((p) => p.intents);
  return [...action.intents(options), ...fromTemplates];
}

/**
 * Whether a loop's runs wait for the gateway after a disconnect: its action reads live data, or
 * its templates do. Runs that only use REST go ahead during a gateway outage.
 */
export function loopWaitsForGateway(
  action: ActionDefinition,
  options: OptionValues<OptionsSpec>,
): boolean {
  if (action.waitsForGateway?.(options) ?? true) return true;
  return placeholdersOf(action, options).some((p) => p.live);
}
