import { describe, expect, it } from 'vitest';
import { displayWidth, truncateToWidth } from '../../../src/output/text-width.js';

const bold = (text: string) => `\u001b[1m${text}\u001b[22m`;

describe('displayWidth', () => {
  it.each([
    ['plain', 'abc', 3],
    ['colors take no room', bold('abc'), 3],
    ['CJK is two columns a character', '日本', 4],
    ['an emoji is two columns', 'ok 👍', 5],
    ['a flag is one emoji', '🇫🇷', 2],
    ['a combining accent adds none', 'e\u0301', 1],
    ['symbols of the status area are one column', '✓✗—…·─', 6],
  ])('%s', (_, text, width) => {
    expect(displayWidth(text)).toBe(width);
  });
});

describe('truncateToWidth', () => {
  it.each([
    ['fits: unchanged', 'hello', 5, 'hello'],
    ['cut, with an ellipsis inside the width', 'hello world', 5, 'hell…'],
    ['no space left before the ellipsis', 'ab cd', 4, 'ab…'],
    ['a wide character that does not fit is left out whole', '日本語', 4, '日…'],
    ['width 1 is the ellipsis alone', 'hello', 1, '…'],
    ['width 0 is nothing', 'hello', 0, ''],
  ])('%s', (_, text, width, expected) => {
    expect(truncateToWidth(text, width)).toBe(expected);
  });

  it('keeps every escape sequence, so a color opened before the cut is still closed', () => {
    expect(truncateToWidth(`${bold('hello')} ${bold('world')}`, 4)).toBe(
      '\u001b[1mhel…\u001b[22m\u001b[1m\u001b[22m',
    );
  });
});
