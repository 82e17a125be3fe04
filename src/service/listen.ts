/** Where the metrics server listens: `--metrics [host:]port` (SPEC §8). */
export interface Listen {
  host: string;
  port: number;
}

export const DEFAULT_METRICS_HOST = '127.0.0.1';

const PORT = /^\d{1,5}$/;
/** A hostname or IPv4 address; IPv6 goes in brackets, as in a URL. */
const HOST =
  /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*$/;
const IPV6 = /^\[([0-9A-Fa-f:.]+)\]$/;

/**
 * `9464`, `:9464`, `0.0.0.0:9464`, `localhost:9464`, `[::1]:9464` → where to listen; undefined
 * when the text is none of these. Port 0 asks the system for any free port.
 */
export function parseListen(text: string): Listen | undefined {
  const value = text.trim();
  const colon = value.lastIndexOf(':');
  const rawHost = colon === -1 ? '' : value.slice(0, colon);
  const rawPort = colon === -1 ? value : value.slice(colon + 1);
  if (!PORT.test(rawPort)) return undefined;
  const port = Number(rawPort);
  if (port > 65_535) return undefined;
  if (rawHost === '') return { host: DEFAULT_METRICS_HOST, port };
  const v6 = IPV6.exec(rawHost)?.[1];
  if (v6 !== undefined) return v6.includes(':') ? { host: v6, port } : undefined;
  return HOST.test(rawHost) ? { host: rawHost, port } : undefined;
}

/** `http://127.0.0.1:9464/`, with an IPv6 host in brackets. */
export function urlOf({ host, port }: Listen): string {
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}/`;
}
