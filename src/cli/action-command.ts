import {
  normaliseOptions,
  type OptionsSpec,
  type OptionValues,
  optionTemplateProblems,
} from '../actions/options.js';
import type { ActionDefinition } from '../actions/types.js';
import { parseDuration, SHORTEST_MS } from '../config/durations.js';
import { UsageError } from '../errors.js';
import { flagOf } from './action-flags.js';
import type { ConnectionFlags, OutputFlags } from './connection-options.js';
import type { CliContext } from './context.js';
import { launch } from './launch.js';

export interface AdHocFlags extends ConnectionFlags, OutputFlags {
  once?: boolean;
  every?: string;
  count?: string;
  [option: string]: unknown;
}

/** `discloop <action>`: one run (`--once`, the default) or a quick loop (`--every 5m --count 3`). */
export async function runAction(
  action: ActionDefinition,
  flags: AdHocFlags,
  ctx: CliContext,
): Promise<number> {
  if (flags.once && flags.every) throw new UsageError('--once and --every exclude each other.');
  if (flags.count !== undefined && flags.every === undefined)
    throw new UsageError(
      '--count needs --every: without it the action runs once.',
      `For repeated runs: discloop ${action.name} --every 5m --count ${flags.count}`,
    );
  const everyMs = flags.every === undefined ? undefined : parseDuration(flags.every);
  if (everyMs === undefined && flags.every !== undefined)
    throw new UsageError(`--every expects a duration such as 30s or 1h30m, got "${flags.every}".`);
  if (everyMs !== undefined && everyMs < SHORTEST_MS)
    throw new UsageError(
      `--every expects a duration of at least ${SHORTEST_MS}ms, got "${flags.every}".`,
    );
  const count = flags.count === undefined ? undefined : Number(flags.count);
  if (count !== undefined && !(Number.isInteger(count) && count > 0))
    throw new UsageError(`--count expects a whole number above 0, got "${flags.count}".`);
  const once = everyMs === undefined;
  const plan = {
    name: action.name,
    schedule: once ? { kind: 'once' as const } : { kind: 'interval' as const, everyMs },
    count: once ? 1 : count,
    overlap: 'skip' as const,
    onError: 'continue' as const,
  };
  const options = normaliseOptions(action.options, flags);
  checkOptions(action, options);
  return launch({ setups: [{ plan, action, options }], flags, once }, ctx);
}

/** The checks the config applies to `with:`, for flags: templates and combinations of options. */
function checkOptions(action: ActionDefinition, options: OptionValues<OptionsSpec>): void {
  const problems = [
    ...Object.entries(action.options).flatMap(([name, spec]) =>
      optionTemplateProblems(spec, options[name]).map((message) => `${flagOf(name)}: ${message}`),
    ),
    ...(action.problems?.(options) ?? []).map(
      ({ option, message }) => `${flagOf(option)}: ${message}`,
    ),
  ];
  if (problems.length > 0)
    throw new UsageError(problems.join('\n  '), `See discloop ${action.name} --help.`);
}
