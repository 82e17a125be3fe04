import { randomBytes } from 'node:crypto';

export interface DispatchPayload {
  op: 0;
  t: string;
  s: number;
  d: unknown;
}

/** Where a session's dispatches go while a connection carries it. */
export interface DispatchSink {
  sendDispatch(payload: DispatchPayload): void;
}

export interface SessionOptions {
  shard: [number, number];
  intents: number;
  largeThreshold: number;
}

/** Dispatches kept per session for replay; beyond this the oldest are lost and an older resume fails. */
const MAX_HISTORY = 10_000;

/**
 * A gateway session: it outlives its socket. Every dispatch gets the next `s` and is kept until
 * a heartbeat acknowledges it, so a RESUME can replay whatever the client missed.
 */
export class Session {
  readonly id = randomBytes(16).toString('hex');
  readonly shard: [number, number];
  readonly intents: number;
  readonly largeThreshold: number;
  seq = 0;
  sink: DispatchSink | null = null;
  #history: DispatchPayload[] = [];
  /** Highest `s` dropped from history without being acknowledged. */
  #lostUpTo = 0;

  constructor(options: SessionOptions) {
    this.shard = options.shard;
    this.intents = options.intents;
    this.largeThreshold = options.largeThreshold;
  }

  /** Numbers and keeps a dispatch, and sends it when a connection carries the session. */
  dispatch(t: string, d: unknown, options: { replayable?: boolean } = {}): DispatchPayload {
    const payload: DispatchPayload = { op: 0, t, s: ++this.seq, d };
    if (options.replayable !== false) {
      this.#history.push(payload);
      if (this.#history.length > MAX_HISTORY) {
        const dropped = this.#history.splice(0, this.#history.length - MAX_HISTORY);
        this.#lostUpTo = Math.max(this.#lostUpTo, dropped.at(-1)?.s ?? 0);
      }
    }
    this.sink?.sendDispatch(payload);
    return payload;
  }

  /** A heartbeat's `d` is the last `s` the client saw: it will never ask for those again. */
  acknowledge(seq: number): void {
    if (this.#history.length > 0 && (this.#history[0]?.s ?? Number.POSITIVE_INFINITY) <= seq) {
      this.#history = this.#history.filter((p) => p.s > seq);
    }
  }

  /** What to replay after `seq`, or null when some of it is gone. */
  replayAfter(seq: number): DispatchPayload[] | null {
    if (seq < this.#lostUpTo) return null;
    return this.#history.filter((p) => p.s > seq);
  }
}

/**
 * The live and resumable sessions. A session without a connection stays resumable for
 * `ttlMs`, then is forgotten (a later RESUME gets op 9 d:false).
 */
export class SessionStore {
  readonly #sessions = new Map<string, Session>();
  readonly #expiry = new Map<Session, NodeJS.Timeout>();

  constructor(
    private readonly ttlMs: number,
    private readonly onExpire: (session: Session) => void,
  ) {}

  create(options: SessionOptions): Session {
    const session = new Session(options);
    this.#sessions.set(session.id, session);
    return session;
  }

  get(id: string): Session | undefined {
    return this.#sessions.get(id);
  }

  all(): Session[] {
    return [...this.#sessions.values()];
  }

  attach(session: Session, sink: DispatchSink): void {
    this.#clearExpiry(session);
    session.sink = sink;
  }

  /** The socket went away (or stopped listening): buffer dispatches and start the TTL clock. */
  detach(session: Session): void {
    session.sink = null;
    if (!this.#sessions.has(session.id) || this.#expiry.has(session)) return;
    const timer = setTimeout(() => {
      this.#expiry.delete(session);
      if (session.sink) return;
      this.#sessions.delete(session.id);
      this.onExpire(session);
    }, this.ttlMs);
    timer.unref();
    this.#expiry.set(session, timer);
  }

  /** Invalidated (op 9 d:false, close 1000/1001): never resumable again. */
  remove(session: Session): void {
    session.sink = null;
    this.#clearExpiry(session);
    this.#sessions.delete(session.id);
  }

  close(): void {
    for (const timer of this.#expiry.values()) clearTimeout(timer);
    this.#expiry.clear();
    this.#sessions.clear();
  }

  #clearExpiry(session: Session): void {
    const timer = this.#expiry.get(session);
    if (timer) clearTimeout(timer);
    this.#expiry.delete(session);
  }
}
