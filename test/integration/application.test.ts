import { createServer, type Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { fetchApplicationId } from '../../src/connection/application.js';
import { DiscloopError } from '../../src/errors.js';

/** A REST server on loopback that gives the scripted answers in turn, then the last one forever. */
async function answering(...answers: { status: number; body: string }[]) {
  const seen: string[] = [];
  const server = createServer((request, response) => {
    seen.push(`${request.method} ${request.url} ${request.headers.authorization}`);
    const answer = answers[Math.min(seen.length - 1, answers.length - 1)];
    response.writeHead(answer?.status ?? 500, { 'Content-Type': 'application/json' });
    response.end(answer?.body ?? '');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  servers.push(server);
  const { port } = server.address() as { port: number };
  return { apiUrl: `http://127.0.0.1:${port}/api`, seen };
}
const servers: Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await new Promise((resolve) => server.close(resolve));
});

const lookup = (apiUrl: string) =>
  fetchApplicationId({ apiUrl, token: 'a-bot-token', retryDelaysMs: [0, 0] });
const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: DiscloopError) => error,
  );

describe('reading the application id', () => {
  it('asks GET /api/v10/applications/@me with the bot token', async () => {
    const { apiUrl, seen } = await answering({ status: 200, body: '{"id":"1093429533900931072"}' });
    expect(await lookup(apiUrl)).toBe('1093429533900931072');
    expect(seen).toEqual(['GET /api/v10/applications/@me Bot a-bot-token']);
  });

  it('tries again after a 5xx or a 429', async () => {
    const { apiUrl, seen } = await answering(
      { status: 503, body: '' },
      { status: 429, body: '{"retry_after":0}' },
      { status: 200, body: '{"id":"1093429533900931072"}' },
    );
    expect(await lookup(apiUrl)).toBe('1093429533900931072');
    expect(seen).toHaveLength(3);
  });

  it('gives up after the retries as unreachable: exit 5', async () => {
    const { apiUrl, seen } = await answering({ status: 502, body: '' });
    const error = await failure(lookup(apiUrl));
    expect(error?.exitCode).toBe(5);
    expect(error?.message).toContain('HTTP 502, 3 attempts');
    expect(seen).toHaveLength(3);
  });

  it('a 401 is a rejected token at once: exit 3', async () => {
    const { apiUrl, seen } = await answering({
      status: 401,
      body: '{"message":"401: Unauthorized","code":0}',
    });
    expect((await failure(lookup(apiUrl)))?.exitCode).toBe(3);
    expect(seen).toHaveLength(1);
  });

  it('a server that is not Discord fails with a hint to pass --client-id', async () => {
    const { apiUrl } = await answering({ status: 404, body: '<html>Not Found</html>' });
    const error = await failure(lookup(apiUrl));
    expect(error).toBeInstanceOf(DiscloopError);
    expect(error?.message).toContain('HTTP 404 and no application id');
    expect(error?.hint).toContain('--client-id');
  });
});
