// The emulator of bench/shards.js, in a process of its own: a generated world of `guilds`
// guilds (bigWorld: community servers of `members` members) that recommends `shards` shards and
// has `session_start_limit.max_concurrency` = `maxConcurrency`, with Discord's session start
// limit enforced (op 9 for an IDENTIFY too soon in its bucket). Prints {"apiUrl","token"} once
// it listens, then one JSON line per IDENTIFY on stderr: {"at": epoch ms, "shard", "refused"}.
//   node bench/shards/emulator.js <guilds> <shards> <maxConcurrency> [members=100]
import { bigWorld, startEmulator } from '@discloop/emulator';

const [guilds, shards, maxConcurrency, members = '100'] = process.argv.slice(2).map(Number);
const world = { ...bigWorld({ guilds, members }), shards, maxConcurrency };
const identify = /identified, shard \[(\d+),|IDENTIFY too soon \(shard \[(\d+),/;
const emulator = await startEmulator({
  world,
  // Its records are not read here: keep few, so the emulator's memory stays flat across runs.
  recordLimit: 1_000,
  log: (line) => {
    const match = identify.exec(line);
    if (!match) return;
    const [, accepted, refused] = match;
    const event = { at: Date.now(), shard: Number(accepted ?? refused), refused: !accepted };
    process.stderr.write(`${JSON.stringify(event)}\n`);
  },
});
process.stdout.write(`${JSON.stringify({ apiUrl: emulator.apiUrl, token: emulator.token })}\n`);
const stop = () => emulator.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
