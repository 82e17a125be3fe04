/** "2026-11-25 09:00:00 GMT+3": a moment as a clock on the wall in `timeZone` shows it. */
export function formatInZone(ms: number, timeZone: string): string {
  return new Intl.DateTimeFormat('sv-SE', {
    timeZone,
    dateStyle: 'short',
    timeStyle: 'long',
  }).format(ms);
}
