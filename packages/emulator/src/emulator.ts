import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CloseCode } from './gateway/codes.js';
import type { GatewayPayload } from './gateway/context.js';
import { GatewayServer, RESUME_PATH } from './gateway/server.js';
import {
  IDENTIFY_INTERVAL_MS,
  SESSION_START_TOTAL,
  SessionStarts,
} from './gateway/session-starts.js';
import { SessionStore } from './gateway/sessions.js';
import { publishWorldChanges } from './gateway/world-events.js';
import { RecordLog } from './recorder.js';
import { REDACTED, redactDeep, redactText, type Secrets } from './redact.js';
import { DEFAULT_BUCKET_LIMITS, DEFAULT_RENAME_LIMIT, RateLimiter } from './rest/rate-limits.js';
import { channelRoutes } from './rest/routes-channels.js';
import { gatewayAndUserRoutes } from './rest/routes-gateway-users.js';
import { guildRoutes } from './rest/routes-guilds.js';
import { messageRoutes } from './rest/routes-messages.js';
import { createRestHandler } from './rest/server.js';
import { runTimeline, type TimelineEvent } from './timeline.js';
import type { Emulator, EmulatorOptions, RecordedPayload, RecordedRequest } from './types.js';
import { DEFAULT_BOT, defaultWorld } from './world/default-world.js';
import { checkWorld } from './world/load.js';
import { World } from './world/world.js';

const DEFAULT_HEARTBEAT_INTERVAL_MS = 41_250;
const DEFAULT_SESSION_TTL_MS = 180_000;
const DEFAULT_RECORD_LIMIT = 100_000;
const DEFAULT_WAIT_MS = 5_000;

/**
 * Starts a Discord on 127.0.0.1 that the real discord.js client can log in to: REST under
 * `apiUrl`, the gateway at `gatewayUrl`, a world to look at and change, faults to inject, and
 * a record of everything that crossed the wire.
 */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const spec = options.world ?? defaultWorld();
  checkWorld(spec);
  const world = new World(spec, DEFAULT_BOT);
  // Every token ever accepted stays a secret, even after a reset.
  const secrets: string[] = [world.token];
  const log = (line: string) => options.log?.(redactText(line, secrets));
  const recordLimit = options.recordLimit ?? DEFAULT_RECORD_LIMIT;
  const requests = new RecordLog<RecordedRequest>('request', recordLimit, describeRequest);
  const payloads = new RecordLog<RecordedPayload>('payload', recordLimit, describePayload);

  const http = createServer();
  const port = await listen(http, options.port ?? 0);
  const gatewayUrl = `ws://127.0.0.1:${port}`;
  const resumeGatewayUrl = `${gatewayUrl}${RESUME_PATH}`;
  const apiUrl = `http://127.0.0.1:${port}/api`;
  const heartbeatIntervalMs = options.heartbeatIntervalMs ?? DEFAULT_HEARTBEAT_INTERVAL_MS;

  const limit = options.sessionStartLimit ?? {};
  const sessionStarts = new SessionStarts(
    limit === false
      ? { intervalMs: null, total: null }
      : {
          intervalMs: limit.intervalMs ?? IDENTIFY_INTERVAL_MS,
          total: limit.total ?? SESSION_START_TOTAL,
        },
    () => world.maxConcurrency,
  );
  const sessions = new SessionStore(options.sessionTtlMs ?? DEFAULT_SESSION_TTL_MS, (session) =>
    log(`gateway: session ${session.id.slice(0, 8)} expired, no longer resumable`),
  );
  const gateway = new GatewayServer({
    world,
    sessions,
    heartbeatIntervalMs,
    // Discord's tolerance is undisclosed; two missed beats plus slack keeps slow CI from tripping it.
    heartbeatTimeoutMs: heartbeatIntervalMs * 2 + 2_000,
    resumeGatewayUrl,
    log,
    sessionStarts,
    onSessionStartsExhausted: () => {
      log("emulator: the day's session starts are used up: every session ends, the token is reset");
      emulator.resetToken();
    },
    record: (connection, direction, payload) => {
      payloads.add({
        direction,
        connection: connection.info.id,
        shard: connection.shard,
        sessionId: connection.sessionId,
        op: payload.op,
        t: payload.t,
        s: payload.s,
        d: redactPayloadData(payload, secrets),
      });
    },
  });
  const limits = new RateLimiter(
    { ...DEFAULT_BUCKET_LIMITS, ...options.bucketLimits },
    options.renameLimit ?? DEFAULT_RENAME_LIMIT,
  );
  limits.setGlobalLimit(options.restGlobalLimitPerSecond ?? null);
  http.on(
    'request',
    createRestHandler({
      world,
      routes: [...gatewayAndUserRoutes, ...guildRoutes, ...channelRoutes, ...messageRoutes],
      limits,
      gatewayUrl,
      sessionStartLimit: () => sessionStarts.describe(),
      record: (request) => {
        requests.add(redactDeep(request, secrets));
        log(`rest: ${request.method} ${request.path} → ${request.status}`);
      },
      log,
    }),
  );
  http.on('upgrade', (request, socket, head) => gateway.handleUpgrade(request, socket, head));
  const stopPublishing = publishWorldChanges(world, sessions);

  const emulator: Emulator = {
    apiUrl,
    gatewayUrl,
    resumeGatewayUrl,
    port,
    get token() {
      return world.token;
    },
    requests: requests.items,
    payloads: payloads.items,
    connections: gateway.connections,
    world: () => world.snapshot(),
    voiceJoin: (userId, channelId) => world.voiceJoin(userId, channelId),
    voiceMove: (userId, channelId) => world.voiceMove(userId, channelId),
    voiceLeave: (userId, guildId) => world.voiceLeave(userId, guildId),
    memberAdd: (guildId, user) => world.memberAdd(guildId, user),
    memberRemove: (guildId, userId) => world.memberRemove(guildId, userId),
    presenceUpdate: (userId, status, activities) => world.setPresence(userId, status, activities),
    seedMessages: (channelId, messages) => structuredClone(world.seedMessages(channelId, messages)),
    deleteMessage: (channelId, messageId) => {
      if (world.deleteMessages(channelId, [messageId]).length === 0)
        throw new Error(`deleteMessage: no message ${messageId} in channel ${channelId}`);
    },
    reconnect: (shard) => gateway.reconnect(shard),
    dropSocket: (shard) => gateway.dropSocket(shard),
    invalidSession: (resumable, shard) => gateway.invalidSession(resumable, shard),
    stopHeartbeatAcks: (shard) => gateway.stopHeartbeatAcks(shard),
    requestHeartbeat: (shard) => gateway.requestHeartbeat(shard),
    gatewayOutage: (outage = {}) => gateway.startOutage(outage),
    endGatewayOutage: () => gateway.endOutage(),
    closeGateway: (code, shard) => {
      if (!(Number.isInteger(code) && code >= 4000 && code <= 4999)) {
        throw new RangeError(`closeGateway: ${code} is not a gateway close code (4000–4999)`);
      }
      gateway.closeSessions(code, shard);
    },
    rateLimit: (rule) => limits.script(rule),
    rateLimitStorm: (storm) => {
      limits.storm(storm);
      log(`rest: 429 storm on ${storm.route ?? 'every route'} until ended`);
    },
    endRateLimitStorm: (route) => {
      const ended = limits.endStorms(route);
      log(`rest: ${ended} 429 storm(s) on ${route ?? 'any route'} ended`);
    },
    setRestGlobalLimit: (perSecond) => {
      limits.setGlobalLimit(perSecond);
      log(`rest: global limit ${perSecond === null ? 'lifted' : `${perSecond} per second`}`);
    },
    resetToken: () => {
      world.token = newToken(world.bot.id);
      secrets.push(world.token);
      gateway.closeAll(CloseCode.AuthenticationFailed);
      log('emulator: bot token reset; every session closed with 4004');
      return world.token;
    },
    waitForPayload: (pred, timeoutMs = DEFAULT_WAIT_MS) => payloads.waitFor(pred, timeoutMs),
    waitForRequest: (pred, timeoutMs = DEFAULT_WAIT_MS) => requests.waitFor(pred, timeoutMs),
    close: async () => {
      timeline.stop();
      stopPublishing();
      gateway.close();
      sessions.close();
      requests.close();
      payloads.close();
      await closeServer(http);
      log('emulator: closed');
    },
  };

  const timeline = runTimeline(
    options.timeline ?? spec.timeline ?? [],
    (event) => {
      const { type, ...details } = event;
      log(`timeline: ${type} ${JSON.stringify(details)}`);
      applyEvent(emulator, event);
    },
    (error, entry) =>
      log(`timeline: ${entry.event.type} at ${entry.at} ms failed: ${(error as Error).message}`),
  );
  log(`emulator: listening on ${apiUrl} and ${gatewayUrl}`);
  return emulator;
}

function applyEvent(emulator: Emulator, event: TimelineEvent): void {
  switch (event.type) {
    case 'voiceJoin':
      emulator.voiceJoin(event.userId, event.channelId);
      break;
    case 'voiceMove':
      emulator.voiceMove(event.userId, event.channelId);
      break;
    case 'voiceLeave':
      emulator.voiceLeave(event.userId, event.guildId);
      break;
    case 'memberAdd':
      emulator.memberAdd(event.guildId, event.user);
      break;
    case 'memberRemove':
      emulator.memberRemove(event.guildId, event.userId);
      break;
    case 'presenceUpdate':
      emulator.presenceUpdate(event.userId, event.status, event.activities);
      break;
    case 'reconnect':
      emulator.reconnect(event.shard);
      break;
    case 'dropSocket':
      emulator.dropSocket(event.shard);
      break;
    case 'invalidSession':
      emulator.invalidSession(event.resumable, event.shard);
      break;
    case 'stopHeartbeatAcks':
      emulator.stopHeartbeatAcks(event.shard);
      break;
    case 'requestHeartbeat':
      emulator.requestHeartbeat(event.shard);
      break;
    case 'rateLimit': {
      const { type: _type, ...rule } = event;
      emulator.rateLimit(rule);
      break;
    }
    case 'rateLimitStorm': {
      const { type: _type, ...storm } = event;
      emulator.rateLimitStorm(storm);
      break;
    }
    case 'endRateLimitStorm':
      emulator.endRateLimitStorm(event.route);
      break;
    case 'setRestGlobalLimit':
      emulator.setRestGlobalLimit(event.perSecond);
      break;
    case 'gatewayOutage': {
      const { type: _type, ...outage } = event;
      emulator.gatewayOutage(outage);
      break;
    }
    case 'endGatewayOutage':
      emulator.endGatewayOutage();
      break;
    case 'closeGateway':
      emulator.closeGateway(event.code, event.shard);
      break;
  }
}

/** IDENTIFY and RESUME carry a token, right or wrong: neither is ever recorded. */
function redactPayloadData(payload: GatewayPayload, secrets: Secrets): unknown {
  const d = redactDeep(payload.d, secrets);
  if (
    (payload.op === 2 || payload.op === 6) &&
    typeof d === 'object' &&
    d !== null &&
    'token' in d
  ) {
    return { ...d, token: REDACTED };
  }
  return d;
}

/** A fresh token shaped like Discord's: base64 of the bot id, a timestamp part, an HMAC-like tail. */
function newToken(botId: string): string {
  const id = Buffer.from(botId).toString('base64').replace(/=+$/, '');
  return `${id}.${randomBytes(4).toString('base64url')}.${randomBytes(27).toString('base64url')}`;
}

function describeRequest(r: RecordedRequest): string {
  return `#${r.seq} ${r.method} ${r.path} → ${r.status}`;
}

function describePayload(p: RecordedPayload): string {
  return `#${p.seq} ${p.direction} conn ${p.connection} op ${p.op}${p.t ? ` ${p.t}` : ''}${p.s !== null ? ` s=${p.s}` : ''}`;
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    // discord.js keeps REST connections alive; without this close() would wait for them.
    server.closeAllConnections();
  });
}
