import type { DiscordPort } from '../actions/types.js';
import type { IntentName } from './intents.js';
import type { IntentSources } from './login-errors.js';
import type { ShardRequest } from './shards.js';

/** What the connection tells the run while it lasts. */
export type ConnectionEvent =
  | { type: 'disconnect'; shard: number; code: number | undefined }
  /** Once per outage: how long the shard was down and how many connection attempts it took. */
  | { type: 'reconnect'; shard: number; resumed: boolean; downMs: number; attempts: number }
  /** Once per limit hit (per route and scope until it resets), not per retry. */
  | { type: 'rate-limit'; route: string; scope: string; retryAfterMs: number; loop?: string }
  | { type: 'fatal'; error: Error }
  /** Progress worth a line on stderr (retrying an unreachable Discord). */
  | { type: 'notice'; message: string }
  | { type: 'debug'; message: string };

/** What a run asks of a connection: the token and endpoint are the connector's business. */
export interface ConnectRequest {
  intents: IntentName[];
  /** Which loops asked for each intent, so a refusal can say what needs it. */
  intentSources?: IntentSources;
  onEvent: (event: ConnectionEvent) => void;
  /** Aborted when the user stops discloop before the connection is ready. */
  signal?: AbortSignal;
  /** Which shards to run (default: all of them, in this process). */
  shards?: ShardRequest;
}

/** One run, as the connection sees it: its loop, its signal, and what it did. */
export interface RunScope {
  loop: string;
  signal: AbortSignal;
  /** Set once a request that changes something may have reached Discord. */
  effects: { sent: boolean };
  /** How long its requests were held by rate limits, in ms. */
  heldMs: number;
}

/** A live connection to Discord, ready (every guild received). */
export interface DiscordSession {
  /** The port for one run: its REST calls carry the run's signal and are counted against it. */
  portFor(run: RunScope): DiscordPort;
  /** Runs `work` in the run's scope, so every request it makes is the run's. */
  act<T>(run: RunScope, work: () => Promise<T>): Promise<T>;
  user: { id: string; username: string };
  /** Guilds on this process's shards. */
  guildCount: number;
  /** The shards this session runs, and how many the bot has. */
  shardIds: number[];
  shardCount: number;
  /** Whether it runs only some of the bot's shards (other processes run the rest). */
  partial: boolean;
  /** Finds what is not on local shards, over REST: the guild of a channel, every guild of the bot. */
  lookup: {
    channelGuild(channelId: string): Promise<string | undefined>;
    guilds(): Promise<{ id: string; name: string }[]>;
    /** The bot's guilds on every shard, refreshed at most once a minute. */
    guildCount(): Promise<number>;
  };
  /** Resolves once every shard is connected, or after `timeoutMs` or an abort (runs then see the cache as it is). */
  settled(timeoutMs: number, signal?: AbortSignal): Promise<void>;
  close(): Promise<void>;
}

export type Connect = (request: ConnectRequest) => Promise<DiscordSession>;
