/**
 * How many terminal columns text takes, ANSI styling aside, and how to cut it to fit. The live
 * status area relies on this: a line wider than the terminal wraps, and the area would then
 * take more rows than it knows to erase.
 */

/** A CSI escape sequence, such as the SGR colors of style.ts: zero columns wide. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: escape sequences begin with ESC.
const CSI = /(\u001b\[[0-?]*[ -/]*[@-~])/;
// Made on first use: ICU's segmentation data costs megabytes of memory, and only the status
// area on a terminal needs it.
let segmenter: Intl.Segmenter | undefined;

/** East Asian wide and fullwidth ranges (approximate, but covering CJK and Hangul). */
const WIDE: readonly [number, number][] = [
  [0x1100, 0x115f],
  [0x2e80, 0x303e],
  [0x3041, 0x33ff],
  [0x3400, 0x4dbf],
  [0x4e00, 0x9fff],
  [0xa000, 0xa4cf],
  [0xa960, 0xa97f],
  [0xac00, 0xd7a3],
  [0xf900, 0xfaff],
  [0xfe10, 0xfe19],
  [0xfe30, 0xfe6f],
  [0xff00, 0xff60],
  [0xffe0, 0xffe6],
  [0x20000, 0x3fffd],
];

function graphemeWidth(grapheme: string): number {
  const code = grapheme.codePointAt(0) ?? 0;
  if (code < 0x20 || (code >= 0x7f && code < 0xa0)) return 0;
  if (/\p{Emoji_Presentation}/u.test(grapheme) || grapheme.includes('\ufe0f')) return 2;
  return WIDE.some(([from, to]) => code >= from && code <= to) ? 2 : 1;
}

/** The text split into escape sequences (`ansi`) and graphemes with their width. */
function* pieces(text: string): Generator<{ text: string; ansi: boolean; width: number }> {
  for (const [index, part] of text.split(CSI).entries()) {
    if (index % 2 === 1) {
      yield { text: part, ansi: true, width: 0 };
      continue;
    }
    segmenter ??= new Intl.Segmenter('en', { granularity: 'grapheme' });
    for (const { segment } of segmenter.segment(part)) {
      yield { text: segment, ansi: false, width: graphemeWidth(segment) };
    }
  }
}

export function displayWidth(text: string): number {
  let width = 0;
  for (const piece of pieces(text)) width += piece.width;
  return width;
}

/**
 * Cuts text to `width` columns, ending it with "…" when something was cut. Escape sequences
 * are all kept, those after the cut too, so a color opened before it is still closed.
 */
export function truncateToWidth(text: string, width: number): string {
  if (displayWidth(text) <= width) return text;
  let result = '';
  let used = 0;
  let cut = false;
  for (const piece of pieces(text)) {
    if (piece.ansi) result += piece.text;
    else if (!cut && used + piece.width <= width - 1) {
      result += piece.text;
      used += piece.width;
    } else if (!cut) {
      cut = true;
      // "(cron …" reads worse than "(cron…".
      if (width >= 1) result = `${result.replace(/ +$/, '')}…`;
    }
  }
  return result;
}
