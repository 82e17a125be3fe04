import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client, Events, Status, WebSocketShardEvents } from 'discord.js';
import { cachePlan } from '../connection/cache-plan.js';
import { intentsBitfield } from '../connection/intents.js';
import { FATAL_CLOSE_CODES, mapLoginFailure } from '../connection/login-errors.js';
import { outageTracker } from '../connection/outages.js';
import type { ConnectRequest, DiscordSession } from '../connection/session.js';
import { DiscloopError, DiscordUnreachableError } from '../errors.js';
import { discordPort } from './discord-port.js';
import { makeCache } from './make-cache.js';
import { keepPresence } from './presence.js';
import { restLookup } from './rest-lookup.js';
import { inRun, restOptions } from './run-scope.js';
import { applyShards, pacedIdentifies } from './shard-options.js';

export interface ConnectOptions extends ConnectRequest {
  token: string;
  /** REST base, e.g. https://discord.com/api; the gateway URL comes from GET /gateway/bot on it. */
  apiUrl: string;
  /** Delays between attempts when Discord cannot be reached; their count is the number of retries. */
  retryDelaysMs?: number[];
}

/** The user stopped discloop before the connection was ready: not an error, a way out. */
export class StoppedBeforeReady extends DiscloopError {
  constructor() {
    super('Stopped before Discord was ready.', { code: 'stopped', exitCode: 0 });
  }
}

const DEFAULT_RETRY_DELAYS_MS = [1000, 2000, 4000, 8000];
/** discord.js logs a half-masked token at login; no part of it is ever printed. */
const TOKEN_DEBUG = /Provided token/i;

/** Logs in, waits until every guild has arrived (clientReady), and maps refusals to exit codes. */
export async function connect(options: ConnectOptions): Promise<DiscordSession> {
  const delays = options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;
  const attempts = delays.length + 1;
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
      type: 'notice',
      message: `Cannot reach Discord at ${options.apiUrl} (${describe(result.error)}); retrying in ${seconds(delay)}, attempt ${attempt + 2} of ${attempts}`,
    });
    await sleep(delay, undefined, { signal: options.signal }).catch(() => {
      throw new StoppedBeforeReady();
    });
  }
}

const seconds = (ms: number) => (ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`);

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
  options.signal?.throwIfAborted();
  const partial = options.shards !== undefined && options.shards.kind !== 'all';
  const client = new Client({
    intents: intentsBitfield(options.intents),
    rest: restOptions(options.apiUrl, options.onEvent),
    makeCache: makeCache(options.caches ?? cachePlan(options.intents)),
    ...(partial ? { ws: { buildIdentifyThrottler: pacedIdentifies } } : {}),
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
  client.on(Events.Debug, (message) => {
    if (!TOKEN_DEBUG.test(message)) options.onEvent({ type: 'debug', message });
  });
  const readyEvent = once(client, Events.ClientReady, { signal: options.signal });
  try {
    await applyShards(client, options.token, options.shards);
    await client.login(options.token);
    await readyEvent;
  } catch (error) {
    readyEvent.catch(() => {});
    await client.destroy();
    if (options.signal?.aborted) throw new StoppedBeforeReady();
    const mapped = mapLoginFailure(error, closeCode, options.intents, options.intentSources ?? {});
    if (!mapped) return { error };
    if (mapped instanceof DiscloopError) throw mapped;
    // Not a refusal Discord would make, not the network: the URL answers, but not as Discord.
    throw new DiscordUnreachableError(
      `${options.apiUrl} does not answer like Discord's API (${describe(error)}).`,
      '--api-url (or DISCLOOP_API_URL) expects the REST base, such as https://discord.com/api.',
    );
  }
  ready = true;
  watchReconnects(client, options.onEvent);
  return { session: sessionOf(client as Client<true>, partial) };
}

function watchReconnects(client: Client, onEvent: ConnectOptions['onEvent']): void {
  // The shard's own close event carries the code; ShardReconnecting follows it for codes
  // discord.js recovers from (once per attempt), then ShardResume (resumed) or ShardReady
  // (identified anew). The tracker makes one outage one disconnect and one reconnect.
  const outages = outageTracker(Date.now);
  const closeCodes = new Map<number, number>();
  for (const shard of client.ws.shards.values()) {
    shard.on(WebSocketShardEvents.Close, (event: { code: number }) =>
      closeCodes.set(shard.id, event.code),
    );
  }
  const back = (shard: number, resumed: boolean) => {
    const event = outages.back(shard, resumed);
    if (event) onEvent(event);
  };
  client.on(Events.ShardReconnecting, (shard) =>
    onEvent(outages.lost(shard, closeCodes.get(shard))),
  );
  client.on(Events.ShardResume, (shard) => back(shard, true));
  client.on(Events.ShardReady, (shard) => back(shard, false));
}

function sessionOf(client: Client<true>, partial: boolean): DiscordSession {
  const allReady = () => client.ws.shards.every((shard) => shard.status === Status.Ready);
  const presence = keepPresence(client);
  const lookup = restLookup(client);
  const total = partial ? () => lookup.guildCount() : undefined;
  return {
    portFor: (run) => discordPort(client, presence, run.signal, total),
    act: (run, work) => inRun(run, work),
    user: { id: client.user.id, username: client.user.username },
    guildCount: client.guilds.cache.size,
    shardIds: [...client.ws.shards.keys()].sort((a, b) => a - b),
    shardCount: client.options.shardCount ?? 1,
    partial,
    lookup,
    async settled(timeoutMs, signal) {
      // Polled: a reconnect has several ways to end (resume, re-identify, give up).
      const deadline = Date.now() + timeoutMs;
      while (!allReady() && Date.now() < deadline && !signal?.aborted) await sleep(50);
    },
    close: () => {
      // Our own goodbye is not a disconnect worth reporting.
      client.removeAllListeners();
      return client.destroy();
    },
  };
}
