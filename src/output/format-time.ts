/**
 * Formats moments as a clock on the wall in a zone shows them: "2026-11-25 09:00:00 GMT+3".
 * Building an Intl.DateTimeFormat costs far more than using one, so each zone gets one, kept
 * for the life of the returned function (one `validate`, say).
 */
export function zoneTimeFormatter(): (ms: number, timeZone: string) => string {
  const formats = new Map<string, Intl.DateTimeFormat>();
  return (ms, timeZone) => {
    let format = formats.get(timeZone);
    if (!format) {
      format = new Intl.DateTimeFormat('sv-SE', {
        timeZone,
        dateStyle: 'short',
        timeStyle: 'long',
      });
      formats.set(timeZone, format);
    }
    return format.format(ms);
  };
}
