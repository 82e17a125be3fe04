import { UsageError } from '../errors.js';

/**
 * A token as people paste it: with the `Bot ` prefix of an Authorization header, with the line
 * break of a CRLF env file. What is sent is the bare token; every form of it is a secret.
 */
export function normaliseToken(raw: string, source: string): { token: string; forms: string[] } {
  const token = raw.trim().replace(/^Bot\s+/i, '');
  if (token === '') throw new UsageError(`${source} is empty: it should hold the bot token.`);
  if (/\s/.test(token)) {
    throw new UsageError(
      `${source} holds more than a token (it contains a space or a line break).`,
      'Copy the token again from the Developer Portal (Bot → Reset Token); put nothing else on that line.',
    );
  }
  return { token, forms: [...new Set([raw, raw.trim(), token])] };
}

/**
 * The REST base discord.js is given: `https://host`, `https://host/api`, `…/api/` and
 * `…/api/v10` all mean `https://host/api` (discord.js adds the version itself).
 */
export function normaliseApiUrl(raw: string, source: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    url = new URL('invalid:');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UsageError(
      `${source} expects an http(s) URL such as https://discord.com/api, got "${raw}".`,
    );
  }
  const path = url.pathname.replace(/\/+$/, '').replace(/\/v\d+$/, '');
  url.pathname = path === '' ? '/api' : path;
  url.search = '';
  url.hash = '';
  return url.toString();
}
