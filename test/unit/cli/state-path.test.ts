import { describe, expect, it } from 'vitest';
import type { CliContext } from '../../../src/cli/context.js';
import { rangeStateFile, statePathOf } from '../../../src/cli/state-path.js';
import type { ShardRequest } from '../../../src/connection/shards.js';

const ctx = { cwd: '/srv/bot', env: {} } as unknown as CliContext;

describe('where run keeps its state', () => {
  it.each<[ShardRequest, string]>([
    [{ kind: 'all' }, '/srv/bot/.discloop/state.json'],
    [{ kind: 'list', ids: [0, 1], count: 4 }, '/srv/bot/.discloop/state.shards-0-1-of-4.json'],
    [{ kind: 'list', ids: [0, 2, 3], count: 'auto' }, '/srv/bot/.discloop/state.shards-0_2-3.json'],
    // The I-th of P ranges: named by its range once the count is known (as --processes gives it).
    [{ kind: 'slice', index: 1, of: 2, count: 4 }, '/srv/bot/.discloop/state.shards-2-3-of-4.json'],
    [
      { kind: 'slice', index: 1, of: 2, count: 'auto' },
      '/srv/bot/.discloop/state.process-1-of-2.json',
    ],
  ])('%o: %s', (shards, expected) => {
    expect(statePathOf({ state: true }, 'loops.yaml', ctx, shards)).toBe(expected);
  });

  it('gives each --processes child its own file when the user named one', () => {
    expect(rangeStateFile('/var/lib/discloop/state.json', [0, 1], 4)).toBe(
      '/var/lib/discloop/state.shards-0-1-of-4.json',
    );
    expect(rangeStateFile('/var/lib/discloop/state', [2, 3], 4)).toBe(
      '/var/lib/discloop/state.shards-2-3-of-4',
    );
  });
});
