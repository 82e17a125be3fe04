/**
 * Errors a user can act on. Each carries the exit code of SPEC §1 and an optional hint;
 * `src/output/render-error.ts` is the one place that turns them into text.
 * Anything that is not a DiscloopError is a bug and is rendered with its stack.
 */
export class DiscloopError extends Error {
  readonly exitCode: number;
  readonly hint: string | undefined;

  constructor(message: string, exitCode: number, hint?: string) {
    super(message);
    this.name = new.target.name;
    this.exitCode = exitCode;
    this.hint = hint;
  }
}

/** Bad command line or invalid config: exit 2. */
export class UsageError extends DiscloopError {
  constructor(message: string, hint?: string) {
    super(message, 2, hint);
  }
}

/** Discord answered 401 or closed the gateway with 4004: exit 3. */
export class TokenRejectedError extends DiscloopError {
  constructor() {
    super(
      'Discord rejected the bot token.',
      3,
      'Copy the token again from the Developer Portal (Bot → Reset Token) and pass it in DISCORD_TOKEN.',
    );
  }
}

/** The gateway closed with 4014 (or 4013): exit 4. */
export class IntentsRefusedError extends DiscloopError {
  constructor(message: string, hint: string) {
    super(message, 4, hint);
  }
}

/** No answer from Discord after retries: exit 5. */
export class DiscordUnreachableError extends DiscloopError {
  constructor(message: string, hint?: string) {
    super(message, 5, hint);
  }
}
