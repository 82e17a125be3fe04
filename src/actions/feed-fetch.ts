import { ActionError } from '../errors.js';

/** What a server said about the copy we have: sent back so that it can answer 304. */
export interface Validators {
  etag?: string;
  lastModified?: string;
}

export type Fetched =
  | { modified: false }
  | { modified: true; text: string; validators: Validators };

/** A feed is a few hundred kilobytes at most; past this something else is being served. */
const MAX_BYTES = 5 * 1024 * 1024;

const ACCEPT =
  'application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, */*;q=0.5';

const unreachable = (url: string, why: string) =>
  new ActionError(
    'feed_unreachable',
    `Could not read the feed at ${url}: ${why}.`,
    'The loop tries again at its next run.',
  );

/** "connect ECONNREFUSED 127.0.0.1:9" from undici's "fetch failed", else the message. */
function reasonOf(error: unknown): string {
  const cause = (error as { cause?: { message?: string } }).cause;
  return cause?.message ?? (error as Error).message ?? String(error);
}

/**
 * GETs a feed, conditionally when `validators` are known (304: `modified: false`), within
 * `timeoutMs` and the run's `signal`. A server that cannot be reached or takes too long is
 * `feed_unreachable`, an HTTP error `feed_http_<status>`: that run fails, the loop goes on. An
 * aborted run gets its own abort reason back, not a feed error.
 */
export async function fetchFeed(
  url: string,
  validators: Validators,
  { signal, timeoutMs, userAgent }: { signal: AbortSignal; timeoutMs: number; userAgent: string },
): Promise<Fetched> {
  const timeout = AbortSignal.timeout(timeoutMs);
  const headers: Record<string, string> = { accept: ACCEPT, 'user-agent': userAgent };
  if (validators.etag) headers['if-none-match'] = validators.etag;
  if (validators.lastModified) headers['if-modified-since'] = validators.lastModified;
  try {
    const response = await fetch(url, { headers, signal: AbortSignal.any([signal, timeout]) });
    if (response.status === 304) {
      await response.body?.cancel();
      return { modified: false };
    }
    if (!response.ok) {
      await response.body?.cancel();
      throw new ActionError(
        `feed_http_${response.status}`,
        `The feed at ${url} answered HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}.`,
        response.status === 404 || response.status === 410
          ? 'Check the URL: the feed may have moved.'
          : 'The loop tries again at its next run.',
      );
    }
    return {
      modified: true,
      text: await readText(response, url),
      validators: {
        etag: response.headers.get('etag') ?? undefined,
        lastModified: response.headers.get('last-modified') ?? undefined,
      },
    };
  } catch (error) {
    signal.throwIfAborted();
    if (error instanceof ActionError) throw error;
    if (timeout.aborted) throw unreachable(url, `no answer within ${timeoutMs / 1000} s`);
    throw unreachable(url, reasonOf(error));
  }
}

/** The body as text, in the charset the server or the XML declaration names (UTF-8 else). */
async function readText(response: Response, url: string): Promise<string> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of response.body ?? []) {
    size += chunk.byteLength;
    if (size > MAX_BYTES)
      throw new ActionError(
        'feed_too_large',
        `The feed at ${url} is larger than ${MAX_BYTES / 1024 / 1024} MB: is it a feed?`,
      );
    chunks.push(chunk);
  }
  const bytes = Buffer.concat(chunks);
  const declared =
    /charset="?([\w-]+)/i.exec(response.headers.get('content-type') ?? '')?.[1] ??
    /^<\?xml[^>]*encoding=["']([\w-]+)/.exec(bytes.subarray(0, 200).toString('latin1'))?.[1];
  try {
    return new TextDecoder(declared ?? 'utf-8').decode(bytes);
  } catch {
    return new TextDecoder().decode(bytes);
  }
}
