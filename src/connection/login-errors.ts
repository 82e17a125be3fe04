import { IntentsRefusedError, TokenRejectedError } from '../errors.js';
import { type IntentName, PRIVILEGED_INTENT_SWITCHES, privilegedAmong } from './intents.js';

const PORTAL =
  'https://discord.com/developers/applications → your application → Bot → Privileged Gateway Intents';
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_SOCKET',
]);

/** Which loops asked for each intent, so a refusal can say what needs it. */
export type IntentSources = Partial<Record<IntentName, string[]>>;

/** Gateway close codes after which Discord will not let us in again as we are. */
export const FATAL_CLOSE_CODES = new Set([4004, 4010, 4011, 4012, 4013, 4014]);

/**
 * Turns a failed login into an error the user can act on, by the gateway close code first
 * (what Discord said) and the REST status second. Returns undefined for errors worth retrying.
 */
export function mapLoginFailure(
  error: unknown,
  closeCode: number | undefined,
  intents: readonly IntentName[],
  sources: IntentSources,
): Error | undefined {
  const code = (error as { code?: unknown }).code;
  const status = (error as { status?: unknown }).status;
  if (closeCode === 4004 || code === 'TokenInvalid' || status === 401)
    return new TokenRejectedError();
  if (closeCode === 4014) return refusedIntents(intents, sources);
  if (closeCode === 4013) {
    return new IntentsRefusedError(
      `Discord says the gateway intents we asked for are invalid (${intents.join(', ')}).`,
      'This is a bug in discloop: please report it.',
    );
  }
  if (isNetworkError(error) || (typeof status === 'number' && status >= 500)) return undefined;
  return error instanceof Error ? error : new Error(String(error));
}

export function isNetworkError(error: unknown): boolean {
  const cause = (error as { cause?: { code?: unknown } }).cause;
  const code = (error as { code?: unknown }).code ?? cause?.code;
  return (
    (typeof code === 'string' && NETWORK_CODES.has(code)) || (error as Error).name === 'AbortError'
  );
}

function refusedIntents(
  intents: readonly IntentName[],
  sources: IntentSources,
): IntentsRefusedError {
  const privileged = privilegedAmong(intents);
  if (privileged.length === 0) {
    // None of ours is privileged, so there is no switch to name: say what Discord said.
    return new IntentsRefusedError(
      `Discord refused the gateway intents this session asked for (${intents.join(', ') || 'none'}; close code 4014, disallowed intents).`,
      `None of them is privileged. Check the bot's Privileged Gateway Intents in the Developer Portal (${PORTAL}), then run discloop again.`,
    );
  }
  const switches = privileged.map((name) => `"${PRIVILEGED_INTENT_SWITCHES[name]}"`).join(' and ');
  const needs = privileged
    .map((name) => `${name} (needed by ${(sources[name] ?? ['a loop']).join(', ')})`)
    .join('; ');
  return new IntentsRefusedError(
    `Discord refused the privileged gateway intent${privileged.length === 1 ? '' : 's'} ${needs}: not enabled for this bot.`,
    `Turn on ${switches} in the Developer Portal: ${PORTAL}. Then run discloop again.`,
  );
}
