import WebSocket from 'ws';

export interface RawPayload {
  op: number;
  d: unknown;
  s: number | null;
  t: string | null;
}

/**
 * A bare WebSocket client for protocol cases discord.js never produces (a payload before
 * IDENTIFY, a second IDENTIFY, bad intents). It keeps every payload and the close code.
 */
export class RawGateway {
  readonly received: RawPayload[] = [];
  readonly closed: Promise<number>;
  readonly #ws: WebSocket;
  readonly #waiters = new Set<() => void>();

  private constructor(ws: WebSocket) {
    this.#ws = ws;
    this.closed = new Promise((resolve) => ws.on('close', (code) => resolve(code)));
    ws.on('message', (data) => {
      this.received.push(JSON.parse(data.toString()) as RawPayload);
      for (const wake of this.#waiters) wake();
    });
  }

  static async open(url: string): Promise<RawGateway> {
    const ws = new WebSocket(url);
    const raw = new RawGateway(ws);
    await new Promise((resolve, reject) => {
      ws.once('open', resolve);
      ws.once('error', reject);
    });
    await raw.next((p) => p.op === 10);
    return raw;
  }

  send(payload: unknown): void {
    this.#ws.send(typeof payload === 'string' ? payload : JSON.stringify(payload));
  }

  identify(token: string, extra: Record<string, unknown> = {}): void {
    this.send({
      op: 2,
      d: {
        token,
        intents: 1,
        properties: { os: 'linux', browser: 'raw', device: 'raw' },
        ...extra,
      },
    });
  }

  /** The first payload, received or to come, that matches. */
  next(pred: (p: RawPayload) => boolean, timeoutMs = 3_000): Promise<RawPayload> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const found = this.received.find(pred);
        if (!found) return;
        this.#waiters.delete(check);
        clearTimeout(timer);
        resolve(found);
      };
      const timer = setTimeout(() => {
        this.#waiters.delete(check);
        reject(
          new Error(
            `no matching payload within ${timeoutMs} ms: ${JSON.stringify(this.received.map((p) => [p.op, p.t]))}`,
          ),
        );
      }, timeoutMs);
      this.#waiters.add(check);
      check();
    });
  }

  close(): void {
    this.#ws.terminate();
  }
}

/** How a WebSocket upgrade went: 'open' (then closed again at once), or the error's message. */
export function tryOpen(url: string): Promise<string> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url);
    ws.once('open', () => {
      ws.terminate();
      resolve('open');
    });
    ws.once('error', (error) => resolve(error.message));
  });
}
