import { DiscordAPIError, HTTPError, RateLimitError } from '@discordjs/rest';
import { isNetworkError } from '../connection/login-errors.js';
import { ActionError } from '../errors.js';
import { formatDuration } from '../schedule/describe.js';

/** "SendMessages" → "Send Messages", as the Discord client's settings name it. */
export const permissionLabel = (name: string) => name.replace(/(?<=[a-z])(?=[A-Z])/g, ' ');

/** What the run tried, for the message: "send a message to #general (Alpha Guild)". */
export interface Attempt {
  what: string;
  /** The permissions the bot lacks for it there, as far as the cache knows. */
  missing: () => string[];
  /** Why Discord limits this, for rate-limit messages. */
  limit?: string;
}

/**
 * Turns what Discord refused into an ActionError that names the cause and the fix; the run
 * fails, the loop goes on. Anything else is rethrown untouched.
 */
export function explainRefusal(error: unknown, attempt: Attempt): unknown {
  if (error instanceof RateLimitError) {
    const waitMs = Math.max(error.retryAfter, error.sublimitTimeout);
    const wait = formatDuration(Math.max(1000, Math.round(waitMs / 1000) * 1000));
    const why = attempt.limit ? ` (${attempt.limit})` : '';
    return new ActionError(
      'rate_limited',
      `Discord is rate-limiting this: could not ${attempt.what}, it can be tried again in ${wait}${why}.`,
    );
  }
  // Discord's own trouble or the network's is no bug in the action: a run error, not `internal`.
  if (error instanceof HTTPError)
    return new ActionError(
      'discord_unavailable',
      `Discord failed to answer (HTTP ${error.status}): could not ${attempt.what}.`,
    );
  if (isNetworkError(error))
    return new ActionError('network', `Could not reach Discord to ${attempt.what}.`);
  if (!(error instanceof DiscordAPIError)) return error;
  switch (error.code) {
    case 50013: {
      const missing = attempt.missing().map(permissionLabel);
      const names = missing.length > 0 ? missing.join(', ') : 'a permission it needs';
      return new ActionError(
        'missing_permissions',
        `Discord refused to ${attempt.what}: the bot lacks ${names} there. Give the bot's role ${names} in that channel's or the server's settings.`,
      );
    }
    case 50001:
      return new ActionError(
        'missing_access',
        `Discord refused to ${attempt.what}: the bot cannot see that channel. Give the bot's role View Channel there.`,
      );
    case 10003:
      return new ActionError(
        'unknown_channel',
        `Could not ${attempt.what}: Discord knows no such channel (deleted?).`,
      );
    case 10008:
      return new ActionError(
        'unknown_message',
        `Could not ${attempt.what}: Discord knows no such message (deleted?).`,
      );
    default:
      return new ActionError(
        `discord_${error.code}`,
        `Discord refused to ${attempt.what} (HTTP ${error.status}, code ${error.code}): ${error.message}`,
      );
  }
}
