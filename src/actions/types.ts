import type { ZodObject } from 'zod';
import type { IntentName } from '../connection/intents.js';
import type { ActivityType, OptionsSpec, OptionValues } from './options.js';

export interface GuildInfo {
  id: string;
  name: string;
  /** As the gateway last said; `fetchMemberCount` asks the REST API for a fresh one. */
  memberCount: number;
  shard: number;
}

export type ChannelKind = 'text' | 'voice' | 'category' | 'other';

export interface ChannelInfo {
  id: string;
  name: string;
  kind: ChannelKind;
  guildId: string;
  guildName: string;
}

export interface MemberInfo {
  id: string;
  username: string;
  /** What people see in Discord: server nickname, else global name, else username. */
  displayName: string;
}

export interface VoiceChannelInfo {
  id: string;
  name: string;
  /** Members in the channel, in no particular order. */
  members: MemberInfo[];
}

export interface OutgoingMessage {
  content?: string;
  embed?: { title?: string; description?: string; url?: string; color?: number };
  /** Which mentions may ping (Discord's allowed_mentions.parse); empty: none. */
  allowedMentions: ('users' | 'roles' | 'everyone')[];
}

/** A message as history lists it: enough to choose what to keep. */
export interface MessageInfo {
  id: string;
  authorId: string;
  /** The author's username. */
  authorName: string;
  pinned: boolean;
  /** When it was sent, epoch ms. */
  createdAt: number;
}

export interface Presence {
  status: 'online' | 'idle' | 'dnd' | 'invisible';
  activity?: { type: ActivityType; name: string; url?: string };
}

/**
 * What actions may read from and do to Discord: a narrow port that `src/discord` implements
 * over discord.js, so actions never touch discord.js themselves. Failures Discord reports come
 * back as ActionErrors that name the cause (a missing permission, a rate limit).
 */
export interface DiscordPort {
  guilds(): GuildInfo[];
  /** Guilds the bot is in on every shard (Discord's approximate count when this process runs only some). */
  botGuildCount(): number | Promise<number>;
  channels(): ChannelInfo[];
  /** The guild's voice and stage channels in the order Discord shows them. */
  voiceChannels(guildId: string): VoiceChannelInfo[];
  /** Fresh member counts from the REST API (`with_counts`), needing no intent. */
  fetchMemberCount(guildId: string): Promise<number>;
  /** Members whose presence is not offline; needs the GuildPresences intent. */
  onlineCount(guildId: string): number;
  sendMessage(channelId: string, message: OutgoingMessage): Promise<{ id: string }>;
  /** Replaces a message the bot sent; one deleted meanwhile is an ActionError `unknown_message`. */
  editMessage(channelId: string, messageId: string, message: OutgoingMessage): Promise<void>;
  /**
   * Deletes one message: the bot's own need no permission, others' need Manage Messages. One
   * already gone is an ActionError `unknown_message`.
   */
  deleteMessage(channelId: string, messageId: string): Promise<void>;
  /**
   * One page of a channel's history, newest first: up to `limit` (1–100, default 100) messages
   * sent before the message (or snowflake) `before`. Without Read Message History it is empty.
   */
  messages(channelId: string, page?: { before?: string; limit?: number }): Promise<MessageInfo[]>;
  /** Deletes 2–100 messages of one channel, none 14 days old or older (Manage Messages). */
  bulkDelete(channelId: string, messageIds: string[]): Promise<void>;
  /**
   * Which of `permissions` (as Discord names them: `ManageMessages`) the bot lacks in the
   * channel as far as the cache knows, for a check before acting; in words: `Manage Messages`.
   */
  missingPermissions(channelId: string, permissions: string[]): string[];
  renameChannel(channelId: string, name: string): Promise<void>;
  setPresence(presence: Presence): void;
}

/** Lines a run writes among discloop's diagnostics (stderr; warnings are NDJSON with --json). */
export interface ActionLog {
  info(message: string): void;
  warn(message: string): void;
}

export interface ActionContext {
  discord: DiscordPort;
  /** `scheduledAt`: epoch ms of the slot this run is for (the engine sets it). */
  loop: { name: string; iteration: number; scheduledAt?: number };
  /** Diagnostics for this run, through the run's reporter (the engine sets it). */
  log?: ActionLog;
  /** Epoch ms of the run's start, and the zone `{now}` is shown in (none: local time). */
  now: number;
  timezone?: string;
  /** Kept from run to run of this loop, e.g. the id a channel name resolved to. */
  state: Record<string, unknown>;
  /** Aborted when the run times out or discloop stops: nothing may take effect after that. */
  signal: AbortSignal;
}

/** At most `runs` runs in any `perMs` milliseconds, because `why` ("Discord allows …"). */
export interface RunBudget {
  runs: number;
  perMs: number;
  why: string;
}

export interface ActionDefinition<S extends OptionsSpec = OptionsSpec, D = unknown> {
  name: string;
  summary: string;
  options: S;
  /** Gateway intents this action needs with these options. */
  intents(options: OptionValues<S>): IntentName[];
  /**
   * Whether a run reads what only a live gateway keeps fresh (voice states, presences) or acts
   * through it (presence), and so waits for a reconnect first. Default: it does.
   */
  waitsForGateway?(options: OptionValues<S>): boolean;
  /**
   * Without a guild or channel option, whether the action works on each shard's own guilds (a
   * listing, the bot's presence) and so runs in every process; otherwise it runs where shard 0 is.
   */
  acrossShards?: boolean;
  /**
   * Permissions the bot needs where it acts, as the Discord client ('View Channel') or discord.js
   * ('ViewChannel') names them. An entry ending in `(with <option>)` is needed only when a loop
   * sets that option. The docs list them; `discloop invite` adds them up into the invite URL.
   */
  permissions: string[];
  /** Problems of a combination of options that no single option shows (checked before running). */
  problems?(options: OptionValues<S>): { option: string; message: string }[];
  /**
   * Limits a schedule could exceed by running this action too often (Discord's, or a feed
   * server's patience): allowed, but `validate` and `run` warn at the loop's schedule.
   */
  budgets?(options: OptionValues<S>): RunBudget[];
  run(context: ActionContext, options: OptionValues<S>): Promise<D>;
  renderText(data: D): string;
  /**
   * A plugin's options as zod (SPEC §10): it checks `with:` and `run` receives its output.
   * Built-ins declare `options` instead, so that ad hoc commands need no zod.
   */
  optionsSchema?: ZodObject;
  /** A plugin's options as `discloop actions` shows them (built-ins': read off `options`). */
  optionDocs?: OptionDoc[];
  /** The `plugins:` entry a plugin's action comes from; built-ins have none. */
  plugin?: string;
}

/** One option of an action, in words, as `discloop actions` lists it. */
export interface OptionDoc {
  name: string;
  required: boolean;
  /** What values it takes, e.g. "true or false", "guild id or name". */
  values: string;
  description: string;
}

/** Ties an action's option types to its functions without widening them. */
export function defineAction<S extends OptionsSpec, D>(
  action: ActionDefinition<S, D>,
): ActionDefinition<S, D> {
  return action;
}
