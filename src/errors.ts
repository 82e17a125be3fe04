/**
 * The one family of errors a user (or a run's report) can act on. Each has a stable `code` for
 * scripts, the exit code of SPEC §1 and an optional hint; `src/output` is the one place that
 * turns them into text. Anything that is not a DiscloopError is a bug: rendered with its stack,
 * and a run that throws one is reported as `code: internal`.
 */
export class DiscloopError extends Error {
  readonly code: string;
  readonly exitCode: number;
  readonly hint: string | undefined;

  constructor(
    message: string,
    { code, exitCode, hint }: { code: string; exitCode: number; hint?: string },
  ) {
    super(message);
    this.name = new.target.name;
    this.code = code;
    this.exitCode = exitCode;
    this.hint = hint;
  }
}

/**
 * `instanceof DiscloopError` holds for the errors of any copy of discloop: a plugin whose
 * folder has a discloop of its own throws that copy's ActionError, and it is still one of ours.
 * Subclasses keep the usual instanceof.
 */
const FAMILY = Symbol.for('discloop.error');
Object.defineProperty(DiscloopError.prototype, FAMILY, { value: true });
Object.defineProperty(DiscloopError, Symbol.hasInstance, {
  value(this: unknown, value: unknown): boolean {
    if (this !== DiscloopError) return Function.prototype[Symbol.hasInstance].call(this, value);
    return typeof value === 'object' && value !== null && FAMILY in value;
  },
});

/** Bad command line or invalid config: exit 2. */
export class UsageError extends DiscloopError {
  constructor(message: string, hint?: string) {
    super(message, { code: 'usage', exitCode: 2, hint });
  }
}

/** Discord answered 401 or closed the gateway with 4004: exit 3. */
export class TokenRejectedError extends DiscloopError {
  constructor() {
    super('Discord rejected the bot token.', {
      code: 'token_rejected',
      exitCode: 3,
      hint: 'Copy the token again from the Developer Portal (Bot → Reset Token) and pass it in DISCORD_TOKEN.',
    });
  }
}

/** The gateway closed with 4014 (or 4013): exit 4. */
export class IntentsRefusedError extends DiscloopError {
  constructor(message: string, hint: string) {
    super(message, { code: 'intents_refused', exitCode: 4, hint });
  }
}

/** No answer from Discord after retries: exit 5. */
export class DiscordUnreachableError extends DiscloopError {
  constructor(message: string, hint?: string) {
    super(message, { code: 'unreachable', exitCode: 5, hint });
  }
}

/**
 * A run that failed for a reason the user can fix (a missing permission, an unknown channel, a
 * rate limit); reported, and the loop goes on. A failed `--once` run exits 1.
 */
export class ActionError extends DiscloopError {
  constructor(code: string, message: string, hint?: string) {
    super(message, { code, exitCode: 1, hint });
  }
}

/** A run that took longer than its loop's `timeout`; its signal has been aborted. */
export class RunTimeoutError extends DiscloopError {
  constructor(ms: number) {
    super(`The run took longer than its timeout of ${ms} ms.`, { code: 'timeout', exitCode: 1 });
  }
}

/** A run cut off by a shutdown: it was still going when the grace period ran out. */
export class RunCancelledError extends DiscloopError {
  constructor() {
    super('The run was cancelled: discloop was stopping and the run did not finish in time.', {
      code: 'cancelled',
      exitCode: 1,
    });
  }
}

/** Failures worth another try: the network or Discord had a bad moment, or a run ran out of time. */
const TRANSIENT = new Set([
  'network',
  'discord_unavailable',
  'rate_limited',
  'timeout',
  // A feed's server that is down or overloaded (post-feed).
  'feed_unreachable',
  'feed_http_500',
  'feed_http_502',
  'feed_http_503',
  'feed_http_504',
]);
/** Discord refusing what a loop does: a permission removed, a channel deleted. Soon again will not help. */
const REFUSED = new Set([
  'missing_permissions',
  'missing_access',
  'unknown_channel',
  'unknown_guild',
  'unknown_message',
]);

/** What kind of failure a run's error is: retried (`transient`), backed off (`refused`), or neither. */
export function failureKind(error: unknown): 'transient' | 'refused' | 'other' {
  if (!(error instanceof DiscloopError)) return 'other';
  if (TRANSIENT.has(error.code)) return 'transient';
  return REFUSED.has(error.code) ? 'refused' : 'other';
}
