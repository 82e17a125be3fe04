import type { ActionContext, DiscordPort, VoiceChannelInfo } from '../../src/actions/types.js';

export interface DataGuild {
  id: string;
  name: string;
  channels: VoiceChannelInfo[];
}

/**
 * Our own DiscordPort over plain data, for unit tests of an action's pure logic (filtering,
 * ordering, rendering). What reaches Discord is tested against the emulator, never here.
 */
export function dataContext(guilds: DataGuild[], iteration = 1): ActionContext {
  const unsupported = () => {
    throw new Error('not part of this unit test: see the emulator tests');
  };
  const discord: DiscordPort = {
    guilds: () => guilds.map(({ id, name }) => ({ id, name, memberCount: 0, shard: 0 })),
    botGuildCount: () => guilds.length,
    channels: () => [],
    voiceChannels: (id) => guilds.find((g) => g.id === id)?.channels ?? [],
    fetchMemberCount: async () => 0,
    onlineCount: () => 0,
    sendMessage: unsupported,
    editMessage: unsupported,
    deleteMessage: unsupported,
    messages: unsupported,
    bulkDelete: unsupported,
    missingPermissions: unsupported,
    renameChannel: unsupported,
    setPresence: unsupported,
  };
  return {
    discord,
    loop: { name: 'test', iteration },
    now: Date.UTC(2026, 10, 24, 18, 30),
    timezone: 'UTC',
    state: {},
    signal: new AbortController().signal,
  };
}
