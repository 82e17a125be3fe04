import { DiscloopError, DiscordUnreachableError, TokenRejectedError } from '../errors.js';
import { isNetworkError } from './login-errors.js';

const CLIENT_ID_HINT =
  'Or pass it with --client-id: Developer Portal → your application → General Information → Application ID.';

export interface ApplicationLookup {
  apiUrl: string;
  token: string;
  /** Waits before the 2nd, 3rd… attempt after a network error, a 5xx or a 429. */
  retryDelaysMs?: readonly number[];
  /** Per attempt. */
  timeoutMs?: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The bot's application id (its OAuth2 client id), from `GET /applications/@me`: one plain
 * request, no discord.js. 401 is a rejected token (exit 3); no answer after the retries is
 * exit 5. The token goes in the header only: no message here can carry it.
 */
export async function fetchApplicationId({
  apiUrl,
  token,
  retryDelaysMs = [500, 1500],
  timeoutMs = 10_000,
}: ApplicationLookup): Promise<string> {
  const url = `${apiUrl.replace(/\/+$/, '')}/v10/applications/@me`;
  let lastProblem = '';
  for (let attempt = 0; attempt <= retryDelaysMs.length; attempt += 1) {
    if (attempt > 0) await sleep(retryDelaysMs[attempt - 1] ?? 0);
    let response: Response;
    try {
      response = await fetch(url, {
        headers: { Authorization: `Bot ${token}`, 'User-Agent': 'discloop (invite)' },
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      // fetch rejects with a TypeError for every network failure, and times out with TimeoutError.
      const timedOut = (error as Error).name === 'TimeoutError';
      if (!(error instanceof TypeError || timedOut || isNetworkError(error))) throw error;
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      lastProblem = timedOut
        ? 'no answer in time'
        : (cause?.code ?? cause?.message ?? String(error));
      continue;
    }
    if (response.status === 401) throw new TokenRejectedError();
    if (response.status >= 500 || response.status === 429) {
      lastProblem = `HTTP ${response.status}`;
      continue;
    }
    const body = (await response.json().catch(() => undefined)) as { id?: unknown } | undefined;
    if (!response.ok || typeof body?.id !== 'string') {
      throw new DiscloopError(
        `${apiUrl} answered GET /applications/@me with HTTP ${response.status} and no application id.`,
        { code: 'no_application', exitCode: 1, hint: CLIENT_ID_HINT },
      );
    }
    return body.id;
  }
  throw new DiscordUnreachableError(
    `Could not reach Discord at ${apiUrl} to read the application id (${lastProblem}, ${retryDelaysMs.length + 1} attempts).`,
    `Check the network and --api-url. ${CLIENT_ID_HINT}`,
  );
}
