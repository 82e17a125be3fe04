import { z } from 'zod';
import type { ActionRegistry } from '../actions/registry.js';
import { buildConfigSchema } from '../config/schema.js';
import { registryOf } from './config-registry.js';
import type { CliContext } from './context.js';

/**
 * The config's JSON Schema, from the same zod schema that validates it. What a plugin's options
 * hold that JSON Schema cannot say (a date, a custom check) is left open rather than refused.
 */
export function configJsonSchema(registry: ActionRegistry): Record<string, unknown> {
  return z.toJSONSchema(buildConfigSchema(registry), {
    io: 'input',
    unrepresentable: 'any',
  }) as Record<string, unknown>;
}

/**
 * `discloop schema [config]`: prints it, for editors (yaml-language-server) and schema.json;
 * given a config, its plugins' actions and options are in it too.
 */
export async function schema(
  configPath: string | undefined,
  flags: { color: boolean },
  ctx: CliContext,
): Promise<number> {
  const found = await registryOf(configPath, flags.color, ctx);
  if ('exitCode' in found) return found.exitCode;
  ctx.sink.out(JSON.stringify(configJsonSchema(found.registry), null, 2));
  return 0;
}
