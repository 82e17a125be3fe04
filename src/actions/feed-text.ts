/** HTML's named entities that feeds use without declaring them (XML itself knows only five). */
const NAMED: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  ndash: '–',
  mdash: '—',
  hellip: '…',
  lsquo: '‘',
  rsquo: '’',
  ldquo: '“',
  rdquo: '”',
  laquo: '«',
  raquo: '»',
  middot: '·',
  bull: '•',
  copy: '©',
  reg: '®',
  trade: '™',
};

/** The text of an entity reference the XML parser does not know ("&nbsp;"), if HTML has it. */
export const htmlEntity = (reference: string): string | undefined => NAMED[reference.slice(1, -1)];

const decode = (html: string) =>
  html.replace(
    /&(?:#x([0-9a-f]+)|#(\d+)|(\w+));/gi,
    (whole, hex?: string, decimal?: string, name?: string) => {
      if (name !== undefined) return NAMED[name] ?? whole;
      const code = hex === undefined ? Number(decimal) : Number.parseInt(hex, 16);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    },
  );

/**
 * A title as one line of plain text: runs of white space (line breaks too) become one space.
 * With `html` (Atom's type="html"), tags are dropped and entities decoded first.
 */
export function plainText(text: string, html = false): string {
  const plain = html ? decode(text.replace(/<[^>]*>/g, '')) : text;
  return plain.replace(/\s+/g, ' ').trim();
}
