import { templateValues } from './placeholders.js';
import { selectChannel } from './targets.js';
import { renderTemplate } from './templates.js';
import { defineAction, type OutgoingMessage } from './types.js';

export interface SendMessageData {
  guild: { id: string; name: string };
  channel: { id: string; name: string };
  message: { id: string; content: string };
}

const MENTIONS = ['users', 'roles', 'everyone'] as const;

/** "#5865F2" → 0x5865F2. */
const colorOf = (color: number | string | undefined) =>
  typeof color === 'string' ? Number.parseInt(color.slice(1), 16) : color;

/**
 * Posts a message. Mentions never ping unless `allowMentions` says so: a template that pulls in
 * a name like "@everyone" must not alert a whole server (allowed_mentions.parse is empty).
 */
export const sendMessage = defineAction({
  name: 'send-message',
  summary: 'Post a message to a text channel',
  options: {
    channel: { kind: 'target', of: 'channel', required: true, description: 'the text channel' },
    guild: {
      kind: 'target',
      of: 'guild',
      description: "the channel's guild, when its name is in several",
    },
    content: {
      kind: 'template',
      scope: 'guild',
      description: 'the message, a template such as "Good morning, {guild.name}!"',
    },
    embed: { kind: 'embed', description: 'an embed; title and description are templates' },
    allowMentions: {
      kind: 'choices',
      values: MENTIONS,
      description: 'mentions that may ping: users, roles, everyone (default: none)',
    },
  },
  intents: () => ['Guilds'],
  waitsForGateway: () => false,
  permissions: ['View Channel', 'Send Messages', 'Embed Links (with embed)'],
  problems: (options) =>
    options.content === undefined && options.embed === undefined
      ? [{ option: 'content', message: 'nothing to send: expected content, an embed, or both' }]
      : [],
  async run(context, options): Promise<SendMessageData> {
    const { discord } = context;
    const guilds = discord.guilds();
    const channel = selectChannel(
      discord.channels(),
      guilds,
      options.channel,
      ['text', 'voice'],
      options.guild,
    );
    const guild = guilds.find((g) => g.id === channel.guildId);
    const values = templateValues(context, guild);
    const render = (text: string | undefined) =>
      text === undefined ? undefined : renderTemplate(text, values);
    const message: OutgoingMessage = {
      content: await render(options.content),
      allowedMentions: (options.allowMentions ?? []) as OutgoingMessage['allowedMentions'],
    };
    if (options.embed) {
      const { title, description, url, color } = options.embed;
      message.embed = {
        title: await render(title),
        description: await render(description),
        url,
        color: colorOf(color),
      };
    }
    const sent = await discord.sendMessage(channel.id, message);
    return {
      guild: { id: channel.guildId, name: channel.guildName },
      channel: { id: channel.id, name: channel.name },
      message: { id: sent.id, content: message.content ?? '' },
    };
  },
  renderText: ({ guild, channel, message }) =>
    `→ #${channel.name} (${guild.name}): ${message.content}`,
});
