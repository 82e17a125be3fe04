import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { createJiti as CreateJiti } from 'jiti';
import type { ActionDefinition } from '../actions/types.js';
import { actionsOfExport } from './adapt.js';

/** One `plugins:` entry: the actions of its module, or why there are none. */
export type LoadedPlugin = { entry: string; index: number } & (
  | { ok: true; actions: ActionDefinition[] }
  | { ok: false; message: string }
);

/**
 * `discloop` as plugins import it: the running discloop's own public entry (the package
 * resolving itself), so that a plugin shares its zod and its ActionError whether or not the
 * plugin's folder has a discloop installed, and whichever one.
 */
function publicEntry(): string | undefined {
  try {
    return fileURLToPath(import.meta.resolve('discloop'));
  } catch {
    return undefined;
  }
}

/** An error's message without Node's "Require stack" lines: what a user needs to fix it. */
function reason(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const lines = error.message
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('Require stack') && !line.startsWith('- '));
  const name = error.name === 'Error' ? '' : `${error.name}: `;
  return `${name}${lines.join(' ')}`;
}

/**
 * Imports the modules a config lists, in order, paths relative to the config file and
 * packages resolved from its folder. TypeScript loads without a build step through jiti
 * (a runtime dependency, loaded only for configs that have plugins).
 */
export async function importPlugins(
  entries: readonly { entry: string; index: number }[],
  configFile: string,
): Promise<LoadedPlugin[]> {
  // Required, not imported: an ESM import of jiti's 190 kB CommonJS core would have Node scan
  // it for export names first (cjs-module-lexer), ~15 ms of every start with plugins.
  const { createJiti } = createRequire(import.meta.url)('jiti') as {
    createJiti: typeof CreateJiti;
  };
  const discloop = publicEntry();
  const jiti = createJiti(configFile, {
    alias: discloop ? { discloop } : {},
    interopDefault: false,
  });
  const loaded: LoadedPlugin[] = [];
  for (const { entry, index } of entries) {
    const isPath = entry.startsWith('.') || path.isAbsolute(entry);
    const url = jiti.esmResolve(entry, { try: true });
    if (url === undefined) {
      const message = isPath
        ? `no such file: ${path.resolve(path.dirname(configFile), entry)}`
        : `no package "${entry}" is installed where the config is (npm install ${entry} in ${path.dirname(configFile)})`;
      loaded.push({ entry, index, ok: false, message });
      continue;
    }
    try {
      const namespace = (await jiti.import(url)) as { default?: unknown } | undefined;
      const actions = actionsOfExport(namespace?.default, entry);
      loaded.push({ entry, index, ...actions });
    } catch (error) {
      loaded.push({ entry, index, ok: false, message: `it could not be loaded: ${reason(error)}` });
    }
  }
  return loaded;
}
