import type { SessionStartLimitObject } from '../gateway/session-starts.js';
import type { World } from '../world/world.js';
import type { RateLimiter } from './rate-limits.js';

export interface RouteContext {
  world: World;
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
  limits: RateLimiter;
  gatewayUrl: string;
  sessionStartLimit(): SessionStartLimitObject;
}

export interface RouteResult {
  status?: number;
  body: unknown;
}

export interface Route {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** Discord's route template, e.g. `/channels/:id/messages`. */
  template: string;
  handle(ctx: RouteContext): RouteResult;
  /** GET /gateway is the one route that needs no token. */
  public?: boolean;
  /**
   * The bucket of `bucketLimits` this request counts against, when not the route's own
   * (`'DELETE /channels/:id/messages/:messageId'`): deleting an old message has its own.
   */
  bucket?(params: Record<string, string>): string | undefined;
}

export interface RouteMatch {
  route: Route;
  params: Record<string, string>;
}

/** Finds the route for a path; `allowed` lists the methods the path has when none matched. */
export function matchRoute(
  routes: readonly Route[],
  method: string,
  path: string,
): { match: RouteMatch | null; allowed: string[] } {
  const segments = path.split('/').filter(Boolean);
  const allowed: string[] = [];
  for (const route of routes) {
    const params = matchTemplate(route.template, segments);
    if (!params) continue;
    if (route.method === method) return { match: { route, params }, allowed };
    allowed.push(route.method);
  }
  return { match: null, allowed };
}

function matchTemplate(template: string, segments: string[]): Record<string, string> | null {
  const parts = template.split('/').filter(Boolean);
  if (parts.length !== segments.length) return null;
  const params: Record<string, string> = {};
  for (const [index, part] of parts.entries()) {
    const segment = decodeURIComponent(segments[index] ?? '');
    if (part.startsWith(':')) params[part.slice(1)] = segment;
    else if (part !== segment) return null;
  }
  return params;
}

/**
 * Discord buckets per route and "major parameter" (the channel, guild or webhook id), so two
 * channels never share a message bucket.
 */
export function majorParameter(template: string, params: Record<string, string>): string {
  if (template.startsWith('/channels/:id') || template.startsWith('/guilds/:id'))
    return params.id ?? '';
  return 'global';
}
