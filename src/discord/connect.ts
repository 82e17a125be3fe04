import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client, Events, Status, WebSocketShardEvents } from 'discord.js';
import { cachePlan } from '../connection/cache-plan.js';
import { intentsBitfield } from '../connection/intents.js';
import { FATAL_CLOSE_CODES, mapLoginFailure } from '../connection/login-errors.js';
import type { ConnectRequest, DiscordSession } from '../connection/session.js';
import { DiscordUnreachableError } from '../errors.js';
import { discordPort } from './discord-port.js';
import { makeCache } from './make-cache.js';

export interface ConnectOptions extends ConnectRequest {
  token: string;
  /** REST base, e.g. https://discord.com/api; the gateway URL comes from GET /gateway/bot on it. */
  apiUrl: string;
  /** Delays between attempts when Discord cannot be reached; their count is the number of retries. */
  retryDelaysMs?: number[];
}

const DEFAULT_RETRY_DELAYS_MS = [1000, 2000, 4000, 8000];
const MAX_RATE_LIMIT_WAIT_MS = 10_000;

/** Logs in, waits until every guild has arrived (clientReady), and maps refusals to exit codes. */
export async function connect(options: ConnectOptions): Promise<DiscordSession> {
  const delays = options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;
  for (let attempt = 0; ; attempt++) {
    const result = await attemptLogin(options);
    if ('session' in result) return result.session;
    const delay = delays[attempt];
    if (delay === undefined) {
      throw new DiscordUnreachableError(
        `Could not reach Discord at ${options.apiUrl} after ${attempt + 1} attempt${attempt === 0 ? '' : 's'} (${describe(result.error)}).`,
        'Check the network connection, or --api-url / DISCLOOP_API_URL if you set one.',
      );
    }
    options.onEvent({
      type: 'debug',
      message: `Discord unreachable (${describe(result.error)}); retrying in ${delay} ms`,
    });
    await sleep(delay);
  }
}

function describe(error: unknown): string {
  const { code, cause, message } = error as {
    code?: unknown;
    cause?: { code?: unknown };
    message?: string;
  };
  const named = [code, cause?.code].find((c): c is string => typeof c === 'string');
  return named ?? message ?? String(error);
}

async function attemptLogin(
  options: ConnectOptions,
): Promise<{ session: DiscordSession } | { error: unknown }> {
  const client = new Client({
    intents: intentsBitfield(options.intents),
    rest: {
      api: options.apiUrl,
      // Short 429s are waited out; a long one (a rename sub-limit: minutes) fails the run with
      // the wait in its message instead of silently holding the loop.
      rejectOnRateLimit: (limit) =>
        Math.max(limit.retryAfter, limit.sublimitTimeout) > MAX_RATE_LIMIT_WAIT_MS,
    },
    makeCache: makeCache(options.caches ?? cachePlan(options.intents)),
  });
  let closeCode: number | undefined;
  let ready = false;
  client.on(Events.ShardDisconnect, (event, shard) => {
    closeCode = event.code;
    if (ready && FATAL_CLOSE_CODES.has(event.code)) {
      const error = mapLoginFailure(
        new Error(`gateway closed with ${event.code}`),
        event.code,
        options.intents,
        options.intentSources ?? {},
      );
      options.onEvent({
        type: 'fatal',
        error: error ?? new Error(`shard ${shard} closed with ${event.code}`),
      });
    }
  });
  client.on(Events.Error, (error) =>
    options.onEvent({ type: 'debug', message: `discord.js error: ${error.message}` }),
  );
  client.on(Events.Debug, (message) => options.onEvent({ type: 'debug', message }));
  const readyEvent = once(client, Events.ClientReady);
  try {
    await client.login(options.token);
    await readyEvent;
  } catch (error) {
    readyEvent.catch(() => {});
    await client.destroy();
    const mapped = mapLoginFailure(error, closeCode, options.intents, options.intentSources ?? {});
    if (mapped) throw mapped;
    return { error };
  }
  ready = true;
  watchReconnects(client, options.onEvent);
  return { session: sessionOf(client as Client<true>) };
}

function watchReconnects(client: Client, onEvent: ConnectOptions['onEvent']): void {
  // The shard's own close event carries the code; ShardReconnecting follows it for codes
  // discord.js recovers from, then ShardResume (resumed) or ShardReady (identified anew).
  const closeCodes = new Map<number, number>();
  for (const shard of client.ws.shards.values()) {
    shard.on(WebSocketShardEvents.Close, (event: { code: number }) =>
      closeCodes.set(shard.id, event.code),
    );
  }
  client.on(Events.ShardReconnecting, (shard) =>
    onEvent({ type: 'disconnect', shard, code: closeCodes.get(shard) }),
  );
  client.on(Events.ShardResume, (shard) => onEvent({ type: 'reconnect', shard, resumed: true }));
  client.on(Events.ShardReady, (shard) => onEvent({ type: 'reconnect', shard, resumed: false }));
}

function sessionOf(client: Client<true>): DiscordSession {
  const allReady = () => client.ws.shards.every((shard) => shard.status === Status.Ready);
  return {
    port: discordPort(client),
    user: { id: client.user.id, username: client.user.username },
    guildCount: client.guilds.cache.size,
    async settled(timeoutMs) {
      // Polled: a reconnect has several ways to end (resume, re-identify, give up).
      const deadline = Date.now() + timeoutMs;
      while (!allReady() && Date.now() < deadline) await sleep(50);
    },
    close: () => {
      // Our own goodbye is not a disconnect worth reporting.
      client.removeAllListeners();
      return client.destroy();
    },
  };
}
