import type { PrivilegedIntentName } from '../world/spec.js';
import { CloseCode, closeReason, KNOWN_INTENTS, PRIVILEGED_INTENTS } from './codes.js';

export interface Identify {
  shard: [number, number];
  intents: number;
  largeThreshold: number;
  presence: unknown;
}

export type IdentifyResult =
  | { ok: true; identify: Identify }
  | { ok: false; code: number; reason: string };

export interface IdentifyRules {
  token: string;
  privilegedIntents: readonly PrivilegedIntentName[];
}

const refuse = (code: number): IdentifyResult => ({ ok: false, code, reason: closeReason(code) });

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Checks an op 2 payload the way Discord does and says which close code a bad one earns:
 * 4002 malformed, 4004 wrong token, 4010 impossible shard, 4013 unknown intent bits,
 * 4014 a privileged intent the application has not switched on.
 */
export function checkIdentify(d: unknown, rules: IdentifyRules): IdentifyResult {
  if (!isObject(d) || typeof d.token !== 'string' || !isObject(d.properties)) {
    return refuse(CloseCode.DecodeError);
  }
  if (d.token !== rules.token) {
    return refuse(CloseCode.AuthenticationFailed);
  }

  let shard: [number, number] = [0, 1];
  if (d.shard !== undefined) {
    const [id, count] = Array.isArray(d.shard) ? d.shard : [];
    const valid =
      Array.isArray(d.shard) &&
      d.shard.length === 2 &&
      Number.isInteger(id) &&
      Number.isInteger(count) &&
      (count as number) >= 1 &&
      (id as number) >= 0 &&
      (id as number) < (count as number);
    if (!valid) return refuse(CloseCode.InvalidShard);
    shard = [id as number, count as number];
  }

  const intents = d.intents;
  if (
    typeof intents !== 'number' ||
    !Number.isInteger(intents) ||
    intents < 0 ||
    (intents & ~KNOWN_INTENTS) !== 0
  ) {
    return refuse(CloseCode.InvalidIntents);
  }
  for (const [name, bit] of Object.entries(PRIVILEGED_INTENTS)) {
    if ((intents & bit) !== 0 && !rules.privilegedIntents.includes(name as PrivilegedIntentName)) {
      return refuse(CloseCode.DisallowedIntents);
    }
  }

  const threshold = typeof d.large_threshold === 'number' ? d.large_threshold : 50;
  return {
    ok: true,
    identify: {
      shard,
      intents,
      largeThreshold: Math.min(250, Math.max(50, threshold)),
      presence: d.presence,
    },
  };
}

/** An op 3 / IDENTIFY presence, checked just enough to store it. */
export function parsePresence(d: unknown): {
  status: 'online' | 'idle' | 'dnd' | 'invisible' | 'offline';
  activities: unknown[];
  since: number | null;
  afk: boolean;
} | null {
  if (!isObject(d)) return null;
  const statuses = ['online', 'idle', 'dnd', 'invisible', 'offline'] as const;
  const status = statuses.find((s) => s === d.status);
  if (!status || !Array.isArray(d.activities)) return null;
  return {
    status,
    activities: structuredClone(d.activities),
    since: typeof d.since === 'number' ? d.since : null,
    afk: d.afk === true,
  };
}
