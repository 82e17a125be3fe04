import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { GatewayOutage } from '../timeline.js';
import type { ConnectionInfo } from '../types.js';
import { CloseCode, SESSION_ENDING_CLOSE_CODES } from './codes.js';
import { GatewayConnection } from './connection.js';
import type { GatewayContext } from './context.js';

/** The path of READY's resume_gateway_url, so a test can tell a resume connection from a fresh one. */
export const RESUME_PATH = '/resume';

/**
 * Accepts gateway WebSockets on `/` (the URL from /gateway/bot) and `/resume`, and applies
 * faults to the connections of one shard or all of them.
 */
export class GatewayServer {
  readonly connections: ConnectionInfo[] = [];
  readonly #live = new Set<GatewayConnection>();
  readonly #wss = new WebSocketServer({ noServer: true, perMessageDeflate: false });
  /** While the gateway is down: how new connections are refused, and the timer that ends it. */
  #outage: { refuse: 'unavailable' | 'reset'; timer: NodeJS.Timeout | null } | null = null;

  constructor(private readonly ctx: GatewayContext) {}

  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(request.url ?? '/', 'ws://127.0.0.1');
    const path = url.pathname.replace(/\/+$/, '') || '/';
    if (path !== '/' && path !== RESUME_PATH) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
      return;
    }
    const record = (): ConnectionInfo => {
      const info: ConnectionInfo = {
        id: this.connections.length + 1,
        via: path === RESUME_PATH ? 'resume' : 'gateway',
        url: request.url ?? '/',
        openedAt: Date.now(),
        closedAt: null,
        closeCode: null,
        closedBy: null,
      };
      this.connections.push(info);
      return info;
    };
    if (this.#outage) {
      this.#refuse(socket, record(), this.#outage.refuse);
      return;
    }
    this.#wss.handleUpgrade(request, socket, head, (ws) => {
      const info = record();
      const connection = new GatewayConnection(ws, info, this.ctx);
      this.#live.add(connection);
      ws.on('close', () => this.#live.delete(connection));
      this.ctx.log(`gateway #${info.id}: connected via ${info.via} (${info.url})`);
      const encoding = url.searchParams.get('encoding');
      const version = url.searchParams.get('v');
      connection.start();
      // Only JSON is spoken; zlib-stream compression is ignored and plain text frames are sent.
      if (encoding !== null && encoding !== 'json')
        connection.close(CloseCode.DecodeError, 'Unsupported encoding.');
      else if (version !== null && version !== '9' && version !== '10') {
        connection.close(CloseCode.InvalidApiVersion);
      }
    });
  }

  /** Connections that carry a session now, optionally only those of one shard id. */
  carrying(shard?: number): GatewayConnection[] {
    return [...this.#live].filter(
      (c) => c.open && c.session !== null && (shard === undefined || c.session.shard[0] === shard),
    );
  }

  reconnect(shard?: number): void {
    for (const c of this.carrying(shard)) c.reconnect();
  }

  dropSocket(shard?: number): void {
    for (const c of this.carrying(shard)) c.drop();
  }

  invalidSession(resumable: boolean, shard?: number): void {
    for (const c of this.carrying(shard)) c.invalidate(resumable);
  }

  stopHeartbeatAcks(shard?: number): void {
    for (const c of this.carrying(shard)) c.silence();
  }

  requestHeartbeat(shard?: number): void {
    for (const c of this.carrying(shard)) c.requestHeartbeat();
  }

  /** Drops every connection and refuses new ones until `endOutage` or `durationMs`. */
  startOutage(outage: GatewayOutage): void {
    if (this.#outage?.timer) clearTimeout(this.#outage.timer);
    const timer =
      outage.durationMs === undefined
        ? null
        : setTimeout(() => this.endOutage(), outage.durationMs).unref();
    this.#outage = { refuse: outage.refuse ?? 'unavailable', timer };
    for (const connection of this.#live) connection.drop();
    this.ctx.log(
      `gateway: outage (${this.#outage.refuse}) ${outage.durationMs === undefined ? 'until ended' : `for ${outage.durationMs} ms`}; REST stays up`,
    );
  }

  endOutage(): void {
    if (!this.#outage) return;
    if (this.#outage.timer) clearTimeout(this.#outage.timer);
    this.#outage = null;
    this.ctx.log('gateway: outage over, accepting connections');
  }

  #refuse(socket: Duplex, info: ConnectionInfo, how: 'unavailable' | 'reset'): void {
    info.closedAt = Date.now();
    info.closedBy = 'refused';
    this.ctx.log(`gateway #${info.id}: refused (${how}), the gateway is down`);
    if (how === 'reset') socket.destroy();
    else
      socket.end(
        'HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nContent-Length: 0\r\n\r\n',
      );
  }

  /**
   * Closes the connections carrying a session (of one shard) with `code`, as Discord closes a
   * live session; after a code that does not allow a resume the session is gone too.
   */
  closeSessions(code: number, shard?: number): void {
    for (const connection of this.carrying(shard)) {
      const session = connection.session;
      connection.close(code);
      if (session && SESSION_ENDING_CLOSE_CODES.has(code)) this.ctx.sessions.remove(session);
    }
  }

  /** Closes every open connection with `code` and forgets every session. */
  closeAll(code: number): void {
    for (const connection of this.#live) {
      const session = connection.session;
      connection.close(code);
      if (session) this.ctx.sessions.remove(session);
    }
    for (const session of this.ctx.sessions.all()) this.ctx.sessions.remove(session);
  }

  close(): void {
    this.endOutage();
    for (const connection of this.#live) connection.drop();
    this.#live.clear();
    this.#wss.close();
  }
}
