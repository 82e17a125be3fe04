import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SessionStartLimitObject } from '../gateway/session-starts.js';
import { REDACTED } from '../redact.js';
import type { RecordedRequest } from '../types.js';
import type { World } from '../world/world.js';
import {
  invalidApiVersion,
  invalidJson,
  methodNotAllowed,
  notFound,
  RestError,
  unauthorized,
} from './errors.js';
import { type RateLimiter, rateLimited, seconds } from './rate-limits.js';
import { majorParameter, matchRoute, type Route, type RouteContext } from './router.js';

export interface RestOptions {
  world: World;
  routes: readonly Route[];
  limits: RateLimiter;
  gatewayUrl: string;
  sessionStartLimit(): SessionStartLimitObject;
  record(request: Omit<RecordedRequest, 'seq' | 'at'>): void;
  log(line: string): void;
}

interface Answer {
  status: number;
  body: unknown;
  headers: Record<string, string>;
}

const MAX_BODY_BYTES = 10 * 1024 * 1024;

/** The REST half of the emulator: `/api/v10/...` and `/api/v9/...` on node:http. */
export function createRestHandler(
  options: RestOptions,
): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    readBody(req).then(
      (raw) => send(res, answer(options, req, raw)),
      (error: unknown) => {
        options.log(`rest: could not read ${req.method} ${req.url}: ${String(error)}`);
        if (!res.headersSent)
          send(res, {
            status: 413,
            body: { message: 'Request entity too large', code: 40005 },
            headers: {},
          });
      },
    );
  };
}

function answer(options: RestOptions, req: IncomingMessage, raw: Buffer): Answer {
  const method = (req.method ?? 'GET').toUpperCase();
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const prefix = /^\/api(?:\/v(\d+))?(\/.*)?$/.exec(url.pathname);
  const apiVersion = prefix?.[1] ? Number(prefix[1]) : null;
  const path = prefix?.[2] ?? url.pathname;
  const { match, allowed } = matchRoute(options.routes, method, path);
  const route = match ? `${method} ${match.route.template}` : 'unknown';

  let body: unknown = null;
  let result: Answer;
  try {
    body = parseBody(raw, req.headers['content-type']);
    result = handle(options, req, {
      method,
      path,
      apiVersion,
      prefixOk: prefix !== null,
      body,
      match,
      allowed,
      url,
    });
  } catch (error) {
    result = toAnswer(error, options.log);
  }

  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  // Keep the scheme ("Bot") so tests can see how the client authenticated, never the credential.
  if (headers.authorization !== undefined) {
    const scheme = /^(\w+)\s+\S/.exec(headers.authorization)?.[1];
    headers.authorization = scheme ? `${scheme} ${REDACTED}` : REDACTED;
  }
  options.record({
    method,
    url: req.url ?? '/',
    path,
    apiVersion,
    route,
    params: match?.params ?? {},
    query: Object.fromEntries(url.searchParams),
    headers,
    body,
    status: result.status,
    responseHeaders: responseHeaders(result),
    response: result.status === 204 ? null : result.body,
  });
  return result;
}

interface Incoming {
  method: string;
  path: string;
  apiVersion: number | null;
  prefixOk: boolean;
  body: unknown;
  match: ReturnType<typeof matchRoute>['match'];
  allowed: string[];
  url: URL;
}

function handle(options: RestOptions, req: IncomingMessage, incoming: Incoming): Answer {
  const { world, limits } = options;
  if (!incoming.prefixOk) throw notFound();
  if (incoming.apiVersion !== null && incoming.apiVersion !== 9 && incoming.apiVersion !== 10)
    throw invalidApiVersion();
  const { match } = incoming;
  if (!match) throw incoming.allowed.length > 0 ? methodNotAllowed() : notFound();
  if (!match.route.public && req.headers.authorization !== `Bot ${world.token}`)
    throw unauthorized();

  // Discord's global limit is per bot: it is counted before any route bucket.
  const globalWait = match.route.public ? 0 : limits.takeGlobal(world.token);
  if (globalWait > 0) return rateLimited(globalWait, 'global');

  const template = match.route.template;
  const scripted = limits.takeScripted(incoming.method, template, incoming.path);
  // A scripted 429 is answered before the request reaches its bucket, so it does not use it up.
  const bucket = limits.take(
    match.route.bucket?.(match.params) ?? `${incoming.method} ${template}`,
    majorParameter(template, match.params),
    !scripted,
  );
  const bucketHeaders = limits.bucketHeaders(bucket);
  if (scripted) {
    const wait = scripted.retryAfterMs;
    options.log(`rest: scripted 429 for ${incoming.method} ${template} (retry after ${wait} ms)`);
    // A route 429 says the bucket is empty until Retry-After.
    return rateLimited(wait, scripted.global ? 'global' : scripted.scope, {
      ...bucketHeaders,
      'X-RateLimit-Remaining': '0',
      'X-RateLimit-Reset-After': seconds(wait),
      'X-RateLimit-Reset': seconds(Date.now() + wait),
    });
  }
  if (bucket.exhausted) return rateLimited(bucket.resetAt - Date.now(), 'user', bucketHeaders);

  const ctx: RouteContext = {
    world,
    params: match.params,
    query: incoming.url.searchParams,
    body: incoming.body,
    limits,
    gatewayUrl: options.gatewayUrl,
    sessionStartLimit: options.sessionStartLimit,
  };
  try {
    const result = match.route.handle(ctx);
    return { status: result.status ?? 200, body: result.body, headers: bucketHeaders };
  } catch (error) {
    const failure = toAnswer(error, options.log);
    return { ...failure, headers: { ...bucketHeaders, ...failure.headers } };
  }
}

function toAnswer(error: unknown, log: (line: string) => void): Answer {
  if (error instanceof RestError)
    return { status: error.status, body: error.body, headers: error.headers };
  log(
    `rest: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
  );
  return { status: 500, body: { message: '500: Internal Server Error', code: 0 }, headers: {} };
}

function responseHeaders(answer: Answer): Record<string, string> {
  return {
    ...answer.headers,
    ...(answer.status === 204 ? {} : { 'Content-Type': 'application/json' }),
  };
}

function send(res: ServerResponse, answer: Answer): void {
  const payload = answer.status === 204 ? '' : JSON.stringify(answer.body);
  res.writeHead(answer.status, {
    ...responseHeaders(answer),
    'Content-Length': String(Buffer.byteLength(payload)),
  });
  res.end(payload);
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error('request body too large'));
        req.destroy();
      } else {
        chunks.push(chunk);
      }
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** JSON bodies, and the `payload_json` part of multipart ones (files themselves are ignored). */
function parseBody(raw: Buffer, contentType: string | undefined): unknown {
  if (raw.length === 0) return null;
  const type = contentType ?? '';
  if (type.startsWith('multipart/form-data')) {
    const boundary = /boundary="?([^";]+)"?/.exec(type)?.[1];
    const text = raw.toString('latin1');
    const part = boundary
      ? text
          .split(`--${boundary}`)
          .find((p) => /name="payload_json"/.test(p.slice(0, p.indexOf('\r\n\r\n'))))
      : undefined;
    if (!part) return null;
    const json = Buffer.from(
      part.slice(part.indexOf('\r\n\r\n') + 4).replace(/\r\n$/, ''),
      'latin1',
    ).toString('utf8');
    return parseJson(json);
  }
  return parseJson(raw.toString('utf8'));
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw invalidJson();
  }
}
