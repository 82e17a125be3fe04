import { describe, expect, it } from 'vitest';
import {
  checkNoShardChoice,
  childArgs,
  childEnv,
  childPlans,
  processCountOf,
} from '../../../src/supervise/child-plans.js';

describe('the children of run --processes', () => {
  it('split the shards as --process-index does, labelled by range', () => {
    expect(childPlans(2, 4).map((p) => p.shards)).toEqual(['0-1', '2-3']);
    expect(childPlans(3, 8).map((p) => p.shards)).toEqual(['0-2', '3-5', '6-7']);
    expect(childPlans(4, 4).map((p) => p.shards)).toEqual(['0', '1', '2', '3']);
    expect(childPlans(1, 1)).toEqual([{ index: 0, of: 1, ids: [0], shards: '0' }]);
  });

  it.each([
    ['0', '--processes expects a whole number above 0, got "0"'],
    ['two', '--processes expects a whole number above 0, got "two"'],
    ['1.5', '--processes expects a whole number above 0, got "1.5"'],
  ])('--processes %s is a usage error', (text, message) => {
    expect(() => processCountOf(text)).toThrow(message);
  });

  it('more processes than shards is a usage error', () => {
    expect(() => childPlans(5, 4)).toThrow(
      "--processes 5 is more than the bot's 4 shards: each process needs one at least.",
    );
  });

  it.each([
    [{ shards: '0-1' }, {}, '--shards'],
    [{ processIndex: '0', processCount: '2' }, {}, '--process-index, --process-count'],
    [{}, { DISCLOOP_SHARDS: '0' }, 'DISCLOOP_SHARDS'],
    [{}, { DISCLOOP_PROCESS_INDEX: '1' }, 'DISCLOOP_PROCESS_INDEX'],
  ])('goes with no other choice of shards: %o %o', (flags, env, named) => {
    expect(() => checkNoShardChoice(flags, env)).toThrow(`it does not go with ${named}.`);
  });

  it('run the same config with their index, the count and the options given', () => {
    const command = { file: '/srv/loops.yaml', passOn: ['--json', '--fresh'], shardCount: 4 };
    const [first] = childPlans(2, 4);
    if (!first) throw new Error('no plan');
    expect(childArgs(command, first, false)).toEqual([
      'run',
      '/srv/loops.yaml',
      '--json',
      '--fresh',
      '--process-index',
      '0',
      '--process-count',
      '2',
      '--shard-count',
      '4',
    ]);
    // A restart continues from the state: --fresh was for the first start.
    expect(childArgs(command, first, true)).not.toContain('--fresh');
    // Options of its own come after those passed on.
    const own = { ...command, own: (plan: { shards: string }) => [`--state=s.${plan.shards}`] };
    expect(childArgs(own, first, false).slice(2, 5)).toEqual([
      '--json',
      '--fresh',
      '--state=s.0-1',
    ]);
  });

  it('get the token in their environment, never as an argument', () => {
    const env = childEnv(
      { PATH: '/bin', DISCLOOP_SHARD_COUNT: '8' },
      { token: 'secret', apiUrl: 'http://127.0.0.1:1/api' },
    );
    expect(env).toEqual({
      PATH: '/bin',
      DISCORD_TOKEN: 'secret',
      DISCLOOP_API_URL: 'http://127.0.0.1:1/api',
      DISCLOOP_SHARD_COUNT: undefined,
      DISCLOOP_METRICS: undefined,
      DISCLOOP_SUPERVISED: '1',
    });
  });

  it('serve no metrics themselves: with --metrics they keep them for the parent', () => {
    const endpoint = { token: 'secret', apiUrl: 'http://127.0.0.1:1/api' };
    const env = { DISCLOOP_METRICS: '9464' };
    expect(childEnv(env, endpoint, true)).toMatchObject({
      DISCLOOP_METRICS: undefined,
      DISCLOOP_METRICS_TO_PARENT: '1',
    });
    expect(childEnv(env, endpoint)).not.toHaveProperty('DISCLOOP_METRICS_TO_PARENT');
  });
});
