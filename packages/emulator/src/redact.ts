/** What a bot token is replaced with in everything the emulator records or logs. */
export const REDACTED = '[redacted]';

/** Every token the world has accepted so far (it can be reset), longest first. */
export type Secrets = readonly string[];

export function redactText(text: string, secrets: Secrets): string {
  let out = text;
  for (const secret of secrets) if (secret) out = out.replaceAll(secret, REDACTED);
  return out;
}

/**
 * A deep copy of a JSON-like value with every occurrence of a secret in its strings replaced.
 * Recorded payloads are copies anyway (the world keeps changing), so this is also the snapshot.
 */
export function redactDeep<T>(value: T, secrets: Secrets): T {
  return copy(value, secrets) as T;
}

function copy(value: unknown, secrets: Secrets): unknown {
  if (typeof value === 'string') return redactText(value, secrets);
  if (Array.isArray(value)) return value.map((item) => copy(item, secrets));
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[key] = copy(item, secrets);
    return out;
  }
  return value;
}
