import { templateValues } from './placeholders.js';
import { selectChannel } from './targets.js';
import { renderTemplate } from './templates.js';
import { defineAction } from './types.js';

export interface RenameChannelData {
  guild: { id: string; name: string };
  channel: { id: string };
  from: string;
  to: string;
  changed: boolean;
}

/** How Discord stores a text channel's name: lower case, dashes for spaces. */
const textChannelName = (name: string) => name.toLowerCase().trim().replace(/\s+/g, '-');

/**
 * Keeps a channel named from a template ("Members: {guild.memberCount}"). Discord allows two
 * renames per channel per 10 minutes, so an unchanged name sends nothing and loops firing more
 * often than every 5 minutes are warned about when the config is loaded.
 */
export const renameChannel = defineAction({
  name: 'rename-channel',
  summary: 'Rename a channel from a template (a "Members: 1234" counter)',
  options: {
    channel: {
      kind: 'target',
      of: 'channel',
      required: true,
      description: 'the channel to rename',
    },
    guild: {
      kind: 'target',
      of: 'guild',
      description: "the channel's guild, when its name is in several",
    },
    name: {
      kind: 'template',
      scope: 'guild',
      required: true,
      description: 'the new name, e.g. "Members: {guild.memberCount}"',
    },
  },
  intents: () => ['Guilds'],
  waitsForGateway: () => false,
  permissions: ['View Channel', 'Manage Channels'],
  budgets: () => [
    { runs: 2, perMs: 10 * 60_000, why: 'Discord allows 2 renames per channel per 10 minutes' },
  ],
  async run(context, options): Promise<RenameChannelData> {
    const { discord } = context;
    const guilds = discord.guilds();
    // A counter renames itself: the name it had at the first run would not find it again.
    const channels = discord.channels();
    const known = channels.find((c) => c.id === context.state.channelId);
    const channel =
      known ??
      selectChannel(
        channels,
        guilds,
        options.channel,
        ['voice', 'text', 'category'],
        options.guild,
      );
    context.state.channelId = channel.id;
    const to = await renderTemplate(
      options.name,
      templateValues(
        context,
        guilds.find((g) => g.id === channel.guildId),
      ),
    );
    const stored = channel.kind === 'text' ? textChannelName(to) : to;
    const changed = stored !== channel.name;
    if (changed) await discord.renameChannel(channel.id, to);
    return {
      guild: { id: channel.guildId, name: channel.guildName },
      channel: { id: channel.id },
      from: channel.name,
      to: stored,
      changed,
    };
  },
  renderText: ({ from, to, changed, guild }) =>
    changed ? `${from} → ${to} (${guild.name})` : `${to} (unchanged, ${guild.name})`,
});
