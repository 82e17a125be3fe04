import type { REST } from '@discordjs/rest';
import {
  type SessionInfo,
  WebSocketManager,
  type WebSocketManagerOptions,
  WebSocketShardEvents,
} from '@discordjs/ws';
import type { GatewayReadyDispatchData } from 'discord-api-types/v10';
import { createGuildCache } from '../connection/guild-cache.js';
import { FATAL_CLOSE_CODES } from '../connection/login-errors.js';
import { outageTracker } from '../connection/outages.js';
import type { ConnectionEvent } from '../connection/session.js';
import { keepPresence } from './presence.js';

/** As discord.js's `waitGuildTimeout`: a guild READY lists that has not arrived by then is left out. */
const GUILD_WAIT_MS = 15_000;
/** The Guilds intent: without it no GUILD_CREATE comes, so there is nothing to wait for. */
const GUILDS_INTENT = 1;

export interface GatewayOptions {
  rest: REST;
  token: string;
  intents: number;
  /** Which shards, and how IDENTIFYs are paced (src/discord/shard-options.ts). */
  shards: Partial<WebSocketManagerOptions>;
  /** Keep who is online (GuildPresences). */
  presences: boolean;
  onEvent: (event: ConnectionEvent) => void;
  /** How a fatal close after start-up is worded (an intent refusal names who asked for it). */
  explainFatal: (code: number) => Error;
}

export type Gateway = ReturnType<typeof openGateway>;

/**
 * The bot's shards through @discordjs/ws (the gateway package discord.js itself is built on),
 * feeding discloop's own cache. A shard counts as ready once its READY's guilds have all
 * arrived (or after 15 s), as discord.js's `shardReady`; runs wait for that after a reconnect.
 * Outages are reported once the whole gateway was ready: one `disconnect`, one `reconnect`.
 */
export function openGateway(options: GatewayOptions) {
  // Sessions are kept per manager: @discordjs/ws's default store is shared by the whole process,
  // and a reconnect for new intents must not resume the old manager's sessions.
  const sessions = new Map<number, SessionInfo>();
  const manager = new WebSocketManager({
    token: options.token,
    intents: options.intents,
    rest: options.rest,
    largeThreshold: 50,
    retrieveSessionInfo: (shardId) => sessions.get(shardId) ?? null,
    updateSessionInfo: (shardId, info) => {
      if (info) sessions.set(shardId, info);
      else sessions.delete(shardId);
    },
    ...options.shards,
  });
  const cache = createGuildCache({ presences: options.presences });
  const outages = outageTracker(Date.now);
  const ready = new Set<number>();
  const waits = new Map<number, { pending: Set<string>; timer: NodeJS.Timeout }>();
  let shardIds: number[] = [];
  let user: { id: string; username: string } | undefined;
  let live = false;
  let closing = false;
  let onAllReady = () => {};
  /** The close code that ended the login, if Discord refused us. */
  let refusal: number | undefined;
  const emit = (event: ConnectionEvent | undefined) => {
    if (event && !closing) options.onEvent(event);
  };

  const presence = keepPresence({
    send: (shardId, payload) => manager.send(shardId, payload),
    get shardIds() {
      return shardIds;
    },
    down: () => shardIds.filter((id) => !ready.has(id)),
  });

  function shardReady(shardId: number) {
    const wait = waits.get(shardId);
    if (wait) clearTimeout(wait.timer);
    waits.delete(shardId);
    ready.add(shardId);
    presence.shardReady(shardId);
    if (live) emit(outages.back(shardId, false));
    else if (shardIds.length > 0 && shardIds.every((id) => ready.has(id))) onAllReady();
  }

  function waitForGuilds(shardId: number, data: GatewayReadyDispatchData) {
    user ??= { id: data.user.id, username: data.user.username };
    const pending = new Set(data.guilds.map((g) => g.id));
    cache.keepOnly(shardId, pending);
    if (pending.size === 0 || !(options.intents & GUILDS_INTENT)) return shardReady(shardId);
    const timer = setTimeout(() => shardReady(shardId), GUILD_WAIT_MS).unref();
    waits.set(shardId, { pending, timer });
  }

  function guildArrived(shardId: number, guildId: string) {
    const wait = waits.get(shardId);
    if (!wait) return;
    wait.pending.delete(guildId);
    if (wait.pending.size === 0) return shardReady(shardId);
    wait.timer.refresh();
  }

  manager.on(WebSocketShardEvents.Dispatch, ({ data, shardId }) => {
    cache.apply(shardId, data.t, data.d);
    if (data.t === 'READY') waitForGuilds(shardId, data.d);
    // As discord.js: a GUILD_DELETE (still unavailable) also answers for a guild READY listed.
    else if (data.t === 'GUILD_CREATE' || data.t === 'GUILD_DELETE')
      guildArrived(shardId, data.d.id);
  });
  manager.on(WebSocketShardEvents.Resumed, ({ shardId }) => {
    ready.add(shardId);
    if (live) emit(outages.back(shardId, true));
  });
  manager.on(WebSocketShardEvents.Closed, ({ code, shardId }) => {
    ready.delete(shardId);
    if (FATAL_CLOSE_CODES.has(code)) refusal = code;
    if (!live) return;
    if (FATAL_CLOSE_CODES.has(code)) emit({ type: 'fatal', error: options.explainFatal(code) });
    else emit(outages.lost(shardId, code));
  });
  manager.on(WebSocketShardEvents.Debug, ({ message, shardId }) =>
    emit({ type: 'debug', message: `[shard ${shardId}] ${message}` }),
  );
  manager.on(WebSocketShardEvents.Error, ({ error, shardId }) =>
    emit({ type: 'debug', message: `[shard ${shardId}] gateway error: ${error.message}` }),
  );

  return {
    manager,
    cache,
    presence,
    get user() {
      if (!user) throw new Error('no READY yet');
      return user;
    },
    get shardIds() {
      return shardIds;
    },
    get refusal() {
      return refusal;
    },
    /** Connects every shard and waits until each has its guilds. */
    async start(signal?: AbortSignal) {
      shardIds = await manager.getShardIds();
      const allReady = new Promise<void>((resolve) => {
        onAllReady = resolve;
      });
      await abortable(manager.connect(), signal);
      await abortable(allReady, signal);
      live = true;
    },
    allReady: () => shardIds.every((id) => ready.has(id)),
    async close() {
      closing = true;
      for (const { timer } of waits.values()) clearTimeout(timer);
      await manager.destroy({ code: 1000, reason: 'discloop is stopping' });
      options.rest.clearHashSweeper();
      options.rest.clearHandlerSweeper();
    },
  };
}

function abortable<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return work;
  signal.throwIfAborted();
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
