import { describe, expect, it } from 'vitest';
import { exitKind, worseExit } from '../../../src/supervise/exits.js';

describe("what a child's exit means", () => {
  it.each([
    [0, null, { kind: 'finished' }],
    [2, null, { kind: 'refused', code: 2 }],
    [3, null, { kind: 'refused', code: 3 }],
    [4, null, { kind: 'refused', code: 4 }],
    [5, null, { kind: 'refused', code: 5 }],
    [130, null, { kind: 'interrupted' }],
    [1, null, { kind: 'crashed', why: 'exit code 1' }],
    [null, 'SIGKILL', { kind: 'crashed', why: 'killed by SIGKILL' }],
  ])('exit %s, signal %s: %o', (code, signal, kind) => {
    expect(exitKind(code, signal)).toEqual(kind);
  });

  it('the parent gives the most telling code: usage, token, intents, unreachable, failure, done', () => {
    const worst = (codes: number[]) => codes.reduce(worseExit, 0);
    expect(worst([0, 0])).toBe(0);
    expect(worst([0, 1, 0])).toBe(1);
    expect(worst([1, 5])).toBe(5);
    expect(worst([5, 4, 1])).toBe(4);
    expect(worst([4, 3])).toBe(3);
    expect(worst([3, 2, 5])).toBe(2);
  });
});
