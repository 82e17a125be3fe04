import type {
  GatewayOutage,
  NewMember,
  RateLimitRule,
  RateLimitStorm,
  TimelineEntry,
} from './timeline.js';
import type { MessageRecord, WorldSnapshot } from './world/records.js';
import type { MessageSpec, WorldSpec } from './world/spec.js';

export interface EmulatorOptions {
  /** Default: the small fixed world documented in `default-world.ts`. */
  world?: WorldSpec;
  /** Default 0: an ephemeral port. The emulator only ever binds 127.0.0.1. */
  port?: number;
  /** HELLO's heartbeat_interval (default 41250, Discord's). Tests use a few hundred ms. */
  heartbeatIntervalMs?: number;
  /** Events at offsets from start; default `world.timeline`, else none. */
  timeline?: TimelineEntry[];
  /** Channel name/topic changes allowed per channel per window (Discord: 2 per 10 minutes). */
  renameLimit?: { count: number; windowMs: number };
  /** How long a disconnected session stays resumable (default 3 minutes). */
  sessionTtlMs?: number;
  /** Per-route bucket sizes, keyed like `'POST /channels/:id/messages'`, `'*'` for the rest. */
  bucketLimits?: Record<string, { count: number; windowMs: number }>;
  /**
   * Discord's global REST limit, requests per second per bot token over every route (Discord:
   * 50); beyond it a global 429. Default: none.
   */
  restGlobalLimitPerSecond?: number;
  /**
   * Discord's session start limit, enforced by default: an IDENTIFY sooner than `intervalMs`
   * (default 5000) after the last one accepted in its bucket (`shard_id % max_concurrency`, the
   * world's `maxConcurrency`) gets op 9 `d: false` and starts nothing; past `total` session
   * starts (default 1000, counted down in /gateway/bot's `remaining`), every session ends with
   * 4004 and the token is reset. `false`: neither is enforced (starts are still counted).
   */
  sessionStartLimit?: false | { intervalMs?: number; total?: number };
  /** Keep at most this many recorded requests and payloads each, dropping the oldest (default 100000). */
  recordLimit?: number;
  /** Diagnostics sink; lines never contain the token. */
  log?: (line: string) => void;
}

export interface RecordedRequest {
  /** Order among recorded requests, from 1. */
  seq: number;
  /** Date.now() when the response was sent. */
  at: number;
  method: string;
  /** As received, e.g. `/api/v10/channels/123/messages?limit=5`. */
  url: string;
  /** Without the `/api/vN` prefix and the query, e.g. `/channels/123/messages`. */
  path: string;
  apiVersion: number | null;
  /** Method and route template, e.g. `'POST /channels/:id/messages'`; `'unknown'` when nothing matched. */
  route: string;
  params: Record<string, string>;
  query: Record<string, string>;
  /** Request headers, lower-cased; `authorization` is `'Bot [redacted]'`. */
  headers: Record<string, string>;
  /** The parsed JSON body (for multipart, the `payload_json` part), or null. */
  body: unknown;
  status: number;
  /** The response headers the emulator set (X-RateLimit-*, Retry-After, Content-Type, …). */
  responseHeaders: Record<string, string>;
  /** The JSON the emulator answered with (null for 204). */
  response: unknown;
}

export interface RecordedPayload {
  seq: number;
  at: number;
  /** `in`: client → emulator; `out`: emulator → client. */
  direction: 'in' | 'out';
  /** Which WebSocket connection, see `Emulator.connections`. */
  connection: number;
  /** The shard of the session on this connection, once known. */
  shard: [number, number] | null;
  sessionId: string | null;
  op: number;
  t: string | null;
  s: number | null;
  d: unknown;
}

export interface ConnectionInfo {
  id: number;
  /** `'gateway'` for the URL from /gateway/bot, `'resume'` for READY's resume_gateway_url. */
  via: 'gateway' | 'resume';
  /** Path and query the client connected with. */
  url: string;
  openedAt: number;
  closedAt: number | null;
  /** The close code, as sent by whichever side closed; 1006 when the socket was dropped. */
  closeCode: number | null;
  /**
   * Who closed it: the client, the emulator, or nobody (a dropped socket); `refused`: it never
   * opened, refused during a gateway outage.
   */
  closedBy: 'client' | 'emulator' | 'dropped' | 'refused' | null;
}

export interface Emulator {
  /** `http://127.0.0.1:PORT/api`: give it to discord.js as `rest.api`. */
  readonly apiUrl: string;
  /** What GET /gateway/bot returns, `ws://127.0.0.1:PORT`. */
  readonly gatewayUrl: string;
  /** READY's resume_gateway_url: a different path on the same port. */
  readonly resumeGatewayUrl: string;
  readonly port: number;
  /** The bot token the world accepts now (see `resetToken`). */
  readonly token: string;
  readonly requests: readonly RecordedRequest[];
  readonly payloads: readonly RecordedPayload[];
  readonly connections: readonly ConnectionInfo[];
  world(): WorldSnapshot;

  voiceJoin(userId: string, channelId: string): void;
  voiceMove(userId: string, channelId: string): void;
  voiceLeave(userId: string, guildId: string): void;
  /** Adds a member (a new user unless `id` names a known one) and returns the user id. */
  memberAdd(guildId: string, user: NewMember): string;
  memberRemove(guildId: string, userId: string): void;
  presenceUpdate(
    userId: string,
    status: 'online' | 'idle' | 'dnd' | 'offline' | 'invisible',
    activities?: { type: number; name: string; state?: string | null; url?: string | null }[],
  ): void;
  /**
   * Adds messages to a channel's history as if sent in the past (`ageMs` before now, or at
   * their `id`'s time), dispatching nothing. Returns them (copies), oldest first.
   */
  seedMessages(channelId: string, messages: readonly MessageSpec[]): MessageRecord[];
  /** Someone (a moderator, the author) deletes a message: dispatched as MESSAGE_DELETE. */
  deleteMessage(channelId: string, messageId: string): void;

  reconnect(shard?: number): void;
  dropSocket(shard?: number): void;
  invalidSession(resumable: boolean, shard?: number): void;
  stopHeartbeatAcks(shard?: number): void;
  requestHeartbeat(shard?: number): void;
  /**
   * The gateway goes down, REST stays up: every gateway socket is dropped (the client sees
   * 1006) and new connections are refused (see `GatewayOutage.refuse`, recorded in
   * `connections` as `refused`) until `durationMs` has passed or `endGatewayOutage()`.
   * Sessions stay resumable for `sessionTtlMs`.
   */
  gatewayOutage(outage?: GatewayOutage): void;
  endGatewayOutage(): void;
  /**
   * Closes every live session's connection (of one shard) with `code` (4000–4999), as
   * Discord does mid-session: e.g. 4014 when a privileged intent is switched off. After 4004,
   * 4007, 4009 or 4010–4014 the session is gone (a RESUME gets op 9); after others it stays
   * resumable. New IDENTIFYs are judged as usual.
   */
  closeGateway(code: number, shard?: number): void;
  /** The next `rule.count` requests matching `rule.route` (any request without it) get a 429. */
  rateLimit(rule: RateLimitRule): void;
  /**
   * A 429 for every request matching `storm.route` (every request without it), with
   * `Retry-After: retryAfterMs`, until `endRateLimitStorm` ends it. Each 429 is in `requests`.
   */
  rateLimitStorm(storm: RateLimitStorm): void;
  /** Ends the storms started with this `route`; without one, every storm. */
  endRateLimitStorm(route?: string): void;
  /** Sets (or, with null, lifts) the global REST limit of `restGlobalLimitPerSecond`. */
  setRestGlobalLimit(perSecond: number | null): void;
  /**
   * Resets the bot token, as the Developer Portal does: every connection is closed with 4004,
   * sessions end, and the old token gets 401 / 4004 from now on. Returns the new token.
   */
  resetToken(): string;

  waitForPayload(
    pred: (p: RecordedPayload) => boolean,
    timeoutMs?: number,
  ): Promise<RecordedPayload>;
  waitForRequest(
    pred: (r: RecordedRequest) => boolean,
    timeoutMs?: number,
  ): Promise<RecordedRequest>;
  close(): Promise<void>;
}
