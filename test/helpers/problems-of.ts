import { BUILTIN_ACTIONS } from '../../src/actions/builtins.js';
import { createRegistry } from '../../src/actions/registry.js';
import { loadConfig } from '../../src/config/load.js';
import { positionOf } from '../../src/output/render-problems.js';

/** "line:column message" for every problem of a config file, in file order. */
export async function problemsOf(
  file: string,
  cwd: string,
  env: Record<string, string | undefined> = {},
): Promise<string[]> {
  const loaded = await loadConfig(file, { cwd, env, registry: createRegistry(BUILTIN_ACTIONS) });
  if (loaded.ok) return [];
  return loaded.problems
    .map((problem) => ({ problem, at: positionOf(problem, loaded.source) }))
    .sort(
      (a, b) => (a.at?.line ?? 0) - (b.at?.line ?? 0) || (a.at?.column ?? 0) - (b.at?.column ?? 0),
    )
    .map(({ problem, at }) => `${at ? `${at.line}:${at.column}` : '-'} ${problem.message}`);
}
