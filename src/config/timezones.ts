/** IANA timezone names, as the runtime's ICU data knows them (aliases such as US/Eastern included). */
export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** Canonical names, for "did you mean" on a misspelt zone. */
export function knownTimeZones(): string[] {
  return [...Intl.supportedValuesOf('timeZone'), 'UTC'];
}

/** The zone of this machine: the default for `time` and `cron` (SPEC §2). */
export function systemTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}
