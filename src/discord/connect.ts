import { setTimeout as sleep } from 'node:timers/promises';
import { REST } from '@discordjs/rest';
import { intentsBitfield } from '../connection/intents.js';
import { mapLoginFailure } from '../connection/login-errors.js';
import type { ConnectRequest, DiscordSession } from '../connection/session.js';
import { DiscloopError, DiscordUnreachableError } from '../errors.js';
import { discordPort } from './discord-port.js';
import { type Gateway, openGateway } from './gateway.js';
import { restLookup } from './rest-lookup.js';
import { inRun, restOptions } from './run-scope.js';
import { shardOptions } from './shard-options.js';

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

/** Logs in, waits until every guild has arrived on every shard, and maps refusals to exit codes. */
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
  const rest = new REST(restOptions(options.apiUrl, options.onEvent)).setToken(options.token);
  const explain = (error: unknown, closeCode: number | undefined) =>
    mapLoginFailure(error, closeCode, options.intents, options.intentSources ?? {});
  let gateway: Gateway | undefined;
  try {
    gateway = openGateway({
      rest,
      token: options.token,
      intents: intentsBitfield(options.intents),
      shards: await shardOptions(rest, options.shards),
      presences: options.intents.includes('GuildPresences'),
      onEvent: options.onEvent,
      explainFatal: (code) => {
        const closed = new Error(`the gateway closed with ${code}`);
        return explain(closed, code) ?? closed;
      },
    });
    await gateway.start(options.signal);
  } catch (error) {
    await (gateway?.close() ?? closeRest(rest));
    if (options.signal?.aborted) throw new StoppedBeforeReady();
    const mapped = explain(error, gateway?.refusal);
    if (!mapped) return { error };
    if (mapped instanceof DiscloopError) throw mapped;
    // Not a refusal Discord would make, not the network: the URL answers, but not as Discord.
    throw new DiscordUnreachableError(
      `${options.apiUrl} does not answer like Discord's API (${describe(error)}).`,
      '--api-url (or DISCLOOP_API_URL) expects the REST base, such as https://discord.com/api.',
    );
  }
  return { session: sessionOf(gateway, rest, partial) };
}

function closeRest(rest: REST) {
  rest.clearHashSweeper();
  rest.clearHandlerSweeper();
}

function sessionOf(gateway: Gateway, rest: REST, partial: boolean): DiscordSession {
  const { cache } = gateway;
  const lookup = restLookup(rest, cache.guildCount);
  const port = {
    cache,
    rest,
    presence: gateway.presence,
    ...(partial ? { totalGuilds: () => lookup.guildCount() } : {}),
  };
  return {
    portFor: (run) => discordPort(port, run.signal),
    act: (run, work) => inRun(run, work),
    user: gateway.user,
    guildCount: cache.guildCount(),
    shardIds: [...gateway.shardIds].sort((a, b) => a - b),
    shardCount: gateway.manager.options.shardCount ?? gateway.shardIds.length,
    partial,
    lookup,
    async settled(timeoutMs, signal) {
      // Polled: a reconnect has several ways to end (resume, re-identify, give up).
      const deadline = Date.now() + timeoutMs;
      while (!gateway.allReady() && Date.now() < deadline && !signal?.aborted) await sleep(50);
    },
    close: () => gateway.close(),
  };
}
