import { describe, expect, it } from 'vitest';
import { lineBatches } from '../../../src/supervise/line-batches.js';

describe('whole lines from chunks', () => {
  it('passes each chunk’s complete lines together and keeps a split line for its end', () => {
    const batches: string[][] = [];
    const lines = lineBatches((batch) => batches.push(batch));
    lines.push('{"a":1}\n{"b":');
    lines.push('2}\n');
    lines.push('head\nbody\n');
    lines.push('last');
    lines.end();
    expect(batches).toEqual([['{"a":1}'], ['{"b":2}'], ['head', 'body'], ['last']]);
  });
});
