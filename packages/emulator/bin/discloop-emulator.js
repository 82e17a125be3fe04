#!/usr/bin/env node
// Serves the Discord emulator on 127.0.0.1 until stopped, for pointing any Discord client at it
// (discloop with --api-url, your own bot, the benchmarks):
//   discloop-emulator [--demo | world.json] [--port N]
// Prints one JSON line {"apiUrl", "token"} on stdout once it listens.
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { demoTimeline, demoWorld, loadWorld, startEmulator } from '../dist/index.js';

const { values, positionals } = parseArgs({
  options: { demo: { type: 'boolean' }, port: { type: 'string' } },
  allowPositionals: true,
});
const [file] = positionals;
const options = values.demo
  ? { world: demoWorld(), timeline: demoTimeline() }
  : file
    ? { world: loadWorld(JSON.parse(await readFile(file, 'utf8'))) }
    : {};
const emulator = await startEmulator({ ...options, port: Number(values.port ?? 0) });
process.stdout.write(`${JSON.stringify({ apiUrl: emulator.apiUrl, token: emulator.token })}\n`);
const stop = () => emulator.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
