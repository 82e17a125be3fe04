import { watch } from 'node:fs';
import path from 'node:path';
import type { ActionRegistry } from '../actions/registry.js';
import { loadConfig } from '../config/load.js';
import type { LoopSetup } from '../config/plans.js';
import type { Config } from '../config/schema.js';
import { positionOf, renderProblems } from '../output/render-problems.js';
import { styleFor } from '../output/style.js';
import type { Reloader } from '../run/reload.js';
import type { CliContext } from './context.js';

/** Editors save in bursts (write, rename, chmod): one reload for the lot. */
const WATCH_SETTLE_MS = 300;

/**
 * The config read again on SIGHUP and, with --watch, when its file changes. `select` turns a
 * config into the loops to run (enabled ones, --only). The token and --api-url stay as started,
 * and so does plugin code: a module is imported once per process (a new plugin entry loads).
 */
export function configReloader(
  file: string,
  watchFile: boolean,
  select: (config: Config, registry: ActionRegistry) => LoopSetup[],
  ctx: CliContext,
): Reloader {
  return {
    requests(reload) {
      ctx.signals.on('SIGHUP', reload);
      // A `--processes` parent forwards its SIGHUP.
      const removeParentReload = ctx.parent?.onReload(reload);
      const watcher = watchFile ? watchConfig(file, reload) : undefined;
      return () => {
        ctx.signals.off('SIGHUP', reload);
        removeParentReload?.();
        watcher?.close();
      };
    },
    async load() {
      const loaded = await loadConfig(file, ctx);
      if (loaded.ok) return { ok: true, setups: select(loaded.config, loaded.registry) };
      const problems = loaded.problems.map((problem) => {
        const position = positionOf(problem, loaded.source);
        return {
          file: loaded.file,
          line: position?.line,
          column: position?.column,
          message: problem.message,
        };
      });
      const text = renderProblems(loaded.problems, loaded.file, loaded.source, styleFor(false));
      return { ok: false, problems, text };
    },
  };
}

/** Watches the folder, not the file: an editor's save often replaces the file by a new one. */
function watchConfig(file: string, onChange: () => void) {
  let timer: NodeJS.Timeout | undefined;
  const name = path.basename(file);
  const watcher = watch(path.dirname(file), (_event, changed) => {
    if (changed !== null && changed !== name) return;
    clearTimeout(timer);
    timer = setTimeout(onChange, WATCH_SETTLE_MS);
  });
  return {
    close() {
      clearTimeout(timer);
      watcher.close();
    },
  };
}
