import { GatewayIntentBits, type TextChannel, type VoiceBasedChannel } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { DEFAULT_IDS, defaultWorld } from '../src/index.js';
import { dataOf, nextEvent, until, useEmulator } from './harness.js';

interface GuildCreate {
  id: string;
  members: { user: { id: string } }[];
  presences: unknown[];
  voice_states: unknown[];
}

const { guilds, channels, users } = DEFAULT_IDS;

const displayNames = (channel: VoiceBasedChannel | undefined) =>
  [...(channel?.members.values() ?? [])].map((m) => m.displayName).sort();

describe('voice channels seen through discord.js', () => {
  const harness = useEmulator();

  it('lists who sits in each voice channel with Guilds + GuildVoiceStates, by display name', async () => {
    const emu = await harness.start();
    const client = await harness.login(emu);

    const voice = (id: string) => client.channels.cache.get(id) as VoiceBasedChannel | undefined;
    expect(displayNames(voice(channels.alphaGeneralVoice))).toEqual(['Alice', 'Bobby']);
    expect(displayNames(voice(channels.alphaGaming))).toEqual(['dave']);
    expect(displayNames(voice(channels.betaLounge))).toEqual(['Carol']);
    expect(displayNames(voice(channels.betaMusic))).toEqual([]);

    // Without GUILD_PRESENCES, GUILD_CREATE carries only the bot and the users in voice.
    const alphaCreate = dataOf<GuildCreate>(
      emu.payloads.find(
        (p) => p.t === 'GUILD_CREATE' && dataOf<GuildCreate>(p).id === guilds.alpha,
      ),
    );
    const memberIds = alphaCreate.members.map((m) => m.user.id);
    expect(memberIds.sort()).toEqual([DEFAULT_IDS.bot, users.alice, users.bob, users.dave].sort());
    expect(alphaCreate.presences).toEqual([]);
    expect(alphaCreate.voice_states).toHaveLength(3);
  });

  it('sends no voice states without GuildVoiceStates', async () => {
    const emu = await harness.start();
    const client = await harness.login(emu, { intents: [GatewayIntentBits.Guilds] });

    const creates = emu.payloads.filter((p) => p.t === 'GUILD_CREATE');
    expect(creates).toHaveLength(2);
    for (const create of creates) expect(dataOf<GuildCreate>(create).voice_states).toEqual([]);
    expect(client.guilds.cache.get(guilds.alpha)?.voiceStates.cache.size).toBe(0);

    // Nor any VOICE_STATE_UPDATE: the CHANNEL_UPDATE after it arrives, the voice event does not.
    emu.voiceJoin(users.erin, channels.alphaGeneralVoice);
    await (client.channels.cache.get(channels.alphaGeneralText) as TextChannel).edit({
      name: 'general-2',
    });
    await emu.waitForPayload((p) => p.t === 'CHANNEL_UPDATE');
    expect(emu.payloads.filter((p) => p.t === 'VOICE_STATE_UPDATE')).toHaveLength(0);
  });

  it('turns voiceJoin, voiceMove and voiceLeave into voiceStateUpdate events', async () => {
    const emu = await harness.start();
    const client = await harness.login(emu);

    const joined = nextEvent(client, 'voiceStateUpdate', (_old, now) => now.id === users.erin);
    emu.voiceJoin(users.erin, channels.alphaGeneralVoice);
    const [beforeJoin, afterJoin] = await joined;
    expect(beforeJoin.channelId).toBeNull();
    expect(afterJoin.channelId).toBe(channels.alphaGeneralVoice);
    expect(afterJoin.member?.displayName).toBe('Erin');

    const moved = nextEvent(client, 'voiceStateUpdate', (_old, now) => now.id === users.erin);
    emu.voiceMove(users.erin, channels.alphaGaming);
    const [beforeMove, afterMove] = await moved;
    expect([beforeMove.channelId, afterMove.channelId]).toEqual([
      channels.alphaGeneralVoice,
      channels.alphaGaming,
    ]);

    const left = nextEvent(client, 'voiceStateUpdate', (_old, now) => now.id === users.erin);
    emu.voiceLeave(users.erin, guilds.alpha);
    const [beforeLeave, afterLeave] = await left;
    expect([beforeLeave.channelId, afterLeave.channelId]).toEqual([channels.alphaGaming, null]);

    const updates = emu.payloads.filter((p) => p.t === 'VOICE_STATE_UPDATE').map((p) => p.d);
    expect(updates).toHaveLength(3);
    expect(updates[0]).toMatchObject({
      guild_id: guilds.alpha,
      user_id: users.erin,
      channel_id: channels.alphaGeneralVoice,
      member: {
        user: { id: users.erin, username: 'erin', global_name: 'Erin' },
        joined_at: expect.any(String),
      },
    });
    expect(emu.world().guilds[0]?.voiceStates.map((v) => v.userId)).not.toContain(users.erin);
  });

  it('sends every member and their presences with GuildPresences enabled for the application', async () => {
    const world = defaultWorld();
    world.application = { ...world.application, privilegedIntents: ['GuildPresences'] };
    const emu = await harness.start({ world });
    const client = await harness.login(emu, {
      intents: [
        GatewayIntentBits.Guilds,
        GatewayIntentBits.GuildVoiceStates,
        GatewayIntentBits.GuildPresences,
      ],
    });

    const alpha = client.guilds.cache.get(guilds.alpha);
    expect(alpha?.members.cache.map((m) => m.displayName).sort()).toEqual(
      ['Alice', 'Bobby', 'Discloop', 'Erin', 'Frankie', 'dave'].sort(),
    );
    expect(alpha?.presences.cache.get(users.dave)?.status).toBe('dnd');
    expect(alpha?.presences.cache.get(users.dave)?.activities[0]?.name).toBe('Factorio');

    const updated = nextEvent(client, 'presenceUpdate', (_old, now) => now.userId === users.erin);
    emu.presenceUpdate(users.erin, 'online', [{ type: 0, name: 'Chess' }]);
    const [, presence] = await updated;
    expect(presence.status).toBe('online');
    await until(
      () =>
        client.guilds.cache.get(guilds.beta)?.presences.cache.get(users.erin)?.status === 'online',
      'Beta sees Erin online',
    );
  });
});
