import { Client, type ClientEvents, type ClientOptions, GatewayIntentBits } from 'discord.js';
import { afterEach } from 'vitest';
import {
  type Emulator,
  type EmulatorOptions,
  type RecordedPayload,
  startEmulator,
} from '../src/index.js';

/** Short heartbeats so zombie detection and resumes take well under a second or two. */
export const FAST_HEARTBEAT_MS = 400;

export const VOICE_INTENTS = [GatewayIntentBits.Guilds, GatewayIntentBits.GuildVoiceStates];

/**
 * Starts emulators and real discord.js clients for one test file and tears every one of them
 * down after each test, so nothing leaks into the next test or keeps the process alive.
 */
export function useEmulator() {
  const emulators: Emulator[] = [];
  const clients: Client[] = [];

  afterEach(async () => {
    await Promise.all(clients.splice(0).map((client) => client.destroy()));
    await Promise.all(emulators.splice(0).map((emu) => emu.close()));
  });

  return {
    async start(options: EmulatorOptions = {}): Promise<Emulator> {
      const emu = await startEmulator({ heartbeatIntervalMs: FAST_HEARTBEAT_MS, ...options });
      emulators.push(emu);
      return emu;
    },

    /** A client pointed at the emulator, not logged in yet. */
    client(emu: Emulator, options: Partial<ClientOptions> = {}): Client {
      const client = new Client({
        intents: VOICE_INTENTS,
        ...options,
        rest: { ...options.rest, api: emu.apiUrl },
      });
      clients.push(client);
      return client;
    },

    /** Logs in and waits for `clientReady`: every guild of READY has had its GUILD_CREATE. */
    async login(emu: Emulator, options: Partial<ClientOptions> = {}): Promise<Client> {
      const client = this.client(emu, options);
      const ready = nextEvent(client, 'clientReady');
      await client.login(emu.token);
      await ready;
      return client;
    },
  };
}

/** The next time `client` emits `event` with arguments matching `pred`. */
export function nextEvent<E extends keyof ClientEvents>(
  client: Client,
  event: E,
  pred: (...args: ClientEvents[E]) => boolean = () => true,
  timeoutMs = 5_000,
): Promise<ClientEvents[E]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      client.off(event, listener);
      reject(new Error(`client did not emit ${String(event)} within ${timeoutMs} ms`));
    }, timeoutMs);
    const listener = (...args: ClientEvents[E]) => {
      if (!pred(...args)) return;
      clearTimeout(timer);
      client.off(event, listener);
      resolve(args);
    };
    client.on(event, listener);
  });
}

/** Resolves once `check()` is true, polling the real clock (the client updates asynchronously). */
export async function until(check: () => boolean, what: string, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** The `d` of a recorded payload that must exist. */
export function dataOf<T = Record<string, unknown>>(payload: RecordedPayload | undefined): T {
  if (!payload) throw new Error('expected payload was not recorded');
  return payload.d as T;
}
