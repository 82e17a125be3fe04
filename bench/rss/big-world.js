// A generated emulator world for the memory benchmark (bench/rss.js): by default 1,000 guilds
// × 100 members, deterministic for a seed, written as a WorldSpec JSON that
// `node scripts/emulator.js <file>` serves.
//   npm run build && node bench/rss/big-world.js [out=bench/results/big-world.json] [guilds=1000] [members=100]
//
// Every guild, built the way a small community server looks:
// - roles: @everyone, the bot's managed integration role (View, Send, Embed, History, Manage
//   Channels, Connect), Moderator (hoisted, coloured), Member (coloured), Muted;
// - channels: 3 categories (Information, Text Channels, Voice Channels), 8 text channels
//   (#rules and #announcements read-only for @everyone, #mod-chat hidden from @everyone and
//   opened to Moderator and the bot role; topics on most) and 4 voice channels (General,
//   Gaming with a user limit, Music, AFK);
// - 100 members including the bot (listed explicitly, with its managed role): ~85 % hold
//   Member, 3 Moderator, ~2 % Muted, ~15 % a nickname, ~80 % a global name;
// - 5 members in voice (channels General, Gaming, Music; nobody in the fourth), each user in voice in
//   at most one guild, as on Discord;
// - presences for ~35 % of members (online / idle / dnd; a third with a "Playing" activity).
// The first guild is "Alpha Guild" and its fourth voice channel "Town Hall" (AFK elsewhere), the
// names loops.example.yaml's rename-channel and send-message loops aim at, so every loop of the
// example config has something to do here too.
// Users are SHARED across guilds: members are drawn from a pool of guilds × members / 2 users,
// so each user sits in about two guilds (the same id is the same user everywhere).
// Ids are snowflakes from the emulator's `snowflake()`: users created 2016–17, guilds from 2018,
// roles and channels minutes after their guild.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const FIRST = [
  'alex',
  'sam',
  'robin',
  'kim',
  'lou',
  'mika',
  'nico',
  'casey',
  'riley',
  'jamie',
  'avery',
  'quinn',
  'charlie',
  'dana',
  'eli',
  'finn',
  'harper',
  'jesse',
  'kai',
  'lee',
  'max',
  'noa',
  'pat',
  'reese',
  'sasha',
  'toni',
  'val',
  'wren',
  'yuki',
  'zoe',
];
const ADJ = [
  'Cosmic',
  'Cozy',
  'Crimson',
  'Frosty',
  'Golden',
  'Lazy',
  'Midnight',
  'Neon',
  'Pixel',
  'Quiet',
];
const NOUN = [
  'Club',
  'Collective',
  'Crew',
  'Den',
  'Gamers',
  'Garden',
  'Guild',
  'Hangout',
  'Lounge',
  'Study',
];
const GAMES = ['Stardew Valley', 'Factorio', 'Rocket League', 'Hades', 'Minecraft', 'Valorant'];

/**
 * The world as a WorldSpec. `snowflake`, `seededRandom` and `permissionBits` come from the
 * emulator (dist/emulator), so ids, randomness and permission bits are the emulator's own.
 */
export function bigWorld({
  guilds: guildCount = 1000,
  members: membersPerGuild = 100,
  voicePerGuild = 5,
  seed = 20_261_124,
  snowflake,
  seededRandom,
  permissionBits,
  bot,
}) {
  const bits = (...names) => permissionBits(...names).toString();
  const random = seededRandom(seed);
  const int = (min, max) => min + Math.floor(random() * (max - min + 1));
  const pick = (items) => items[Math.floor(random() * items.length)];
  const humansPerGuild = membersPerGuild - 1;
  const poolSize = Math.max(humansPerGuild, Math.round((guildCount * humansPerGuild) / 2));

  const USER_BASE = Date.UTC(2016, 0, 1);
  const users = Array.from({ length: poolSize }, (_, i) => {
    const first = FIRST[i % FIRST.length];
    return {
      id: snowflake(USER_BASE + i * 900_000 + int(0, 899_999)),
      username: `${first.toLowerCase()}_${i.toString(36)}`,
      globalName: random() < 0.8 ? `${first} ${String.fromCharCode(65 + (i % 26))}.` : null,
    };
  });
  const inVoiceSomewhere = new Set();

  const GUILD_BASE = Date.UTC(2018, 0, 1);
  const guilds = Array.from({ length: guildCount }, (_, g) => {
    const created = GUILD_BASE + g * 7_200_000;
    const guildId = snowflake(created);
    let things = 0;
    const nextId = () => snowflake(created + ++things * 60_000);
    const role = { bot: nextId(), moderator: nextId(), member: nextId(), muted: nextId() };
    const roles = [
      {
        id: guildId,
        name: '@everyone',
        position: 0,
        permissions: bits(
          'CreateInstantInvite',
          'AddReactions',
          'Stream',
          'ViewChannel',
          'SendMessages',
          'EmbedLinks',
          'AttachFiles',
          'ReadMessageHistory',
          'Connect',
          'Speak',
          'UseVAD',
          'ChangeNickname',
        ),
      },
      { id: role.muted, name: 'Muted', position: 1, permissions: '0' },
      {
        id: role.member,
        name: 'Member',
        position: 2,
        color: 0x3498db,
        permissions: '0',
        mentionable: true,
      },
      {
        id: role.moderator,
        name: 'Moderator',
        position: 3,
        color: 0xe67e22,
        hoist: true,
        permissions: bits(
          'ManageMessages',
          'MentionEveryone',
          'MuteMembers',
          'MoveMembers',
          'ManageNicknames',
          'ModerateMembers',
        ),
      },
      {
        id: role.bot,
        name: bot.username,
        position: 4,
        managed: true,
        permissions: bits(
          'ViewChannel',
          'SendMessages',
          'EmbedLinks',
          'ReadMessageHistory',
          'ManageChannels',
          'Connect',
        ),
      },
    ];

    const category = { info: nextId(), text: nextId(), voice: nextId() };
    const readOnly = [{ id: guildId, type: 0, deny: bits('SendMessages', 'AddReactions') }];
    const mutedCannotTalk = { id: role.muted, type: 0, deny: bits('SendMessages', 'Speak') };
    const text = (name, parentId, position, topic, permissionOverwrites = []) => ({
      id: nextId(),
      type: 0,
      name,
      position,
      parentId,
      topic,
      permissionOverwrites,
    });
    const voice = (name, position, extra = {}) => ({
      id: nextId(),
      type: 2,
      name,
      position,
      parentId: category.voice,
      bitrate: 64_000,
      permissionOverwrites: [mutedCannotTalk],
      ...extra,
    });
    const voiceChannels = [
      voice('General', 0),
      voice('Gaming', 1, { userLimit: 10 }),
      voice('Music', 2, { bitrate: 96_000 }),
      voice(g === 0 ? 'Town Hall' : 'AFK', 3),
    ];
    const channels = [
      { id: category.info, type: 4, name: 'Information', position: 0 },
      { id: category.text, type: 4, name: 'Text Channels', position: 1 },
      { id: category.voice, type: 4, name: 'Voice Channels', position: 2 },
      text('rules', category.info, 0, 'Read before posting. Be kind.', readOnly),
      text('announcements', category.info, 1, 'News about the server', readOnly),
      text('general', category.text, 2, 'Anything goes (within the rules)', [mutedCannotTalk]),
      text('off-topic', category.text, 3, null, [mutedCannotTalk]),
      text('media', category.text, 4, 'Screenshots, clips, art', [mutedCannotTalk]),
      text('memes', category.text, 5, null, [mutedCannotTalk]),
      text('bot-commands', category.text, 6, 'Talk to the bots here', [mutedCannotTalk]),
      text('mod-chat', category.text, 7, 'Moderators only', [
        { id: guildId, type: 0, deny: bits('ViewChannel') },
        { id: role.moderator, type: 0, allow: bits('ViewChannel') },
        { id: role.bot, type: 0, allow: bits('ViewChannel') },
      ]),
      ...voiceChannels,
    ];

    // 99 distinct users from the pool, then the bot.
    const chosen = new Set();
    while (chosen.size < humansPerGuild) chosen.add(int(0, poolSize - 1));
    const joinedBase = created + 86_400_000;
    const members = [...chosen].map((index, i) => {
      const user = users[index];
      const memberRoles = [];
      if (i < 3) memberRoles.push(role.moderator);
      if (random() < 0.85) memberRoles.push(role.member);
      if (random() < 0.02) memberRoles.push(role.muted);
      return {
        id: user.id,
        username: user.username,
        globalName: user.globalName,
        nick: random() < 0.15 ? `${pick(ADJ)} ${user.username.split('_')[0]}`.slice(0, 32) : null,
        roles: memberRoles,
        joinedAt: new Date(joinedBase + int(0, 1_000) * 3_600_000).toISOString(),
      };
    });
    members.unshift({
      id: bot.id,
      username: bot.username,
      globalName: null,
      bot: true,
      roles: [role.bot],
      joinedAt: new Date(created + 3_600_000).toISOString(),
    });

    const voiceStates = [];
    const seats = [
      voiceChannels[0],
      voiceChannels[0],
      voiceChannels[1],
      voiceChannels[1],
      voiceChannels[2],
    ];
    for (const member of members.slice(1)) {
      if (voiceStates.length >= voicePerGuild) break;
      if (inVoiceSomewhere.has(member.id) || random() < 0.5) continue;
      inVoiceSomewhere.add(member.id);
      voiceStates.push({
        userId: member.id,
        channelId: seats[voiceStates.length % seats.length].id,
        selfMute: random() < 0.3,
        selfDeaf: random() < 0.1,
      });
    }

    const presences = [];
    for (const member of members.slice(1)) {
      if (random() >= 0.35) continue;
      const status = pick(['online', 'online', 'online', 'idle', 'dnd']);
      presences.push({
        userId: member.id,
        status,
        ...(random() < 0.33 ? { activities: [{ type: 0, name: pick(GAMES) }] } : {}),
      });
    }

    // Drawn for every guild, so the first guild's name leaves the other guilds as they were.
    const [adjective, noun, number] = [pick(ADJ), pick(NOUN), String(g + 1).padStart(4, '0')];
    return {
      id: guildId,
      name: g === 0 ? 'Alpha Guild' : `${adjective} ${noun.replace('-', ' ')} ${number}`,
      ownerId: members[1].id,
      joinedAt: new Date(created + 3_600_000).toISOString(),
      features: g % 10 === 0 ? ['COMMUNITY', 'NEWS'] : [],
      systemChannelId: channels[5].id,
      roles,
      channels,
      members,
      voiceStates,
      presences,
    };
  });

  return {
    application: { id: bot.id, privilegedIntents: [] },
    bot,
    shards: 1,
    guilds,
  };
}

/** Builds the default big world with the emulator from dist/ and writes it as JSON. */
export async function writeBigWorld(file, options = {}) {
  const { snowflake, seededRandom, permissionBits, DEFAULT_IDS, DEFAULT_TOKEN } = await import(
    pathToFileURL(path.join(root, 'dist/emulator/index.js')).href
  );
  const spec = bigWorld({
    ...options,
    snowflake,
    seededRandom,
    permissionBits,
    bot: { id: DEFAULT_IDS.bot, username: 'Discloop', token: DEFAULT_TOKEN },
  });
  mkdirSync(path.dirname(file), { recursive: true });
  const json = JSON.stringify(spec);
  writeFileSync(file, json);
  return { spec, bytes: Buffer.byteLength(json) };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [out = path.join(root, 'bench/results/big-world.json'), guilds, members] =
    process.argv.slice(2);
  const { spec, bytes } = await writeBigWorld(path.resolve(out), {
    ...(guilds ? { guilds: Number(guilds) } : {}),
    ...(members ? { members: Number(members) } : {}),
  });
  const count = (key) => spec.guilds.reduce((n, g) => n + g[key].length, 0);
  const users = new Set(spec.guilds.flatMap((g) => g.members.map((m) => m.id)));
  console.log(
    `${out}: ${spec.guilds.length} guilds, ${count('members')} memberships of ${users.size} users, ` +
      `${count('channels')} channels, ${count('roles')} roles, ${count('voiceStates')} in voice, ` +
      `${count('presences')} presences; ${(bytes / 2 ** 20).toFixed(1)} MiB`,
  );
}
