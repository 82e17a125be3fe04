import type { WebSocket } from 'ws';
import type { ConnectionInfo } from '../types.js';
import { CloseCode, closeReason, Op } from './codes.js';
import { decodePayload, type GatewayContext, type GatewayPayload } from './context.js';
import { answerMemberRequest, findResumable, greet, openSession } from './handshake.js';
import { parsePresence } from './identify.js';
import type { DispatchPayload, DispatchSink, Session } from './sessions.js';

/** Close codes after which Discord forgets the session (the client closed on purpose). */
const SESSION_ENDING_CLIENT_CODES = new Set([1000, 1001]);
/** How long a connection told to reconnect (op 7) may linger before the emulator closes it. */
const RECONNECT_GRACE_MS = 5_000;

/**
 * One WebSocket connection: HELLO, heartbeats, IDENTIFY/RESUME, and the faults tests inject.
 * The session it carries lives on in the SessionStore when the socket goes away.
 */
export class GatewayConnection implements DispatchSink {
  session: Session | null = null;
  #lastSession: Session | null = null;
  #authenticated = false;
  /** A zombie: the emulator neither answers nor sends anything, as if the link died silently. */
  #silenced = false;
  #closing = false;
  #watchdog: NodeJS.Timeout | null = null;
  #graceTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly ws: WebSocket,
    readonly info: ConnectionInfo,
    private readonly ctx: GatewayContext,
  ) {}

  get shard(): [number, number] | null {
    return this.#lastSession ? [...this.#lastSession.shard] : null;
  }

  get sessionId(): string | null {
    return this.#lastSession?.id ?? null;
  }

  get open(): boolean {
    return !this.#closing && this.info.closedAt === null;
  }

  start(): void {
    this.ws.on('message', (data, isBinary) => this.#onMessage(data.toString(), isBinary));
    this.ws.on('close', (code) => this.#onClosed(code));
    this.ws.on('error', (error) =>
      this.ctx.log(`gateway #${this.info.id}: socket error: ${error.message}`),
    );
    this.#send({
      op: Op.Hello,
      d: { heartbeat_interval: this.ctx.heartbeatIntervalMs },
      s: null,
      t: null,
    });
    this.#armWatchdog();
  }

  sendDispatch(payload: DispatchPayload): void {
    this.#send(payload);
  }

  // ── faults ─────────────────────────────────────────────────────────────────

  /** op 7: the session stops flowing here at once (buffered for the resume). */
  reconnect(): void {
    this.#send({ op: Op.Reconnect, d: null, s: null, t: null });
    this.#release();
    this.#graceTimer = setTimeout(
      () => this.close(CloseCode.UnknownError, 'Reconnect requested.'),
      RECONNECT_GRACE_MS,
    );
    this.#graceTimer.unref();
  }

  /** The TCP connection dies without a close frame: the client sees 1006. */
  drop(): void {
    if (!this.open) return;
    this.#closing = true;
    this.info.closedBy = 'dropped';
    this.#release();
    this.ws.terminate();
  }

  /** op 9: `resumable` keeps the session for a RESUME (on this socket or another). */
  invalidate(resumable: boolean): void {
    this.#send({ op: Op.InvalidSession, d: resumable, s: null, t: null });
    const session = this.session;
    this.#authenticated = false;
    if (!session) return;
    if (resumable) {
      this.#release();
    } else {
      this.session = null;
      this.ctx.sessions.remove(session);
    }
  }

  /** Stops answering heartbeats, and everything else: the client will call it a zombie. */
  silence(): void {
    this.#release();
    this.#silenced = true;
    this.#clearWatchdog();
  }

  requestHeartbeat(): void {
    this.#send({ op: Op.Heartbeat, d: null, s: null, t: null });
  }

  close(code: number, reason = closeReason(code)): void {
    if (!this.open) return;
    this.#closing = true;
    this.info.closedBy = 'emulator';
    this.info.closeCode = code;
    this.#release();
    this.ws.close(code, reason);
  }

  // ── inbound ────────────────────────────────────────────────────────────────

  #onMessage(raw: string, isBinary: boolean): void {
    const payload = decodePayload(raw, isBinary);
    if (!payload) {
      this.close(CloseCode.DecodeError);
      return;
    }
    this.ctx.record(this, 'in', payload);
    if (this.#silenced || !this.open) return;

    const { op, d } = payload;
    if (op === Op.Heartbeat) {
      this.#onHeartbeat(d);
    } else if (op === Op.Identify || op === Op.Resume) {
      if (this.#authenticated) this.close(CloseCode.AlreadyAuthenticated);
      else if (op === Op.Identify) this.#onIdentify(d);
      else this.#onResume(d);
    } else if (!this.#authenticated) {
      this.close(CloseCode.NotAuthenticated);
    } else if (op === Op.PresenceUpdate) {
      this.#onPresenceUpdate(d);
    } else if (op === Op.RequestGuildMembers) {
      if (this.session) answerMemberRequest(this.ctx, this.session, d);
    } else if (op !== Op.VoiceStateUpdate && op !== Op.RequestSoundboardSounds) {
      // Voice and soundboard requests are recorded and accepted: there are no voice servers here.
      this.close(CloseCode.UnknownOpcode);
    }
  }

  #onHeartbeat(d: unknown): void {
    if (typeof d === 'number') this.session?.acknowledge(d);
    this.#armWatchdog();
    this.#send({ op: Op.HeartbeatAck, d: null, s: null, t: null });
  }

  #onIdentify(d: unknown): void {
    const result = openSession(this.ctx, d);
    if (!result.ok && 'tooSoon' in result) {
      // As Discord: op 9, the connection stays open and the client may IDENTIFY again.
      this.ctx.log(`gateway #${this.info.id}: IDENTIFY too soon (${result.tooSoon}): op 9 d:false`);
      this.#send({ op: Op.InvalidSession, d: false, s: null, t: null });
      return;
    }
    if (!result.ok && 'exhausted' in result) {
      this.ctx.log(`gateway #${this.info.id}: IDENTIFY past the day's session starts`);
      this.ctx.onSessionStartsExhausted();
      return;
    }
    if (!result.ok) {
      this.ctx.log(`gateway #${this.info.id}: IDENTIFY refused: ${result.code} ${result.reason}`);
      this.close(result.code, result.reason);
      return;
    }
    const { session } = result;
    this.#authenticated = true;
    this.#carry(session);
    this.ctx.log(
      `gateway #${this.info.id}: session ${session.id.slice(0, 8)} identified, shard [${session.shard}], intents ${session.intents}`,
    );
    greet(this.ctx, session);
  }

  #onResume(d: unknown): void {
    const result = findResumable(this.ctx, d);
    if (result.kind === 'bad-seq') {
      this.close(CloseCode.InvalidSeq);
      return;
    }
    if (result.kind === 'refused') {
      this.ctx.log(`gateway #${this.info.id}: RESUME refused, sending op 9 d:false`);
      this.#send({ op: Op.InvalidSession, d: false, s: null, t: null });
      return;
    }
    const { session, replay } = result;
    // A session lives on one connection: a resume elsewhere ends the old one.
    const previous = session.sink;
    if (previous instanceof GatewayConnection && previous !== this) previous.drop();
    this.#authenticated = true;
    this.#carry(session);
    for (const payload of replay) this.#send(payload);
    session.dispatch('RESUMED', { _trace: ['["discloop-emulator",{}]'] }, { replayable: false });
    this.ctx.log(
      `gateway #${this.info.id}: session ${session.id.slice(0, 8)} resumed, replayed ${replay.length}`,
    );
  }

  #onPresenceUpdate(d: unknown): void {
    const presence = parsePresence(d);
    if (presence) this.ctx.world.botPresence = presence;
    else this.close(CloseCode.DecodeError);
  }

  // ── plumbing ───────────────────────────────────────────────────────────────

  #carry(session: Session): void {
    this.session = session;
    this.#lastSession = session;
    this.ctx.sessions.attach(session, this);
  }

  /** Stops carrying the session; it stays resumable and buffers what happens meanwhile. */
  #release(): void {
    const session = this.session;
    this.session = null;
    if (session && session.sink === this) this.ctx.sessions.detach(session);
  }

  #send(payload: GatewayPayload): void {
    if (this.#silenced || this.ws.readyState !== this.ws.OPEN) return;
    this.ctx.record(this, 'out', payload);
    this.ws.send(JSON.stringify(payload));
  }

  #armWatchdog(): void {
    this.#clearWatchdog();
    this.#watchdog = setTimeout(() => {
      this.ctx.log(
        `gateway #${this.info.id}: no heartbeat for ${this.ctx.heartbeatTimeoutMs} ms, closing`,
      );
      this.close(CloseCode.SessionTimedOut);
    }, this.ctx.heartbeatTimeoutMs);
    this.#watchdog.unref();
  }

  #clearWatchdog(): void {
    if (this.#watchdog) clearTimeout(this.#watchdog);
    this.#watchdog = null;
  }

  #onClosed(code: number): void {
    this.#clearWatchdog();
    if (this.#graceTimer) clearTimeout(this.#graceTimer);
    this.info.closedAt = Date.now();
    if (this.info.closedBy === null) {
      this.info.closedBy = 'client';
      this.info.closeCode = code;
    } else if (this.info.closedBy === 'dropped') {
      this.info.closeCode = 1006;
    }
    this.#closing = true;
    const session = this.session;
    if (session && this.info.closedBy === 'client' && SESSION_ENDING_CLIENT_CODES.has(code)) {
      this.session = null;
      this.ctx.sessions.remove(session);
    } else {
      this.#release();
    }
    this.ctx.log(
      `gateway #${this.info.id}: closed by ${this.info.closedBy} with ${this.info.closeCode}`,
    );
  }
}
