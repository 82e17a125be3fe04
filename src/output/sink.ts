/**
 * Where text goes: results to stdout, diagnostics to stderr, both through a redactor so a
 * secret (the bot token) is never printed, whatever message happens to carry it.
 */
export interface Sink {
  out(text: string): void;
  err(text: string): void;
  /** From now on, replace `secret` with [redacted] in everything written. */
  hide(secret: string): void;
}

interface Writable {
  write(text: string): unknown;
}

export function redact(text: string, secrets: Iterable<string>): string {
  let result = text;
  for (const secret of secrets) result = result.split(secret).join('[redacted]');
  return result;
}

export function createSink(stdout: Writable, stderr: Writable): Sink {
  const secrets = new Set<string>();
  return {
    out: (text) => stdout.write(`${redact(text, secrets)}\n`),
    err: (text) => stderr.write(`${redact(text, secrets)}\n`),
    hide: (secret) => {
      // Short strings would redact ordinary words; real tokens are ~70 characters.
      if (secret.length >= 8) secrets.add(secret);
    },
  };
}
