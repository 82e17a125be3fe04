/**
 * What a child's exit means to `run --processes`, by the exit codes of SPEC §1: 0, its loops
 * are done (or it was stopped); 2 to 5, a refusal every child would meet (bad usage or config,
 * token, intents, Discord unreachable after retries); 130, it quit at once on a second signal;
 * anything else, or a death by signal, is a crash.
 */
export type ExitKind =
  | { kind: 'finished' }
  | { kind: 'refused'; code: number }
  | { kind: 'interrupted' }
  | { kind: 'crashed'; why: string };

const REFUSALS = new Set([2, 3, 4, 5]);

export function exitKind(code: number | null, signal: string | null): ExitKind {
  if (code === 0) return { kind: 'finished' };
  if (code !== null && REFUSALS.has(code)) return { kind: 'refused', code };
  if (code === 130) return { kind: 'interrupted' };
  return { kind: 'crashed', why: signal ? `killed by ${signal}` : `exit code ${code}` };
}

/**
 * The more telling of two exit codes, for the one the parent gives: a usage or config error
 * (2) first, then the token (3), the intents (4), Discord unreachable (5), a failure (1), done (0).
 */
const RANK = [0, 1, 5, 4, 3, 2];
export function worseExit(a: number, b: number): number {
  const rank = (code: number) => (RANK.includes(code) ? RANK.indexOf(code) : 1);
  return rank(b) > rank(a) ? b : a;
}
