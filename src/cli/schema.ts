import { z } from 'zod';
import { buildConfigSchema } from '../config/schema.js';
import type { CliContext } from './context.js';

/** The config's JSON Schema, from the same zod schema that validates it. */
export function configJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(buildConfigSchema(), { io: 'input' }) as Record<string, unknown>;
}

/** `discloop schema`: prints it, for editors (yaml-language-server) and schema.json. */
export async function schema(ctx: CliContext): Promise<number> {
  ctx.sink.out(JSON.stringify(configJsonSchema(), null, 2));
  return 0;
}
