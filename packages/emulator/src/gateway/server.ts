import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { ConnectionInfo } from '../types.js';
import { CloseCode } from './codes.js';
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

  constructor(private readonly ctx: GatewayContext) {}

  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(request.url ?? '/', 'ws://127.0.0.1');
    const path = url.pathname.replace(/\/+$/, '') || '/';
    if (path !== '/' && path !== RESUME_PATH) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
      return;
    }
    this.#wss.handleUpgrade(request, socket, head, (ws) => {
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
        connection.close(CloseCode.InvalidApiVersion, 'Invalid API version.');
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

  /** Closes every open connection with `code` and forgets every session. */
  closeAll(code: number, reason: string): void {
    for (const connection of this.#live) {
      const session = connection.session;
      connection.close(code, reason);
      if (session) this.ctx.sessions.remove(session);
    }
    for (const session of this.ctx.sessions.all()) this.ctx.sessions.remove(session);
  }

  close(): void {
    for (const connection of this.#live) connection.drop();
    this.#live.clear();
    this.#wss.close();
  }
}
