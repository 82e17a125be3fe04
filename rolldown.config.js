import { createRequire } from 'node:module';
import { defineConfig } from 'rolldown';

/**
 * dist/ is a bundle: discord.js alone is ~100 CommonJS modules, and loading them one by one is
 * most of a command's start-up. Bundled, `discloop list-voice --once` starts faster than a
 * hand-written discord.js script (BENCHMARKS.md). Each command still loads only its own chunks:
 * discord.js sits in the "discord" chunk, which commands that do not connect never import.
 */
export default defineConfig({
  input: {
    'cli/main': 'src/cli/main.ts',
    // The public API for plugin authors (package.json's exports); its types come from tsc.
    index: 'src/index.ts',
  },
  platform: 'node',
  resolve: {
    // `--sandbox` runs the emulator in process. The published discloop bundles it from the
    // workspace's source (the `source` export condition of @discloop/emulator) instead of
    // depending on @discloop/emulator, which is not published: one build, nothing to install.
    conditionNames: ['source', 'import', 'node', 'default'],
    // cosmiconfig require()s js-yaml's CommonJS entry and the config loader imports its ESM
    // one: one copy of js-yaml in the bundle rather than both.
    alias: { 'js-yaml': createRequire(import.meta.url).resolve('js-yaml') },
  },
  // discord.js's optional zlib-sync stays optional: imported at run time if installed. jiti
  // (the TypeScript loader for plugins) stays a dependency: it loads its 1.5 MB Babel bundle
  // by a path relative to itself, only when a plugin needs transpiling and its cache misses.
  external: ['zlib-sync', 'jiti'],
  onLog(level, log, handler) {
    // Client#_eval, discord.js's sharding broadcastEval, which discloop never calls.
    if (log.code === 'EVAL' && log.id?.includes('discord.js')) return;
    handler(level, log);
  },
  output: {
    dir: 'dist',
    cleanDir: true,
    format: 'esm',
    sourcemap: true,
    chunkFileNames: 'chunks/[name]-[hash].js',
    codeSplitting: {
      groups: [
        // ws serves both discord.js and the emulator: a chunk of its own keeps them apart.
        { name: 'ws', test: /node_modules[\\/]ws[\\/]/, priority: 2 },
        // The XML parser: only post-feed loads it, when it reads a feed.
        { name: 'parse-xml', test: /node_modules[\\/]@rgrove[\\/]parse-xml[\\/]/, priority: 1 },
        // The emulator, bundled from packages/emulator/src: only --sandbox loads it.
        { name: 'emulator', test: /packages[\\/]emulator[\\/]/, priority: 1 },
        {
          // Only run, validate and schema read a config: the connecting commands must not pay for it.
          name: 'config',
          test: /node_modules[\\/](zod|cosmiconfig|yaml|js-yaml)[\\/]/,
          priority: 1,
        },
        {
          name: 'discord',
          priority: 1,
          test: /node_modules[\\/](discord\.js|@discordjs|@sapphire|@vladfrangu|undici|discord-api-types|lodash\.snakecase|magic-bytes\.js|fast-deep-equal|tslib)[\\/]/,
        },
      ],
    },
  },
});
