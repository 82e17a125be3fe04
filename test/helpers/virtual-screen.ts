import { leadingCsi } from './ansi.js';

/**
 * A minimal terminal for tests: it understands what the live sink writes (text, "\n" as a TTY
 * turns it into CR LF, "\r", CUU "ESC[nA", CPL "ESC[nF", ED "ESC[0J") and ignores SGR colors.
 * Lines longer than `columns` wrap, as on a real screen, so a line that is too wide shows up
 * as an extra row. Anything else it does not know makes it throw.
 */
export class VirtualScreen {
  private rows: string[][] = [[]];
  private row = 0;
  private col = 0;
  /** Every chunk written, in order, whichever stream wrote it. */
  readonly writes: string[] = [];

  constructor(readonly columns = 80) {}

  write = (text: string) => {
    this.writes.push(text);
    let i = 0;
    while (i < text.length) {
      const csi = leadingCsi(text.slice(i));
      if (csi) {
        this.control(csi[1] ?? '', csi[2] ?? '');
        i += csi[0].length;
        continue;
      }
      const char = String.fromCodePoint(text.codePointAt(i) ?? 0);
      i += char.length;
      if (char === '\n') this.moveTo(this.row + 1, 0);
      else if (char === '\r') this.col = 0;
      else if (char === '\u001b') throw new Error(`unknown escape at ${JSON.stringify(text)}`);
      else this.put(char);
    }
    return true;
  };

  /** The screen's lines, trailing empty ones left out. */
  lines(): string[] {
    const lines = this.rows.map((cells) => cells.join('').trimEnd());
    while (lines.length > 0 && lines.at(-1) === '') lines.pop();
    return lines;
  }

  private put(char: string) {
    if (this.col >= this.columns) this.moveTo(this.row + 1, 0);
    const cells = this.rows[this.row] ?? [];
    while (cells.length < this.col) cells.push(' ');
    cells[this.col] = char;
    this.col += 1;
  }

  private moveTo(row: number, col: number) {
    this.row = Math.max(0, row);
    this.col = col;
    while (this.rows.length <= this.row) this.rows.push([]);
  }

  private control(params: string, command: string) {
    const n = params === '' ? 1 : Number(params);
    if (command === 'm') return;
    if (command === 'A') return this.moveTo(this.row - Math.max(1, n), this.col);
    if (command === 'F') return this.moveTo(this.row - Math.max(1, n), 0);
    if (command === 'J' && (params === '' || params === '0')) {
      this.rows[this.row] = (this.rows[this.row] ?? []).slice(0, this.col);
      this.rows.length = this.row + 1;
      return;
    }
    throw new Error(`unsupported control sequence ESC[${params}${command}`);
  }
}
