// The reference of bench/shards.js: a bare discord.js client with what discloop's loop needs
// (the Guilds intent), discord.js's default caches and its own IDENTIFY throttler, running
// shards 0…count-1 in one process. Prints {"type":"ready","guilds":N} at clientReady, then
// waits for SIGINT.
//   DISCORD_TOKEN=… DISCLOOP_API_URL=… node bench/shards/bare-client.js <shardCount>
import { Client, GatewayIntentBits } from 'discord.js';

const count = Number(process.argv[2]);
const client = new Client({
  intents: [GatewayIntentBits.Guilds],
  shards: Array.from({ length: count }, (_, i) => i),
  shardCount: count,
  rest: { api: process.env.DISCLOOP_API_URL },
});
client.once('clientReady', () => {
  console.log(JSON.stringify({ type: 'ready', guilds: client.guilds.cache.size }));
});
process.once('SIGINT', async () => {
  await client.destroy();
  process.exit(0);
});
await client.login(process.env.DISCORD_TOKEN);
