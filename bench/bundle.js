// Bundles bench/<name>/entry.js with rolldown into bench/results/<name>.js and imports it: the
// code under measurement exactly as src/ has it (TypeScript included), on plain node.
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'rolldown';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export async function importBundled(name) {
  const file = path.join(root, `bench/results/${name}.js`);
  await build({
    input: path.join(root, `bench/${name}/entry.js`),
    platform: 'node',
    logLevel: 'silent',
    output: { file, format: 'esm', codeSplitting: false },
  });
  return import(pathToFileURL(file).href);
}
