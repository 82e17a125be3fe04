import { createHash } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * One answer of the feed server: a document (conditional GET honoured), an HTTP error, or
 * none at all (`hang`: the request waits until the client gives up or the server closes).
 */
export type FeedAnswer =
  | { body: string; type: string; etag?: boolean; lastModified?: string }
  | { status: number }
  | { hang: true };

export interface FeedServer {
  url: string;
  port: number;
  /** Every request, in order: its headers and the status it got (0: none, it hung). */
  requests: { headers: IncomingHttpHeaders; status: number }[];
  /** The answers to give, one per request in turn; the last one stays for any further request. */
  script(...answers: FeedAnswer[]): void;
  /** The ETag the server gives `body`. */
  etagOf(body: string): string;
  close(): Promise<void>;
}

const etagOf = (body: string) => `"${createHash('sha1').update(body).digest('hex').slice(0, 16)}"`;

/**
 * A feed server on 127.0.0.1 whose document changes from request to request, as a test scripts
 * it: a run of post-feed is one request, so what each run sees does not depend on timing.
 */
export async function startFeedServer(port = 0): Promise<FeedServer> {
  let answers: FeedAnswer[] = [{ status: 404 }];
  const requests: FeedServer['requests'] = [];
  const server: Server = createServer((req, res) => {
    const answer = answers[Math.min(requests.length, answers.length - 1)] ?? { status: 404 };
    const record = (status: number) => requests.push({ headers: req.headers, status });
    if ('hang' in answer) return record(0);
    if ('status' in answer) {
      record(answer.status);
      res.writeHead(answer.status, { 'content-type': 'text/plain' }).end('no feed here');
      return;
    }
    const headers: Record<string, string> = { 'content-type': answer.type };
    if (answer.etag !== false) headers.etag = etagOf(answer.body);
    if (answer.lastModified) headers['last-modified'] = answer.lastModified;
    const fresh =
      (headers.etag !== undefined && req.headers['if-none-match'] === headers.etag) ||
      (headers.etag === undefined &&
        answer.lastModified !== undefined &&
        req.headers['if-modified-since'] === answer.lastModified);
    record(fresh ? 304 : 200);
    res.writeHead(fresh ? 304 : 200, headers).end(fresh ? undefined : answer.body);
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const { port: bound } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${bound}/feed`,
    port: bound,
    requests,
    script: (...next) => {
      answers = next;
    },
    etagOf,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A port nothing listens on (just now): connecting to it is refused. */
export async function freePort(): Promise<number> {
  const server = await startFeedServer();
  await server.close();
  return server.port;
}
