import type { DiscordPort } from '../actions/types.js';
import type { CachePlan } from './cache-plan.js';
import type { IntentName } from './intents.js';
import type { IntentSources } from './login-errors.js';

/** What the connection tells the run while it lasts. */
export type ConnectionEvent =
  | { type: 'disconnect'; shard: number; code: number | undefined }
  | { type: 'reconnect'; shard: number; resumed: boolean }
  | { type: 'fatal'; error: Error }
  | { type: 'debug'; message: string };

/** What a run asks of a connection: the token and endpoint are the connector's business. */
export interface ConnectRequest {
  intents: IntentName[];
  /** What to cache: only what the loops read (default: from the intents). */
  caches?: CachePlan;
  /** Which loops asked for each intent, so a refusal can say what needs it. */
  intentSources?: IntentSources;
  onEvent: (event: ConnectionEvent) => void;
}

/** A live connection to Discord, ready (every guild received). */
export interface DiscordSession {
  port: DiscordPort;
  user: { id: string; username: string };
  guildCount: number;
  /** Resolves once every shard is connected, or after `timeoutMs` (runs then see the cache as it is). */
  settled(timeoutMs: number): Promise<void>;
  close(): Promise<void>;
}

export type Connect = (request: ConnectRequest) => Promise<DiscordSession>;
