// The hand-written discord.js script discloop is measured against: log in with Guilds +
// GuildVoiceStates (what discloop asks for the voice report) and discord.js's default caches,
// wait for clientReady, print who is in voice (the seed's loop), leave. With `--every <ms>` it
// keeps printing, each listing under a `── listing #n` line, until SIGINT (bench/rss.js).
//   DISCORD_TOKEN=… DISCLOOP_API_URL=… node bench/minimal-list-voice.js [--every 5000]
import { Client, GatewayIntentBits } from 'discord.js';

const everyFlag = process.argv.indexOf('--every');
const every = everyFlag === -1 ? 0 : Number(process.argv[everyFlag + 1]);

const client = new Client({
  intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildVoiceStates],
  rest: { api: process.env.DISCLOOP_API_URL },
});

let runs = 0;
function listVoice() {
  const lines = every ? [`── listing #${++runs}`] : [];
  for (const guild of [...client.guilds.cache.values()].sort((a, b) =>
    a.name.localeCompare(b.name),
  )) {
    lines.push(guild.name);
    const channels = guild.channels.cache
      .filter((c) => c.isVoiceBased())
      .sort((a, b) => a.rawPosition - b.rawPosition);
    for (const channel of channels.values()) {
      const members = [...channel.members.values()].sort((a, b) =>
        a.displayName.localeCompare(b.displayName),
      );
      for (const member of members) lines.push(`\t${member.displayName} (${channel.name})`);
    }
  }
  console.log(lines.join('\n'));
}

client.once('clientReady', async () => {
  listVoice();
  if (!every) return client.destroy();
  const timer = setInterval(listVoice, every);
  process.once('SIGINT', async () => {
    clearInterval(timer);
    await client.destroy();
    process.exit(0);
  });
});

await client.login(process.env.DISCORD_TOKEN);
