import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { BUILTIN_ACTIONS } from '../../../src/actions/builtins.js';
import { createRegistry } from '../../../src/actions/registry.js';
import { configJsonSchema } from '../../../src/cli/schema.js';

const registry = createRegistry(BUILTIN_ACTIONS);

describe('the JSON Schema', () => {
  it('shipped as schema.json is the one the zod schema produces (npm run schema)', async () => {
    const shipped = JSON.parse(
      await readFile(new URL('../../../schema.json', import.meta.url), 'utf8'),
    );
    expect(shipped).toEqual(configJsonSchema(registry));
  });

  it("holds each action's own with: options, from the registry", () => {
    const loops = (
      configJsonSchema(registry).properties as {
        loops: {
          items: {
            oneOf: { properties: Record<string, { const?: string; properties?: object }> }[];
          };
        };
      }
    ).loops;
    const byAction = Object.fromEntries(
      loops.items.oneOf.map((loop) => [
        loop.properties.action?.const,
        Object.keys(loop.properties.with?.properties ?? {}),
      ]),
    );
    for (const action of registry.actions)
      expect(byAction[action.name]).toEqual(Object.keys(action.options));
  });
});
