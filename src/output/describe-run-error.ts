/**
 * What a failed run reports: a stable `code` for scripts and a message for people. Works on
 * error shapes rather than classes so it stays free of discord.js.
 */
export interface RunError {
  code: string;
  message: string;
}

export function describeRunError(error: unknown): RunError {
  if (!(error instanceof Error)) return { code: 'error', message: String(error) };
  const { code, status } = error as Error & { code?: unknown; status?: unknown };
  if (typeof code === 'string') return { code, message: error.message };
  if (typeof status === 'number' && typeof code === 'number') {
    return {
      code: `discord_${code}`,
      message: `Discord refused (HTTP ${status}, code ${code}): ${error.message}`,
    };
  }
  return { code: 'error', message: error.message };
}
