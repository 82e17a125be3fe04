import { UsageError } from '../errors.js';
import type { ConnectionFlags } from './connection-options.js';
import type { CliContext } from './context.js';

export const DEFAULT_API_URL = 'https://discord.com/api';

/** The Discord to talk to: a token and a REST base URL, and how to let go of it. */
export interface Target {
  token: string;
  apiUrl: string;
  /** Human-readable, for "Connecting to …" (never the token). */
  label: string;
  close(): Promise<void>;
}

/**
 * Token from --token, else DISCORD_TOKEN, else the config's `token`; --sandbox needs none and
 * starts the emulator's demo world in this process.
 */
export async function resolveTarget(
  flags: ConnectionFlags,
  configToken: string | undefined,
  ctx: CliContext,
): Promise<Target> {
  if (flags.sandbox) {
    const { startEmulator, demoWorld, demoTimeline } = await import('@discloop/emulator');
    const emulator = await startEmulator({ world: demoWorld(), timeline: demoTimeline() });
    return {
      token: emulator.token,
      apiUrl: emulator.apiUrl,
      label: 'the sandbox (built-in emulator, demo world)',
      close: () => emulator.close(),
    };
  }
  const token = flags.token ?? ctx.env.DISCORD_TOKEN ?? configToken;
  if (!token) {
    throw new UsageError(
      'No bot token: set DISCORD_TOKEN (or pass --token).',
      'Copy it from the Developer Portal → your application → Bot. To try discloop without one, add --sandbox.',
    );
  }
  const apiUrl = flags.apiUrl ?? ctx.env.DISCLOOP_API_URL ?? DEFAULT_API_URL;
  return { token, apiUrl, label: apiUrl, close: async () => {} };
}
