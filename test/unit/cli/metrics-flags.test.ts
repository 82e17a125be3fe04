import { describe, expect, it } from 'vitest';
import { metricsOptionsOf } from '../../../src/cli/metrics-flags.js';
import { UsageError } from '../../../src/errors.js';

describe('run --metrics / --health-grace', () => {
  it('serves nothing without --metrics or DISCLOOP_METRICS', () => {
    expect(metricsOptionsOf({}, {})).toBeUndefined();
    expect(metricsOptionsOf({}, { DISCLOOP_METRICS: '' })).toBeUndefined();
  });

  it('takes the flag over the variable, with a grace of 60s by default', () => {
    expect(metricsOptionsOf({ metrics: '9464' }, { DISCLOOP_METRICS: '9000' })).toEqual({
      listen: { host: '127.0.0.1', port: 9464 },
      healthGraceMs: 60_000,
    });
    expect(metricsOptionsOf({ healthGrace: '2m' }, { DISCLOOP_METRICS: '0.0.0.0:9000' })).toEqual({
      listen: { host: '0.0.0.0', port: 9000 },
      healthGraceMs: 120_000,
    });
  });

  it.each([
    [
      { metrics: 'abc' },
      {},
      '--metrics expects a port or host:port such as 9464 or 0.0.0.0:9464, not "abc".',
    ],
    [
      {},
      { DISCLOOP_METRICS: '99999' },
      'DISCLOOP_METRICS expects a port or host:port such as 9464 or 0.0.0.0:9464, not "99999".',
    ],
    [
      { metrics: '9464', healthGrace: '0s' },
      {},
      '--health-grace expects a positive duration such as 60s or 2m, not "0s".',
    ],
    [
      { metrics: '9464', healthGrace: '30' },
      {},
      '--health-grace expects a positive duration such as 60s or 2m, not "30".',
    ],
    [
      { metrics: '9464', healthGrace: '-5s' },
      {},
      '--health-grace expects a positive duration such as 60s or 2m, not "-5s".',
    ],
  ])('%j %j is a usage error', (flags, env, message) => {
    let thrown: unknown;
    try {
      metricsOptionsOf(flags, env);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(UsageError);
    expect((thrown as UsageError).message).toBe(message);
    expect((thrown as UsageError).exitCode).toBe(2);
  });
});
