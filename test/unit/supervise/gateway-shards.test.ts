import { describe, expect, it } from 'vitest';
import { gatewayShardCount } from '../../../src/supervise/gateway-shards.js';

/** A fetch answering from a list, in turn: a status and body, or a network failure. */
function answers(...list: ({ status: number; body?: unknown } | 'refused')[]) {
  const asked: { url: string; authorization: string | null }[] = [];
  const fetch = (async (url: string, init?: RequestInit) => {
    asked.push({ url, authorization: new Headers(init?.headers).get('authorization') });
    const next = list.shift();
    if (!next || next === 'refused')
      throw Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } });
    return new Response(JSON.stringify(next.body ?? {}), {
      status: next.status,
      headers: { 'content-type': 'application/json' },
    });
  }) as typeof globalThis.fetch;
  return { fetch, asked };
}

const ask = (fetch: typeof globalThis.fetch, retries: string[] = []) =>
  gatewayShardCount({
    token: 'tok',
    apiUrl: 'http://127.0.0.1:1/api',
    signal: new AbortController().signal,
    onRetry: (message) => retries.push(message),
    retryDelaysMs: [0, 0],
    fetch,
  });

describe("the bot's shard count, asked of /gateway/bot by run --processes", () => {
  it('is what Discord recommends, asked with the token', async () => {
    const { fetch, asked } = answers({ status: 200, body: { url: 'wss://x', shards: 16 } });
    expect(await ask(fetch)).toBe(16);
    expect(asked).toEqual([
      { url: 'http://127.0.0.1:1/api/v10/gateway/bot', authorization: 'Bot tok' },
    ]);
  });

  it('is asked again while Discord cannot be reached, saying so, then exit 5', async () => {
    const retries: string[] = [];
    const late = answers('refused', { status: 502 }, { status: 200, body: { shards: 2 } });
    expect(await ask(late.fetch, retries)).toBe(2);
    expect(retries).toHaveLength(2);
    expect(retries[0]).toContain('(ECONNREFUSED); retrying in 0 s, attempt 2 of 3');
    const never = answers('refused', 'refused', 'refused');
    await expect(ask(never.fetch)).rejects.toMatchObject({
      exitCode: 5,
      message: 'Could not reach Discord at http://127.0.0.1:1/api after 3 attempts (ECONNREFUSED).',
    });
  });

  it.each([
    [{ status: 401 }, 3, 'Discord rejected the bot token.'],
    [{ status: 404 }, 5, "does not answer like Discord's API (GET /gateway/bot: HTTP 404)"],
    [{ status: 200, body: { shards: 0 } }, 5, "does not answer like Discord's API"],
  ])('%o is refused: exit %i', async (answer, exitCode, message) => {
    await expect(ask(answers(answer).fetch)).rejects.toMatchObject({
      exitCode,
      message: expect.stringContaining(message),
    });
  });
});
