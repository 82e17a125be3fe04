import { ActionError } from '../errors.js';
import { templateValues } from './placeholders.js';
import { selectChannel } from './targets.js';
import { renderTemplate } from './templates.js';
import { type ActionContext, defineAction, type OutgoingMessage } from './types.js';

export interface SendMessageData {
  guild: { id: string; name: string };
  channel: { id: string; name: string };
  message: { id: string; content: string };
  /** With `edit`: what this run did to the one message it keeps up to date. */
  edit?: 'posted' | 'edited' | 'reposted' | 'unchanged';
  /** With `edit`: false when the message already said this, and nothing was sent. */
  changed?: boolean;
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
    edit: {
      kind: 'boolean',
      description:
        'keep one message up to date: post it once, then edit it each run (reposted if deleted; unchanged: nothing sent)',
    },
  },
  budgets: (options) =>
    options.edit
      ? [
          {
            runs: 1,
            perMs: 60_000,
            why: 'an edited status message needs no more than one edit a minute',
          },
        ]
      : [],
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
    const result = (id: string) => ({
      guild: { id: channel.guildId, name: channel.guildName },
      channel: { id: channel.id, name: channel.name },
      message: { id, content: message.content ?? '' },
    });
    if (options.edit) {
      const kept = await keepUpToDate(context, channel.id, message);
      return { ...result(kept.id), edit: kept.edit, changed: kept.edit !== 'unchanged' };
    }
    const sent = await discord.sendMessage(channel.id, message);
    return result(sent.id);
  },
  renderText: ({ guild, channel, message, edit }) => {
    const where = `#${channel.name} (${guild.name})`;
    if (edit === 'unchanged') return `${where}: unchanged, ${message.content}`;
    if (edit === 'edited') return `✎ ${where}: ${message.content}`;
    if (edit === 'reposted') return `→ ${where} (the last one was deleted): ${message.content}`;
    return `→ ${where}: ${message.content}`;
  },
});

/** What `edit` keeps in the loop's state: the message and what it was last made to say. */
interface KeptMessage {
  channelId: string;
  messageId: string;
  sent: string;
}

const keptIn = (state: Record<string, unknown>): KeptMessage | undefined => {
  const { channelId, messageId, sent } = state;
  return typeof channelId === 'string' && typeof messageId === 'string' && typeof sent === 'string'
    ? { channelId, messageId, sent }
    : undefined;
};

/**
 * Posts the message the first time, then edits that same message; the state survives restarts.
 * Unchanged content sends nothing; a message deleted meanwhile (Discord: Unknown Message) is
 * posted again and the new one kept from then on.
 */
async function keepUpToDate(
  { discord, state }: ActionContext,
  channelId: string,
  message: OutgoingMessage,
): Promise<{ id: string; edit: NonNullable<SendMessageData['edit']> }> {
  const sent = JSON.stringify(message);
  const kept = keptIn(state);
  let reposting = false;
  if (kept?.channelId === channelId) {
    if (kept.sent === sent) return { id: kept.messageId, edit: 'unchanged' };
    try {
      await discord.editMessage(channelId, kept.messageId, message);
      state.sent = sent;
      return { id: kept.messageId, edit: 'edited' };
    } catch (error) {
      if (!(error instanceof ActionError && error.code === 'unknown_message')) throw error;
      reposting = true;
    }
  }
  const posted = await discord.sendMessage(channelId, message);
  Object.assign(state, { channelId, messageId: posted.id, sent } satisfies KeptMessage);
  return { id: posted.id, edit: reposting ? 'reposted' : 'posted' };
}
