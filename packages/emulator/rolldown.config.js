import { fileURLToPath } from 'node:url';
import { defineConfig } from 'rolldown';

const here = (file) => fileURLToPath(new URL(file, import.meta.url));

/**
 * dist/index.js, for consumers that run plain node: the bin, the benchmarks. discloop itself
 * bundles the emulator from src (the `source` export condition), so it never reads this.
 */
export default defineConfig({
  input: { index: here('src/index.ts') },
  platform: 'node',
  external: ['ws'],
  output: {
    dir: here('dist'),
    cleanDir: true,
    format: 'esm',
    sourcemap: true,
  },
});
