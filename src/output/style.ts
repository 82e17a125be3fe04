/** ANSI styling that switches off for pipes, `--no-color` and `NO_COLOR`. */
export interface Style {
  dim(text: string): string;
  bold(text: string): string;
  red(text: string): string;
  yellow(text: string): string;
  green(text: string): string;
}

const wrap = (open: number, close: number) => (text: string) =>
  `\u001b[${open}m${text}\u001b[${close}m`;

const COLORED: Style = {
  dim: wrap(2, 22),
  bold: wrap(1, 22),
  red: wrap(31, 39),
  yellow: wrap(33, 39),
  green: wrap(32, 39),
};
const same = (text: string) => text;
const PLAIN: Style = { dim: same, bold: same, red: same, yellow: same, green: same };

export function styleFor(enabled: boolean): Style {
  return enabled ? COLORED : PLAIN;
}

/** Color only for a terminal, and never when the user asked for none (https://no-color.org). */
export function colorWanted(
  stream: { isTTY?: boolean },
  flag: boolean,
  env: NodeJS.ProcessEnv,
): boolean {
  return flag && stream.isTTY === true && !env.NO_COLOR;
}
