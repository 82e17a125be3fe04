import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { UsageError } from '../errors.js';
import { redact } from '../output/sink.js';
import type { Health } from './health.js';
import type { Listen } from './listen.js';
import type { StatusJson } from './monitor-state.js';
import { STATUS_PAGE } from './status-page.js';

/**
 * What the endpoints read: nothing of the request but its method and path is ever used. A
 * `run --processes` parent asks its children first, hence the promises.
 */
export interface Endpoints {
  metrics(): Promise<{ contentType: string; body: Buffer }>;
  status(): StatusJson | Promise<StatusJson>;
  health(): Health | Promise<Health>;
  ready(): boolean | Promise<boolean>;
  /** Never served, in any answer: the bot token, should a loop's error happen to quote it. */
  secrets: readonly string[];
}

const TEXT = 'text/plain; charset=utf-8';
const PAGE_POLICY =
  "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

type Answer = {
  status: number;
  type: string;
  body: string | Buffer;
  headers?: Record<string, string>;
};

async function answer(path: string, endpoints: Endpoints): Promise<Answer> {
  switch (path) {
    case '/metrics': {
      const { contentType, body } = await endpoints.metrics();
      return { status: 200, type: contentType, body };
    }
    case '/healthz': {
      const health = await endpoints.health();
      return health.ok
        ? { status: 200, type: TEXT, body: 'ok\n' }
        : { status: 503, type: TEXT, body: `${health.reason}\n` };
    }
    case '/readyz':
      return (await endpoints.ready())
        ? { status: 200, type: TEXT, body: 'ready\n' }
        : { status: 503, type: TEXT, body: 'not ready: connecting to Discord\n' };
    case '/status':
      return {
        status: 200,
        type: 'application/json; charset=utf-8',
        body: `${JSON.stringify(await endpoints.status())}\n`,
      };
    case '/':
      return {
        status: 200,
        type: 'text/html; charset=utf-8',
        body: STATUS_PAGE,
        headers: { 'content-security-policy': PAGE_POLICY },
      };
    default:
      return {
        status: 404,
        type: TEXT,
        body: 'not found: try /, /status, /metrics, /healthz or /readyz\n',
      };
  }
}

/** The body as bytes, every secret in it replaced (a scan first: /metrics can be megabytes). */
function withoutSecrets(body: string | Buffer, secrets: readonly string[]): Buffer {
  const bytes = typeof body === 'string' ? Buffer.from(body) : body;
  // As the sink does: shorter strings would redact ordinary words.
  const present = secrets.filter((secret) => secret.length >= 8 && bytes.includes(secret));
  return present.length === 0 ? bytes : Buffer.from(redact(bytes.toString(), present));
}

function send(res: ServerResponse, head: boolean, { status, type, body, headers }: Answer) {
  const bytes = typeof body === 'string' ? Buffer.from(body) : body;
  res.writeHead(status, {
    'content-type': type,
    'content-length': bytes.length,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    ...headers,
  });
  res.end(head ? undefined : bytes);
}

async function handle(req: IncomingMessage, res: ServerResponse, endpoints: Endpoints) {
  const head = req.method === 'HEAD';
  if (req.method !== 'GET' && !head) {
    send(res, false, {
      status: 405,
      type: TEXT,
      body: 'only GET\n',
      headers: { allow: 'GET, HEAD' },
    });
    return;
  }
  const path = (req.url ?? '/').split('?')[0] ?? '/';
  try {
    const reply = await answer(path, endpoints);
    send(res, head, { ...reply, body: withoutSecrets(reply.body, endpoints.secrets) });
  } catch {
    // Whatever failed stays out of the answer: an error's text is not the scraper's to read.
    send(res, head, { status: 500, type: TEXT, body: 'internal error\n' });
  }
}

/** What a failed listen means to the person who typed --metrics, as a usage error (exit 2). */
function listenError(error: NodeJS.ErrnoException, where: string): Error {
  switch (error.code) {
    case 'EADDRINUSE':
      return new UsageError(
        `--metrics: ${where} is already in use.`,
        'Another program (or another discloop) listens there: pick another port, or 0 for any free one.',
      );
    case 'EACCES':
      return new UsageError(
        `--metrics: not allowed to listen on ${where}.`,
        'Ports below 1024 need privileges: pick a port of 1024 or more.',
      );
    case 'EADDRNOTAVAIL':
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new UsageError(`--metrics: ${where} is not an address of this machine.`);
    default:
      return error;
  }
}

/** Starts the HTTP server on `listen`; resolves with it and the address it got (port 0: any). */
export async function serve(
  listen: Listen,
  endpoints: Endpoints,
): Promise<{ server: Server; bound: Listen }> {
  const server = createServer((req, res) => void handle(req, res, endpoints));
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(listenError(error, `${listen.host}:${listen.port}`)),
    );
    server.listen(listen.port, listen.host, () => resolve());
  });
  const { address, port } = server.address() as AddressInfo;
  return { server, bound: { host: address, port } };
}

/** Stops listening and drops the connections scrapers keep alive, so the process can end. */
export function stop(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
