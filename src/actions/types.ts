import type { IntentName } from '../discord/intents.js';
import type { OptionsSpec, OptionValues } from './options.js';

export interface GuildInfo {
  id: string;
  name: string;
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

/**
 * What actions may read from and do to Discord: a narrow port that `src/discord` implements
 * over discord.js, so actions never touch discord.js themselves.
 */
export interface DiscordPort {
  guilds(): GuildInfo[];
  /** The guild's voice and stage channels in the order Discord shows them. */
  voiceChannels(guildId: string): VoiceChannelInfo[];
  /** Fresh member counts from the REST API (`with_counts`), needing no intent. */
  fetchMemberCount(guildId: string): Promise<number>;
  /** Members whose presence is not offline; needs the GuildPresences intent. */
  onlineCount(guildId: string): number;
}

export interface ActionContext {
  discord: DiscordPort;
}

export interface ActionDefinition<S extends OptionsSpec = OptionsSpec, D = unknown> {
  name: string;
  summary: string;
  options: S;
  /** Gateway intents this action needs with these options. */
  intents(options: OptionValues<S>): IntentName[];
  /** Permissions the bot needs in the target guild or channel (Discord's names). */
  permissions: string[];
  run(context: ActionContext, options: OptionValues<S>): Promise<D>;
  renderText(data: D): string;
}

/** A run that failed for a reason the user can fix; reported, and the loop goes on. */
export class ActionError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = 'ActionError';
    this.code = code;
  }
}

/** Ties an action's option types to its functions without widening them. */
export function defineAction<S extends OptionsSpec, D>(
  action: ActionDefinition<S, D>,
): ActionDefinition<S, D> {
  return action;
}
