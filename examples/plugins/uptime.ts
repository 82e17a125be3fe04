/**
 * An action of your own (README: "Write your own action"): posts how long the bot has been up
 * and how long Discord's API took to answer, e.g. "Up 3h 20m · API 41 ms · 2 guilds".
 *
 *   plugins: [./uptime.ts]
 *   loops:
 *     - { name: uptime, action: uptime, hours: 6, with: { channel: status } }
 */
import { ActionError, defineAction, z } from 'discloop';

// discloop loads a plugin once, when it starts: the bot has been up since about now.
const loadedAt = Date.now();

function duration(ms: number): string {
  const minutes = Math.floor(ms / 60_000);
  const [days, hours] = [Math.floor(minutes / 1440), Math.floor(minutes / 60) % 24];
  if (days > 0) return `${days}d ${hours}h`;
  return hours > 0 ? `${hours}h ${minutes % 60}m` : `${minutes}m`;
}

export default defineAction({
  name: 'uptime',
  description: "Post the bot's uptime and Discord's API round trip to a channel",
  options: z.object({
    channel: z.string().describe('the text channel to post in: an id or a name'),
  }),
  intents: ['Guilds'],
  permissions: ['View Channel', 'Send Messages'],
  async run(ctx, { channel }) {
    const name = channel.replace(/^#/, '');
    const target = ctx.discord
      .channels()
      .find((c) => c.kind === 'text' && (c.id === channel || c.name === name));
    if (!target) throw new ActionError('unknown_channel', `No text channel "${channel}".`);

    const asked = Date.now();
    await ctx.discord.fetchMemberCount(target.guildId);
    const latencyMs = Date.now() - asked;

    const uptimeMs = Date.now() - loadedAt;
    const guilds = await ctx.render('{bot.guildCount} guilds');
    const content = `Up ${duration(uptimeMs)} · API ${latencyMs} ms · ${guilds}`;
    const message = await ctx.discord.sendMessage(target.id, { content, allowedMentions: [] });
    ctx.log.info(`posted to #${target.name} in ${target.guildName}`);
    return {
      channel: { id: target.id, name: target.name },
      message: message.id,
      uptimeMs,
      latencyMs,
      content,
    };
  },
  render: ({ channel, content }) => `#${channel.name}: ${content}`,
});
