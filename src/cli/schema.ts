import { z } from 'zod';
import type { ActionRegistry } from '../actions/registry.js';
import { buildConfigSchema } from '../config/schema.js';
import type { CliContext } from './context.js';

/** The config's JSON Schema, from the same zod schema that validates it. */
export function configJsonSchema(registry: ActionRegistry): Record<string, unknown> {
  return z.toJSONSchema(buildConfigSchema(registry), { io: 'input' }) as Record<string, unknown>;
}

/** `discloop schema`: prints it, for editors (yaml-language-server) and schema.json. */
export async function schema(ctx: CliContext): Promise<number> {
  ctx.sink.out(JSON.stringify(configJsonSchema(ctx.registry), null, 2));
  return 0;
}
