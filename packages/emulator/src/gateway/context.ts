import type { ConnectionInfo } from '../types.js';
import type { World } from '../world/world.js';
import type { SessionStarts } from './session-starts.js';
import type { SessionStore } from './sessions.js';

export interface GatewayPayload {
  op: number;
  d: unknown;
  s: number | null;
  t: string | null;
}

/** What the recorder needs to know about the connection a payload crossed. */
export interface ConnectionRef {
  readonly info: ConnectionInfo;
  readonly shard: [number, number] | null;
  readonly sessionId: string | null;
}

/** Everything a gateway connection shares with the rest of the emulator. */
export interface GatewayContext {
  world: World;
  sessions: SessionStore;
  heartbeatIntervalMs: number;
  /** Silence after which the emulator closes a connection that stopped heartbeating. */
  heartbeatTimeoutMs: number;
  resumeGatewayUrl: string;
  record(connection: ConnectionRef, direction: 'in' | 'out', payload: GatewayPayload): void;
  log(line: string): void;
  /** Discord's session start limit: one IDENTIFY per bucket per 5 s, so many starts a day. */
  sessionStarts: SessionStarts;
  /** The day's session starts are used up: Discord ends every session and resets the token. */
  onSessionStartsExhausted(): void;
}

/** A text frame holding a JSON object with a numeric `op`, or null (which earns close 4002). */
export function decodePayload(raw: string, isBinary: boolean): GatewayPayload | null {
  if (isBinary) return null;
  try {
    const parsed = JSON.parse(raw) as Partial<GatewayPayload> | null;
    if (typeof parsed !== 'object' || parsed === null || typeof parsed.op !== 'number') return null;
    return { op: parsed.op, d: parsed.d ?? null, s: parsed.s ?? null, t: parsed.t ?? null };
  } catch {
    return null;
  }
}
