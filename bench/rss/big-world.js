// The generated world of the memory benchmark (bench/rss.js), written as a WorldSpec JSON that
// `discloop-emulator <file>` serves: the emulator's `bigWorld()` (packages/emulator/src/world/
// big-world.ts says what is in it), by default 1,000 guilds × 100 members, deterministic.
//   npm run build && node bench/rss/big-world.js [out=bench/results/big-world.json] [guilds=1000] [members=100]
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bigWorld } from '@discloop/emulator';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Builds the big world and writes it as JSON. */
export function writeBigWorld(file, options = {}) {
  const spec = bigWorld(options);
  mkdirSync(path.dirname(file), { recursive: true });
  const json = JSON.stringify(spec);
  writeFileSync(file, json);
  return { spec, bytes: Buffer.byteLength(json) };
}

/** One line on what the world holds: guilds, users, channels, roles, voice, presences, size. */
export function describeWorld(spec, bytes) {
  const count = (key) => spec.guilds.reduce((n, g) => n + g[key].length, 0);
  const users = new Set(spec.guilds.flatMap((g) => g.members.map((m) => m.id)));
  return (
    `${spec.guilds.length} guilds, ${count('members')} memberships of ${users.size} users, ` +
    `${count('channels')} channels, ${count('roles')} roles, ${count('voiceStates')} in voice, ` +
    `${count('presences')} presences; ${(bytes / 2 ** 20).toFixed(1)} MiB`
  );
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [out = path.join(root, 'bench/results/big-world.json'), guilds, members] =
    process.argv.slice(2);
  const { spec, bytes } = writeBigWorld(path.resolve(out), {
    ...(guilds ? { guilds: Number(guilds) } : {}),
    ...(members ? { members: Number(members) } : {}),
  });
  console.log(`${out}: ${describeWorld(spec, bytes)}`);
}
