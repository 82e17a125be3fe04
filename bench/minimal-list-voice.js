// The hand-written discord.js script discloop must not be slower than: log in, wait for
// ready, print who is in voice (the seed's loop, once), leave.
import { Client, GatewayIntentBits } from 'discord.js';

const client = new Client({
  intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildVoiceStates],
  rest: { api: process.env.DISCLOOP_API_URL },
});

client.once('clientReady', async () => {
  const lines = [];
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
  await client.destroy();
});

await client.login(process.env.DISCORD_TOKEN);
