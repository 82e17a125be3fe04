/**
 * Discord's permission bits (Discord API docs, "Permissions"), by the names discord.js gives
 * them (`PermissionFlagsBits`). Pure data: the invite URL is computed from it without loading
 * discord.js. A unit test checks each bit against discord-api-types.
 */
export const PERMISSION_BITS = {
  CreateInstantInvite: 1n << 0n,
  KickMembers: 1n << 1n,
  BanMembers: 1n << 2n,
  Administrator: 1n << 3n,
  ManageChannels: 1n << 4n,
  ManageGuild: 1n << 5n,
  AddReactions: 1n << 6n,
  ViewAuditLog: 1n << 7n,
  PrioritySpeaker: 1n << 8n,
  Stream: 1n << 9n,
  ViewChannel: 1n << 10n,
  SendMessages: 1n << 11n,
  SendTTSMessages: 1n << 12n,
  ManageMessages: 1n << 13n,
  EmbedLinks: 1n << 14n,
  AttachFiles: 1n << 15n,
  ReadMessageHistory: 1n << 16n,
  MentionEveryone: 1n << 17n,
  UseExternalEmojis: 1n << 18n,
  ViewGuildInsights: 1n << 19n,
  Connect: 1n << 20n,
  Speak: 1n << 21n,
  MuteMembers: 1n << 22n,
  DeafenMembers: 1n << 23n,
  MoveMembers: 1n << 24n,
  UseVAD: 1n << 25n,
  ChangeNickname: 1n << 26n,
  ManageNicknames: 1n << 27n,
  ManageRoles: 1n << 28n,
  ManageWebhooks: 1n << 29n,
  ManageGuildExpressions: 1n << 30n,
  UseApplicationCommands: 1n << 31n,
  RequestToSpeak: 1n << 32n,
  ManageEvents: 1n << 33n,
  ManageThreads: 1n << 34n,
  CreatePublicThreads: 1n << 35n,
  CreatePrivateThreads: 1n << 36n,
  UseExternalStickers: 1n << 37n,
  SendMessagesInThreads: 1n << 38n,
  UseEmbeddedActivities: 1n << 39n,
  ModerateMembers: 1n << 40n,
  ViewCreatorMonetizationAnalytics: 1n << 41n,
  UseSoundboard: 1n << 42n,
  CreateGuildExpressions: 1n << 43n,
  CreateEvents: 1n << 44n,
  UseExternalSounds: 1n << 45n,
  SendVoiceMessages: 1n << 46n,
  SetVoiceChannelStatus: 1n << 48n,
  SendPolls: 1n << 49n,
  UseExternalApps: 1n << 50n,
  PinMessages: 1n << 51n,
  BypassSlowmode: 1n << 52n,
} as const;

export type PermissionName = keyof typeof PERMISSION_BITS;

/** What the Discord client calls some of them, where that is not the flag name with spaces. */
const CLIENT_NAMES: Record<string, PermissionName> = {
  viewchannels: 'ViewChannel',
  manageserver: 'ManageGuild',
  createinvite: 'CreateInstantInvite',
  sendtexttospeechmessages: 'SendTTSMessages',
  usevoiceactivity: 'UseVAD',
  timeoutmembers: 'ModerateMembers',
  manageemojisandstickers: 'ManageGuildExpressions',
  video: 'Stream',
};

const squash = (text: string) => text.toLowerCase().replace(/[^a-z]/g, '');
const BY_SQUASHED = new Map<string, PermissionName>([
  ...Object.keys(PERMISSION_BITS).map((name) => [squash(name), name as PermissionName] as const),
  ...Object.entries(CLIENT_NAMES),
]);

/** 'ViewChannel', 'View Channel', 'View Channels', 'VIEW_CHANNEL' → 'ViewChannel'; else undefined. */
export function permissionNamed(text: string): PermissionName | undefined {
  return BY_SQUASHED.get(squash(text));
}

/** 'ViewChannel' → 'View Channel', as people read it. */
export function permissionInWords(name: PermissionName): string {
  return name.replace(/([a-z])([A-Z])/g, '$1 $2');
}

/**
 * An action's `permissions` entry: a name, needed always, or a name followed by
 * `(with <option>)`, needed only when the loop sets that option ('Embed Links (with embed)').
 */
export function parsePermissionEntry(entry: string): { permission: string; option?: string } {
  const conditional = /^(.*?)\s*\(with (\w+)\)$/.exec(entry.trim());
  if (!conditional?.[1] || !conditional[2]) return { permission: entry.trim() };
  return { permission: conditional[1], option: conditional[2] };
}

/** A loop as far as its permissions go: its action's entries and its options. */
export interface LoopPermissionInput {
  loop: string;
  action: string;
  permissions: readonly string[];
  options: Record<string, unknown>;
}

export interface PermissionNeeds {
  /** Each permission needed, in bit order, with the loops that need it. */
  needs: { name: PermissionName; bit: bigint; loops: string[] }[];
  /** The union of their bits. */
  bits: bigint;
  /** Entries no known permission answers to (a plugin's typo): the CLI decides what to say. */
  unknown: { loop: string; action: string; permission: string }[];
}

/** The union of what the loops need: exactly their actions' entries, with the options they set. */
export function permissionNeeds(loops: readonly LoopPermissionInput[]): PermissionNeeds {
  const loopsOf = new Map<PermissionName, string[]>();
  const unknown: PermissionNeeds['unknown'] = [];
  for (const { loop, action, permissions, options } of loops) {
    for (const entry of permissions) {
      const { permission, option } = parsePermissionEntry(entry);
      if (option !== undefined && (options[option] === undefined || options[option] === false))
        continue;
      const name = permissionNamed(permission);
      if (name === undefined) {
        unknown.push({ loop, action, permission });
        continue;
      }
      const list = loopsOf.get(name) ?? [];
      if (!list.includes(loop)) list.push(loop);
      loopsOf.set(name, list);
    }
  }
  const needs = [...loopsOf]
    .map(([name, loops]) => ({ name, bit: PERMISSION_BITS[name], loops }))
    .sort((a, b) => (a.bit < b.bit ? -1 : 1));
  const bits = needs.reduce((all, need) => all | need.bit, 0n);
  return { needs, bits, unknown };
}

/** The OAuth2 URL that adds the bot to a server with these permissions. */
export function inviteUrl(clientId: string, bits: bigint): string {
  const query = new URLSearchParams({ client_id: clientId, scope: 'bot', permissions: `${bits}` });
  return `https://discord.com/oauth2/authorize?${query}`;
}
