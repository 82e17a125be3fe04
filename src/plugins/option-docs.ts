import { z } from 'zod';
import type { OptionDoc } from '../actions/types.js';

/** The part of a JSON Schema that says what values an option takes. */
interface JsonSchema {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  default?: unknown;
  description?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
}

const TYPES: Record<string, string> = {
  string: 'text',
  number: 'number',
  integer: 'whole number',
  boolean: 'true or false',
  object: 'mapping',
  null: 'null',
};

/** What values a JSON Schema allows, in a few words, as `discloop actions` says it. */
function valuesOf(schema: JsonSchema): string {
  if (schema.enum) return schema.enum.map((v) => JSON.stringify(v)).join(' | ');
  if (schema.const !== undefined) return JSON.stringify(schema.const);
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives) return alternatives.map(valuesOf).join(' or ');
  if (schema.type === 'array') return `list of ${schema.items ? valuesOf(schema.items) : 'values'}`;
  if (Array.isArray(schema.type)) return schema.type.map((t) => TYPES[t] ?? t).join(' or ');
  return schema.type ? (TYPES[schema.type] ?? schema.type) : 'anything';
}

/** A plugin's options, one row each, read off the JSON Schema `discloop schema` shows. */
export function optionDocsOf(options: z.ZodObject): OptionDoc[] {
  const json = z.toJSONSchema(options, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  const required = new Set(json.required ?? []);
  return Object.entries(json.properties ?? {}).map(([name, schema]) => ({
    name,
    required: required.has(name),
    values:
      schema.default === undefined
        ? valuesOf(schema)
        : `${valuesOf(schema)}, default ${JSON.stringify(schema.default)}`,
    description: schema.description ?? '',
  }));
}
