import { describe, expect, it } from 'vitest';
import type { LoopSetup } from '../../../src/config/plans.js';
import { diffLoops } from '../../../src/run/loop-diff.js';
import { noopAction } from '../../helpers/one-loop.js';

const loop = (name: string, everyMs = 1000, options: Record<string, string> = {}): LoopSetup => ({
  plan: { name, schedule: { kind: 'interval', everyMs }, overlap: 'skip', onError: 'continue' },
  action: noopAction,
  options,
});

describe('the reload diff', () => {
  it('sorts loops by name into added, removed, changed and unchanged', () => {
    const diff = diffLoops(
      [loop('same'), loop('slower'), loop('reworded', 1000, { content: 'a' }), loop('gone')],
      [loop('same'), loop('slower', 5000), loop('reworded', 1000, { content: 'b' }), loop('new')],
    );
    expect(diff.unchanged).toEqual(['same']);
    expect(diff.changed.map((s) => s.plan.name)).toEqual(['slower', 'reworded']);
    expect(diff.added.map((s) => s.plan.name)).toEqual(['new']);
    expect(diff.removed).toEqual(['gone']);
  });

  it('an identical config changes nothing', () => {
    const loops = [loop('a'), loop('b', 2000)];
    expect(
      diffLoops(
        loops,
        loops.map((l) => ({ ...l })),
      ),
    ).toEqual({
      added: [],
      removed: [],
      changed: [],
      unchanged: ['a', 'b'],
    });
  });
});
