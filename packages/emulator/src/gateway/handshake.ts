import { hasIntent, Intent } from './codes.js';
import type { GatewayContext } from './context.js';
import {
  guildCreatePayload,
  guildsForSession,
  memberChunks,
  readyPayload,
} from './guild-payloads.js';
import { checkIdentify, parsePresence } from './identify.js';
import type { DispatchPayload, Session } from './sessions.js';

export type OpenSessionResult =
  | { ok: true; session: Session }
  | { ok: false; code: number; reason: string }
  /** Over the session start limit's concurrency: op 9 `d: false`, nothing started. */
  | { ok: false; tooSoon: string }
  /** The day's session starts are used up: every session ends and the token is reset. */
  | { ok: false; exhausted: true };

/** IDENTIFY: a new session, or the close code (or op 9) the payload earns. */
export function openSession(ctx: GatewayContext, d: unknown): OpenSessionResult {
  const { world } = ctx;
  const result = checkIdentify(d, {
    token: world.token,
    privilegedIntents: world.application.privilegedIntents,
  });
  if (!result.ok) return result;
  const admission = ctx.sessionStarts.admit(result.identify.shard[0]);
  if (!admission.ok) {
    if (admission.reason === 'exhausted') return { ok: false, exhausted: true };
    return {
      ok: false,
      tooSoon: `shard [${result.identify.shard}]: bucket ${admission.bucket} identified ${admission.sinceMs} ms ago`,
    };
  }
  const presence = parsePresence(result.identify.presence);
  if (presence) world.botPresence = presence;
  return { ok: true, session: ctx.sessions.create(result.identify) };
}

/**
 * READY, then one GUILD_CREATE per guild of the shard (a GUILD_DELETE for one in an outage);
 * without GUILDS the guilds stay unavailable.
 */
export function greet(ctx: GatewayContext, session: Session): void {
  session.dispatch('READY', readyPayload(ctx.world, session, ctx.resumeGatewayUrl));
  if (!hasIntent(session.intents, Intent.Guilds)) return;
  for (const guild of guildsForSession(ctx.world, session)) {
    if (guild.unavailable) session.dispatch('GUILD_DELETE', { id: guild.id, unavailable: true });
    else session.dispatch('GUILD_CREATE', guildCreatePayload(ctx.world, guild, session));
  }
}

export type ResumeResult =
  | { kind: 'refused' }
  | { kind: 'bad-seq' }
  | { kind: 'resumed'; session: Session; replay: DispatchPayload[] };

/**
 * RESUME: the session and what to replay. Unknown or expired sessions and wrong tokens are
 * refused (op 9 d:false); a `seq` from the future is a 4007.
 */
export function findResumable(ctx: GatewayContext, d: unknown): ResumeResult {
  const { token, session_id: sessionId, seq } = (d ?? {}) as Record<string, unknown>;
  const session = typeof sessionId === 'string' ? ctx.sessions.get(sessionId) : undefined;
  if (token !== ctx.world.token || !session || typeof seq !== 'number') return { kind: 'refused' };
  if (seq > session.seq) return { kind: 'bad-seq' };
  const replay = session.replayAfter(seq);
  if (!replay) {
    ctx.sessions.remove(session);
    return { kind: 'refused' };
  }
  return { kind: 'resumed', session, replay };
}

/** op 8: GUILD_MEMBERS_CHUNKs for a guild on the session's shard; other guilds are ignored. */
export function answerMemberRequest(ctx: GatewayContext, session: Session, d: unknown): void {
  const request = (d ?? {}) as Record<string, unknown>;
  const guild =
    typeof request.guild_id === 'string' ? ctx.world.guild(request.guild_id) : undefined;
  if (!guild || !guildsForSession(ctx.world, session).includes(guild)) return;
  const userIds = request.user_ids;
  const chunks = memberChunks(ctx.world, guild, session, {
    guildId: guild.id,
    limit: typeof request.limit === 'number' ? request.limit : 0,
    presences: request.presences === true,
    ...(typeof request.query === 'string' ? { query: request.query } : {}),
    ...(userIds !== undefined
      ? { userIds: (Array.isArray(userIds) ? userIds : [userIds]).map(String) }
      : {}),
    ...(typeof request.nonce === 'string' ? { nonce: request.nonce } : {}),
  });
  for (const chunk of chunks) session.dispatch('GUILD_MEMBERS_CHUNK', chunk);
}
