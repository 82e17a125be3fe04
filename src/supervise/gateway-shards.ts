import { setTimeout as sleep } from 'node:timers/promises';
import { isNetworkError } from '../connection/login-errors.js';
import { DiscordUnreachableError, TokenRejectedError } from '../errors.js';

export interface GatewayShardsOptions {
  token: string;
  /** REST base, e.g. https://discord.com/api. */
  apiUrl: string;
  /** Aborted when the user stops discloop meanwhile. */
  signal: AbortSignal;
  /** Says that Discord could not be reached and when the next attempt is. */
  onRetry: (message: string) => void;
  /** Delays between attempts; their count is the number of retries (as the children's login). */
  retryDelaysMs?: number[];
  fetch?: typeof fetch;
}

const DEFAULT_RETRY_DELAYS_MS = [1000, 2000, 4000, 8000];

/**
 * The bot's shard count as Discord recommends it (`GET /gateway/bot`), asked once by
 * `run --processes` so that every child splits the same count. 401 is a rejected token (exit 3);
 * no answer after the retries is exit 5.
 */
export async function gatewayShardCount(options: GatewayShardsOptions): Promise<number> {
  const delays = options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;
  const url = `${options.apiUrl}/v10/gateway/bot`;
  for (let attempt = 0; ; attempt++) {
    const result = await ask(url, options);
    if (typeof result === 'number') return result;
    const delay = delays[attempt];
    if (delay === undefined)
      throw new DiscordUnreachableError(
        `Could not reach Discord at ${options.apiUrl} after ${attempt + 1} attempts (${result}).`,
        'Check the network connection, or --api-url / DISCLOOP_API_URL if you set one.',
      );
    options.onRetry(
      `Cannot reach Discord at ${options.apiUrl} to learn the shard count (${result}); retrying in ${delay / 1000} s, attempt ${attempt + 2} of ${delays.length + 1}`,
    );
    await sleep(delay, undefined, { signal: options.signal });
  }
}

/** The count, or why it is worth asking again. */
async function ask(url: string, options: GatewayShardsOptions): Promise<number | string> {
  let response: Response;
  try {
    response = await (options.fetch ?? fetch)(url, {
      headers: { Authorization: `Bot ${options.token}` },
      signal: options.signal,
    });
  } catch (error) {
    if (options.signal.aborted || !isNetworkError(error)) throw error;
    const { code, cause } = error as { code?: string; cause?: { code?: string } };
    return cause?.code ?? code ?? (error as Error).message;
  }
  if (response.status === 401) throw new TokenRejectedError();
  if (response.status === 429 || response.status >= 500) return `HTTP ${response.status}`;
  const body = (await response.json().catch(() => undefined)) as { shards?: unknown } | undefined;
  const shards = body?.shards;
  if (!response.ok || typeof shards !== 'number' || !Number.isInteger(shards) || shards < 1)
    throw new DiscordUnreachableError(
      `${options.apiUrl} does not answer like Discord's API (GET /gateway/bot: HTTP ${response.status}).`,
      '--api-url (or DISCLOOP_API_URL) expects the REST base, such as https://discord.com/api.',
    );
  return shards;
}
