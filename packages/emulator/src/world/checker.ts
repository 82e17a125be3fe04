import { isSnowflake } from '../snowflake.js';

/**
 * A tiny structural checker for world and timeline files: it collects every problem with its
 * path (`guilds[0].channels[2].type: …`) instead of stopping at the first, so one run of
 * `loadWorld` tells the author everything that is wrong.
 */
export type Check = (value: unknown, path: string, issues: string[]) => void;

const describe = (value: unknown): string =>
  value === null
    ? 'null'
    : Array.isArray(value)
      ? 'an array'
      : `${typeof value} ${JSON.stringify(value)}`;

export const string =
  (options: { min?: number; max?: number } = {}): Check =>
  (value, path, issues) => {
    if (typeof value !== 'string')
      return void issues.push(`${path}: expected a string, got ${describe(value)}`);
    if (options.min !== undefined && value.length < options.min) {
      issues.push(`${path}: must be at least ${options.min} characters`);
    }
    if (options.max !== undefined && value.length > options.max) {
      issues.push(`${path}: must be at most ${options.max} characters`);
    }
  };

export const snowflakeId: Check = (value, path, issues) => {
  if (!isSnowflake(value))
    issues.push(`${path}: expected a snowflake id (17–20 digit string), got ${describe(value)}`);
};

export const permissionString: Check = (value, path, issues) => {
  if (typeof value !== 'string' || !/^\d+$/.test(value)) {
    issues.push(
      `${path}: expected a permission bit set as a decimal string, got ${describe(value)}`,
    );
  }
};

export const isoDate: Check = (value, path, issues) => {
  if (typeof value !== 'string' || Number.isNaN(Date.parse(value))) {
    issues.push(`${path}: expected an ISO 8601 date string, got ${describe(value)}`);
  }
};

export const integer =
  (options: { min?: number; max?: number } = {}): Check =>
  (value, path, issues) => {
    if (typeof value !== 'number' || !Number.isInteger(value)) {
      return void issues.push(`${path}: expected an integer, got ${describe(value)}`);
    }
    if (options.min !== undefined && value < options.min)
      issues.push(`${path}: must be ≥ ${options.min}`);
    if (options.max !== undefined && value > options.max)
      issues.push(`${path}: must be ≤ ${options.max}`);
  };

export const boolean: Check = (value, path, issues) => {
  if (typeof value !== 'boolean')
    issues.push(`${path}: expected true or false, got ${describe(value)}`);
};

export const oneOf =
  (...allowed: readonly (string | number)[]): Check =>
  (value, path, issues) => {
    if (!allowed.includes(value as string | number)) {
      issues.push(
        `${path}: expected one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}, got ${describe(value)}`,
      );
    }
  };

export const nullable =
  (check: Check): Check =>
  (value, path, issues) => {
    if (value !== null) check(value, path, issues);
  };

export const anyValue: Check = () => {};

export const array =
  (item: Check): Check =>
  (value, path, issues) => {
    if (!Array.isArray(value))
      return void issues.push(`${path}: expected an array, got ${describe(value)}`);
    value.forEach((element, index) => {
      item(element, `${path}[${index}]`, issues);
    });
  };

/** Keys ending in `?` are optional; unknown keys are reported (a typo should not pass silently). */
export const object =
  (fields: Record<string, Check>): Check =>
  (value, path, issues) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      return void issues.push(`${path}: expected an object, got ${describe(value)}`);
    }
    const record = value as Record<string, unknown>;
    const known = new Set<string>();
    for (const [rawKey, check] of Object.entries(fields)) {
      const optional = rawKey.endsWith('?');
      const key = optional ? rawKey.slice(0, -1) : rawKey;
      known.add(key);
      const fieldPath = path ? `${path}.${key}` : key;
      if (record[key] === undefined) {
        if (!optional) issues.push(`${fieldPath}: required`);
        continue;
      }
      check(record[key], fieldPath, issues);
    }
    for (const key of Object.keys(record)) {
      if (!known.has(key)) issues.push(`${path ? `${path}.` : ''}${key}: unknown key`);
    }
  };

/** Picks the object shape by its `type` field, for the timeline's event union. */
export const tagged =
  (variants: Record<string, Check>): Check =>
  (value, path, issues) => {
    const type = (value as { type?: unknown } | null)?.type;
    const variant = typeof type === 'string' ? variants[type] : undefined;
    if (!variant) {
      return void issues.push(
        `${path}.type: expected one of ${Object.keys(variants).join(', ')}, got ${describe(type)}`,
      );
    }
    variant(value, path, issues);
  };
