#!/usr/bin/env node
// Serves the Discord emulator on 127.0.0.1 until stopped, for pointing any Discord client at it
// (discloop with --api-url, your own bot, the benchmarks):
//   discloop-emulator [--demo | world.json] [--timeline timeline.json] [--port N] [--verbose]
//     [--no-session-start-limit]
// Prints one JSON line {"apiUrl", "token"} on stdout once it listens. --timeline adds its
// entries (e.g. a fault scenario from scenarios/) to the world's own timeline; --verbose logs
// what the emulator does on stderr. --no-session-start-limit lets IDENTIFYs come back to back
// (Discord allows one per 5 s in a bucket), for benchmarks that start one client after another.
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import {
  demoTimeline,
  demoWorld,
  loadTimeline,
  loadWorld,
  startEmulator,
  WorldSpecError,
} from '../dist/index.js';

const { values, positionals } = parseArgs({
  options: {
    demo: { type: 'boolean' },
    timeline: { type: 'string' },
    port: { type: 'string' },
    verbose: { type: 'boolean', short: 'v' },
    'no-session-start-limit': { type: 'boolean' },
  },
  allowPositionals: true,
});
const readJson = async (file) => JSON.parse(await readFile(file, 'utf8'));

let options;
try {
  const [file] = positionals;
  const world = values.demo ? demoWorld() : file ? loadWorld(await readJson(file)) : undefined;
  const extra = values.timeline ? loadTimeline(await readJson(values.timeline)) : [];
  const own = values.demo ? demoTimeline() : (world?.timeline ?? []);
  options = { ...(world ? { world } : {}), timeline: [...own, ...extra] };
} catch (error) {
  if (!(error instanceof WorldSpecError || error instanceof SyntaxError)) throw error;
  process.stderr.write(`discloop-emulator: ${error.message}\n`);
  process.exit(2);
}
const emulator = await startEmulator({
  ...options,
  port: Number(values.port ?? 0),
  ...(values['no-session-start-limit'] ? { sessionStartLimit: false } : {}),
  ...(values.verbose ? { log: (line) => process.stderr.write(`${line}\n`) } : {}),
});
process.stdout.write(`${JSON.stringify({ apiUrl: emulator.apiUrl, token: emulator.token })}\n`);
const stop = () => emulator.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
