// The hand-written discord.js script discloop's memory is measured against (bench/rss.js): what
// loops.example.yaml's voice report needs and nothing more. Intents Guilds + GuildVoiceStates
// (what discloop computes for that config), discord.js's default caches, log in, wait for
// clientReady, then every 5 s print who sits in which voice channel, until SIGINT.
//   DISCORD_TOKEN=… DISCLOOP_API_URL=… node bench/rss/minimal-script.js
import { Client, GatewayIntentBits } from 'discord.js';

const client = new Client({
  intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildVoiceStates],
  rest: { api: process.env.DISCLOOP_API_URL },
});

let runs = 0;
function listVoice() {
  const lines = [`── listing #${++runs}`];
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

let timer;
client.once('clientReady', () => {
  listVoice();
  timer = setInterval(listVoice, 5_000);
});

process.once('SIGINT', async () => {
  clearInterval(timer);
  await client.destroy();
  process.exit(0);
});

await client.login(process.env.DISCORD_TOKEN);
