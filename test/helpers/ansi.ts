// biome-ignore-all lint/suspicious/noControlCharactersInRegex: these patterns match escape sequences, which begin with ESC.

/** What tests need to read ANSI output: colors (SGR) and the live area's erase sequence. */
const SGR = /\u001b\[[0-9;]*m/g;

export const stripAnsi = (text: string) => text.replace(SGR, '');

export const hasColor = (text: string) => text.match(SGR) !== null;

/** The line counts of each "\r ESC[nA ESC[0J" erase, in order. */
export const erasesIn = (bytes: string) =>
  [...bytes.matchAll(/\r\u001b\[(\d+)A\u001b\[0J/g)].map((match) => Number(match[1]));

/** True when the text stops in the middle of an escape sequence. */
export const endsInsideEscape = (text: string) => /\u001b(\[[0-9;]*)?$/.test(text);

/** Bold/dim and colors opened, and closed again (22 and 39), as style.ts writes them. */
export const colorsOpenedAndClosed = (text: string) => ({
  opened: text.match(/\u001b\[(1|2|3[0-8])m/g)?.length ?? 0,
  closed: text.match(/\u001b\[(22|39)m/g)?.length ?? 0,
});

/** A control sequence at the start of the text: its parameters and command letter. */
export const leadingCsi = (text: string) => /^\u001b\[([0-9;]*)([A-Za-z])/.exec(text);
