import { normaliseApiUrl, normaliseToken } from '../connection/endpoint-input.js';
import { UsageError } from '../errors.js';
import type { ConnectionFlags } from './connection-options.js';
import type { CliContext } from './context.js';

export const DEFAULT_API_URL = 'https://discord.com/api';

/** The Discord to talk to: a token and a REST base URL, and how to let go of it. */
export interface Endpoint {
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
export async function resolveEndpoint(
  flags: ConnectionFlags,
  configToken: string | undefined,
  ctx: CliContext,
): Promise<Endpoint> {
  if (flags.sandbox) {
    const { startEmulator, demoWorld, demoTimeline } = await import('@discloop/emulator');
    const emulator = await startEmulator({ world: demoWorld(), timeline: demoTimeline() });
    ctx.sink.hide(emulator.token);
    return {
      token: emulator.token,
      apiUrl: emulator.apiUrl,
      label: 'the sandbox (built-in emulator, demo world)',
      close: () => emulator.close(),
    };
  }
  const [raw, source] =
    flags.token !== undefined
      ? [flags.token, '--token']
      : ctx.env.DISCORD_TOKEN !== undefined
        ? [ctx.env.DISCORD_TOKEN, 'DISCORD_TOKEN']
        : [configToken, "The config's token"];
  if (raw === undefined) {
    throw new UsageError(
      'No bot token: set DISCORD_TOKEN (or pass --token).',
      'Copy it from the Developer Portal → your application → Bot. To try discloop without one, add --sandbox.',
    );
  }
  // Hidden before anything can print it, in every form it was given.
  for (const form of [raw, raw.trim()]) ctx.sink.hide(form);
  const { token, forms } = normaliseToken(raw, source);
  for (const form of forms) ctx.sink.hide(form);
  const apiUrl =
    flags.apiUrl !== undefined
      ? normaliseApiUrl(flags.apiUrl, '--api-url')
      : ctx.env.DISCLOOP_API_URL
        ? normaliseApiUrl(ctx.env.DISCLOOP_API_URL, 'DISCLOOP_API_URL')
        : DEFAULT_API_URL;
  return { token, apiUrl, label: apiUrl, close: async () => {} };
}
