import {
  DEFAULT_BOT_PERMISSIONS,
  DEFAULT_EVERYONE_PERMISSIONS,
  Permission,
  permissionBits,
} from './permissions.js';
import type { WorldSpec } from './spec.js';

/**
 * The ids of the default world, for tests that address things directly.
 * Alpha Guild lands on shard 0 and Beta Guild on shard 1 of 2 (and 0 / 1 of 3).
 */
export const DEFAULT_IDS = {
  bot: '893429533900931072',
  guilds: { alpha: '981527533977731072', beta: '981527533981925376' },
  users: {
    alice: '308875257446531072',
    bob: '322283608473731072',
    carol: '335691959500931072',
    dave: '349100310528131072',
    erin: '362508661555331072',
    frank: '375917012582531072',
  },
  roles: {
    alphaBot: '981528792268931072',
    alphaModerator: '981528796463235072',
    betaBot: '981528834211971072',
  },
  channels: {
    alphaTextCategory: '981528800657539072',
    alphaGeneralText: '981528804851843072',
    alphaAnnouncements: '981528809046147072',
    alphaStaff: '981528813240451072',
    alphaVoiceCategory: '981528817434755072',
    alphaGeneralVoice: '981528821629059072',
    alphaGaming: '981528825823363072',
    alphaTownHall: '981528830017667072',
    betaWelcome: '981528838406275072',
    betaLounge: '981528842600579072',
    betaMusic: '981528846794883072',
  },
} as const;

/** The token the default world accepts. Shaped like a real one (base64 bot id first); not a secret. */
export const DEFAULT_TOKEN = 'ODkzNDI5NTMzOTAwOTMxMDcy.GdLoop.emulator-default-token-not-a-secret';

export const DEFAULT_BOT = {
  id: DEFAULT_IDS.bot,
  username: 'Discloop',
  globalName: null,
  token: DEFAULT_TOKEN,
};

/**
 * The fixed world `startEmulator()` uses without a `world` option. No privileged intents are
 * enabled; recommended shards 1. Display name = nick, else global name, else username.
 *
 * Bot "Discloop" (893429533900931072), application id = bot id.
 *
 * Alpha Guild (981527533977731072), owner alice
 *   roles     @everyone (default perms) · "Discloop" (managed bot role: View, Send, Embed,
 *             Read History, Manage Channels, Connect, Add Reactions) · "Moderator"
 *   channels  category "Text Channels": #general (text), #announcements (text, @everyone may
 *             not send → the bot gets 403 50013), #staff (text, @everyone may not view → 403 50001)
 *             category "Voice Channels": General (voice), Gaming (voice, limit 5), Town Hall (stage)
 *   members   Discloop (bot) · alice "Alice" · bob "Bob" nick "Bobby" · dave (no global name,
 *             no nick → "dave") · erin "Erin" · frank "Frank" nick "Frankie" (Moderator)
 *   voice     General: alice, bob · Gaming: dave
 *   presences alice online · bob idle · dave dnd (Playing Factorio) · frank online
 *
 * Beta Guild (981527533981925376), owner carol
 *   roles     @everyone · "Discloop" (managed: View, Send, Read History, Connect — no Manage
 *             Channels, so renames get 403 50013)
 *   channels  #welcome (text) · Lounge (voice) · Music (voice)
 *   members   Discloop (bot) · carol "Carol" · alice "Alice" · erin "Erin" nick "Evie"
 *   voice     Lounge: carol
 *   presences carol online (Listening to lofi beats) · alice online
 */
export function defaultWorld(): WorldSpec {
  const ids = DEFAULT_IDS;
  const botPermissions = DEFAULT_BOT_PERMISSIONS | Permission.AddReactions;
  const everyone = DEFAULT_EVERYONE_PERMISSIONS.toString();
  return {
    application: { id: ids.bot, name: 'Discloop' },
    bot: { ...DEFAULT_BOT },
    shards: 1,
    guilds: [
      {
        id: ids.guilds.alpha,
        name: 'Alpha Guild',
        ownerId: ids.users.alice,
        joinedAt: '2022-06-01T12:30:00.000Z',
        roles: [
          { id: ids.guilds.alpha, name: '@everyone', permissions: everyone, position: 0 },
          {
            id: ids.roles.alphaBot,
            name: 'Discloop',
            permissions: botPermissions.toString(),
            position: 2,
            managed: true,
          },
          {
            id: ids.roles.alphaModerator,
            name: 'Moderator',
            permissions: permissionBits(
              'ManageMessages',
              'KickMembers',
              'MuteMembers',
              'MoveMembers',
            ).toString(),
            position: 1,
            color: 0x3498db,
            hoist: true,
          },
        ],
        channels: [
          { id: ids.channels.alphaTextCategory, type: 4, name: 'Text Channels', position: 0 },
          {
            id: ids.channels.alphaGeneralText,
            type: 0,
            name: 'general',
            position: 0,
            parentId: ids.channels.alphaTextCategory,
          },
          {
            id: ids.channels.alphaAnnouncements,
            type: 0,
            name: 'announcements',
            position: 1,
            parentId: ids.channels.alphaTextCategory,
            topic: 'Read-only for everyone but the staff',
            permissionOverwrites: [
              { id: ids.guilds.alpha, type: 0, deny: Permission.SendMessages.toString() },
            ],
          },
          {
            id: ids.channels.alphaStaff,
            type: 0,
            name: 'staff',
            position: 2,
            parentId: ids.channels.alphaTextCategory,
            permissionOverwrites: [
              { id: ids.guilds.alpha, type: 0, deny: Permission.ViewChannel.toString() },
              { id: ids.roles.alphaModerator, type: 0, allow: Permission.ViewChannel.toString() },
            ],
          },
          { id: ids.channels.alphaVoiceCategory, type: 4, name: 'Voice Channels', position: 1 },
          {
            id: ids.channels.alphaGeneralVoice,
            type: 2,
            name: 'General',
            position: 0,
            parentId: ids.channels.alphaVoiceCategory,
          },
          {
            id: ids.channels.alphaGaming,
            type: 2,
            name: 'Gaming',
            position: 1,
            parentId: ids.channels.alphaVoiceCategory,
            userLimit: 5,
          },
          {
            id: ids.channels.alphaTownHall,
            type: 13,
            name: 'Town Hall',
            position: 2,
            parentId: ids.channels.alphaVoiceCategory,
          },
        ],
        members: [
          {
            id: ids.bot,
            username: 'Discloop',
            bot: true,
            roles: [ids.roles.alphaBot],
            joinedAt: '2022-06-01T12:30:00.000Z',
          },
          {
            id: ids.users.alice,
            username: 'alice',
            globalName: 'Alice',
            joinedAt: '2022-06-01T12:00:00.000Z',
          },
          {
            id: ids.users.bob,
            username: 'bob',
            globalName: 'Bob',
            nick: 'Bobby',
            joinedAt: '2022-07-14T18:20:00.000Z',
          },
          { id: ids.users.dave, username: 'dave', joinedAt: '2023-01-09T08:45:00.000Z' },
          {
            id: ids.users.erin,
            username: 'erin',
            globalName: 'Erin',
            joinedAt: '2023-03-30T21:10:00.000Z',
          },
          {
            id: ids.users.frank,
            username: 'frank',
            globalName: 'Frank',
            nick: 'Frankie',
            roles: [ids.roles.alphaModerator],
            joinedAt: '2023-05-05T05:05:00.000Z',
          },
        ],
        voiceStates: [
          { userId: ids.users.alice, channelId: ids.channels.alphaGeneralVoice },
          { userId: ids.users.bob, channelId: ids.channels.alphaGeneralVoice, selfMute: true },
          { userId: ids.users.dave, channelId: ids.channels.alphaGaming },
        ],
        presences: [
          { userId: ids.users.alice, status: 'online' },
          { userId: ids.users.bob, status: 'idle' },
          { userId: ids.users.dave, status: 'dnd', activities: [{ type: 0, name: 'Factorio' }] },
          { userId: ids.users.frank, status: 'online' },
        ],
      },
      {
        id: ids.guilds.beta,
        name: 'Beta Guild',
        ownerId: ids.users.carol,
        joinedAt: '2022-06-02T09:00:00.000Z',
        roles: [
          { id: ids.guilds.beta, name: '@everyone', permissions: everyone, position: 0 },
          {
            id: ids.roles.betaBot,
            name: 'Discloop',
            permissions: permissionBits(
              'ViewChannel',
              'SendMessages',
              'ReadMessageHistory',
              'Connect',
            ).toString(),
            position: 1,
            managed: true,
          },
        ],
        channels: [
          { id: ids.channels.betaWelcome, type: 0, name: 'welcome', position: 0 },
          { id: ids.channels.betaLounge, type: 2, name: 'Lounge', position: 1 },
          { id: ids.channels.betaMusic, type: 2, name: 'Music', position: 2, bitrate: 96_000 },
        ],
        members: [
          {
            id: ids.bot,
            username: 'Discloop',
            bot: true,
            roles: [ids.roles.betaBot],
            joinedAt: '2022-06-02T09:00:00.000Z',
          },
          {
            id: ids.users.carol,
            username: 'carol',
            globalName: 'Carol',
            joinedAt: '2022-06-02T08:00:00.000Z',
          },
          {
            id: ids.users.alice,
            username: 'alice',
            globalName: 'Alice',
            joinedAt: '2022-08-20T16:00:00.000Z',
          },
          {
            id: ids.users.erin,
            username: 'erin',
            globalName: 'Erin',
            nick: 'Evie',
            joinedAt: '2023-04-01T10:00:00.000Z',
          },
        ],
        voiceStates: [{ userId: ids.users.carol, channelId: ids.channels.betaLounge }],
        presences: [
          {
            userId: ids.users.carol,
            status: 'online',
            activities: [{ type: 2, name: 'lofi beats' }],
          },
          { userId: ids.users.alice, status: 'online' },
        ],
      },
    ],
  };
}
