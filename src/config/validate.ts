import type { z } from 'zod';
import type { ActionRegistry } from '../actions/registry.js';
import { actionOf, actionOptionProblems, actionWarnings } from './action-rules.js';
import { didYouMean } from './did-you-mean.js';
import { intervalPartsMs, SHORTEST_MS } from './durations.js';
import { optionNames } from './option-schemas.js';
import { type ConfigPath, describeValue, type Problem, printable, valueAt } from './problems.js';
import {
  buildConfigSchema,
  type Config,
  INTERVAL_KEYS,
  LOOP_KEYS,
  loopWithUnknownAction,
  SCHEDULE_KEYS,
  TOP_LEVEL_KEYS,
} from './schema.js';

/** A config to run (it may have warnings), or every problem that stops it. */
export type Validation =
  | { ok: true; config: Config; warnings: Problem[] }
  | { ok: false; problems: Problem[] };

/**
 * Pure validation: every problem in one pass, schema and cross-field rules alike, each with
 * its path. Never throws for bad input; the caller decides how to print and what exit code.
 */
export function validateConfig(raw: unknown, registry: ActionRegistry): Validation {
  const parsed = buildConfigSchema(registry).safeParse(raw);
  const problems = parsed.success
    ? []
    : parsed.error.issues.flatMap((issue) => explain(issue, raw, registry));
  problems.push(
    ...unknownActionLoopProblems(raw, registry),
    ...crossFieldProblems(raw),
    ...actionOptionProblems(raw, registry),
  );
  if (problems.length > 0 || !parsed.success) return { ok: false, problems };
  return { ok: true, config: parsed.data, warnings: actionWarnings(parsed.data, registry) };
}

function unknownActionLoopProblems(raw: unknown, registry: ActionRegistry): Problem[] {
  const loops = valueAt(raw, ['loops']);
  if (!Array.isArray(loops)) return [];
  return loops.flatMap((loop: unknown, index) => {
    const action = valueAt(loop, ['action']);
    if (typeof action !== 'string' || registry.get(action)) return [];
    const result = loopWithUnknownAction.safeParse(loop);
    const issues = result.success ? [] : result.error.issues;
    return issues.flatMap((issue) =>
      explain(
        { ...issue, path: ['loops', index, ...issue.path] } as z.core.$ZodIssue,
        raw,
        registry,
      ),
    );
  });
}

function knownKeys(path: ConfigPath, raw: unknown, registry: ActionRegistry): string[] {
  if (path.length === 0) return TOP_LEVEL_KEYS;
  if (path.length === 2 && path[0] === 'loops') return LOOP_KEYS;
  if (path.length === 3 && path[2] === 'with') {
    const action = actionOf(valueAt(raw, path.slice(0, 2)), registry);
    return action ? optionNames(action) : [];
  }
  return [];
}

function unknownKey(path: ConfigPath, key: string, known: string[]): Problem {
  const guess = didYouMean(key, known);
  const expected = guess
    ? `did you mean "${guess}"?`
    : `expected one of: ${known.join(', ') || 'no keys'}`;
  return {
    path: [...path, key],
    at: 'key',
    message: `unknown key "${printable(key)}": ${expected}`,
  };
}

function explain(issue: z.core.$ZodIssue, raw: unknown, registry: ActionRegistry): Problem[] {
  const path = issue.path as ConfigPath;
  const value = valueAt(raw, path);
  const last = path[path.length - 1];
  switch (issue.code) {
    case 'unrecognized_keys':
      return issue.keys.map((key) => unknownKey(path, key, knownKeys(path, raw, registry)));
    case 'invalid_union': {
      if (!('discriminator' in issue)) {
        return [{ path, message: `${issue.message}, got ${describeValue(value)}${idHint(value)}` }];
      }
      const names = registry.actions.map((a) => a.name);
      if (value === undefined)
        return [
          {
            path: path.slice(0, -1),
            message: `missing "action": expected one of ${names.join(', ')}`,
          },
        ];
      const guess = typeof value === 'string' ? didYouMean(value, names) : undefined;
      const hint = guess ? `did you mean "${guess}"?` : `expected one of ${names.join(', ')}`;
      return [{ path, message: `unknown action ${describeValue(value)}: ${hint}` }];
    }
    case 'invalid_type': {
      // zod's own wording starts "Invalid input"; ours (set in the schema) says what is expected.
      const expected = issue.message.startsWith('Invalid input')
        ? `expected ${article(issue.expected)}`
        : issue.message;
      if (value === undefined)
        return [{ path: path.slice(0, -1), message: `missing "${String(last)}": ${expected}` }];
      return [{ path, message: `${expected}, got ${describeValue(value)}${idHint(value)}` }];
    }
    case 'invalid_value': {
      const options = issue.values.map((v) => JSON.stringify(v));
      const guess =
        typeof value === 'string' ? didYouMean(value, issue.values.map(String)) : undefined;
      return [
        {
          path,
          message: `expected one of ${options.join(', ')}, got ${describeValue(value)}${guess ? `: did you mean "${guess}"?` : ''}`,
        },
      ];
    }
    case 'custom':
    case 'invalid_format': {
      const { hint, plain } =
        (issue as { params?: { hint?: string; plain?: boolean } }).params ?? {};
      if (plain) return [{ path, message: issue.message }];
      return [
        {
          path,
          message: `${issue.message}, got ${describeValue(value)}${hint ? `: ${hint}` : ''}`,
        },
      ];
    }
    case 'too_small':
    case 'too_big':
      return [
        {
          path,
          message: typeof value === 'number' ? `${issue.message}, got ${value}` : issue.message,
        },
      ];
    default:
      return [{ path, message: issue.message }];
  }
}

const ARTICLES: Record<string, string> = {
  array: 'a list',
  object: 'a mapping',
  string: 'a string',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
};

/** Snowflake ids written without quotes become YAML numbers and silently lose their last digits. */
const idHint = (value: unknown) =>
  typeof value === 'number' && Number.isInteger(value) && Math.abs(value) > 1e15
    ? ' (put ids in quotes: 17–19 digit numbers lose digits in YAML)'
    : '';
const article = (type: string) => ARTICLES[type] ?? type;

/** seconds, minutes and hours add up into one interval; every other key is a kind of its own. */
const scheduleKind = (key: string) =>
  (INTERVAL_KEYS as readonly string[]).includes(key) ? 'interval' : key;

/**
 * Parts above 0 that still add up to under SHORTEST_MS (`seconds: 0.0001`) would spin a core like
 * an interval of 0. Only checked when every part given is a positive number: the schema reports
 * the others at their own value.
 */
function tinyIntervalProblems(fields: Record<string, unknown>, path: ConfigPath): Problem[] {
  const given = INTERVAL_KEYS.filter((key) => fields[key] !== undefined);
  const [first] = given;
  if (!first || !given.every((key) => typeof fields[key] === 'number' && fields[key] > 0))
    return [];
  if (intervalPartsMs(fields as Partial<Record<(typeof given)[number], number>>) >= SHORTEST_MS)
    return [];
  const got = given.map((key) => `${fields[key]} ${key}`).join(' + ');
  return [
    {
      path: [...path, first],
      message: `expected an interval of at least ${SHORTEST_MS}ms, got ${got}`,
    },
  ];
}

function crossFieldProblems(raw: unknown): Problem[] {
  const loops = valueAt(raw, ['loops']);
  if (!Array.isArray(loops)) return [];
  const problems: Problem[] = [];
  const seen = new Set<string>();
  loops.forEach((loop: unknown, index) => {
    if (loop === null || typeof loop !== 'object') return;
    const fields = loop as Record<string, unknown>;
    const keys = SCHEDULE_KEYS.filter((key) => fields[key] !== undefined);
    const [first] = keys;
    const clash = keys.find((key) => scheduleKind(key) !== scheduleKind(first ?? key));
    if (!first) {
      problems.push({
        path: ['loops', index],
        message: `no schedule: expected one of ${SCHEDULE_KEYS.slice(0, -1).join(', ')} or ${SCHEDULE_KEYS.at(-1)}`,
      });
    } else if (clash) {
      problems.push({
        path: ['loops', index, clash],
        at: 'key',
        message: `more than one schedule kind (${keys.join(', ')}): expected exactly one`,
      });
    } else {
      problems.push(...tinyIntervalProblems(fields, ['loops', index]));
    }
    if (typeof fields.name === 'string') {
      if (seen.has(fields.name))
        problems.push({
          path: ['loops', index, 'name'],
          message: `duplicate loop name "${fields.name}": names must be unique`,
        });
      seen.add(fields.name);
    }
  });
  return problems;
}
