const UNIT_MS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
const DURATION = /^(?:\d+(?:\.\d+)?(?:ms|s|m|h|d))+$/;
const PART = /(\d+(?:\.\d+)?)(ms|s|m|h|d)/g;

/**
 * The shortest interval or timeout. Below it an interval loop runs back to back and spins a core
 * at 100 %, and a timeout fails every run before it starts. A jitter of 0 only means no delay,
 * which is harmless, so jitter alone may be 0.
 */
export const SHORTEST_MS = 1;

/** Parses "1h30m", "90s", "500ms", "1.5d" into milliseconds; undefined when it is not a duration. */
export function parseDuration(text: string): number | undefined {
  const compact = text.replace(/\s+/g, '');
  if (!DURATION.test(compact)) return undefined;
  let total = 0;
  for (const [, amount, unit] of compact.matchAll(PART))
    total += Number(amount) * UNIT_MS[unit as keyof typeof UNIT_MS];
  return total;
}

/** What `seconds`, `minutes` and `hours` add up to, in milliseconds (as discord.py adds them). */
export function intervalPartsMs(parts: { seconds?: number; minutes?: number; hours?: number }) {
  return (
    (parts.seconds ?? 0) * UNIT_MS.s +
    (parts.minutes ?? 0) * UNIT_MS.m +
    (parts.hours ?? 0) * UNIT_MS.h
  );
}
