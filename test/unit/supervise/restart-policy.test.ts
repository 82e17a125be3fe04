import { describe, expect, it } from 'vitest';
import { afterCrash, type CrashRecord, noCrashes } from '../../../src/supervise/restart-policy.js';

/** Crashes at these times (s), each child having started `upFor` s before it crashed. */
function crashes(times: number[], upFor = 0.5) {
  let record: CrashRecord = noCrashes();
  return times.map((t) => {
    const decision = afterCrash(record, (t - upFor) * 1000, t * 1000);
    record = decision.record;
    return decision.restart ? decision.delayMs : 'give up';
  });
}

describe('restarting a crashed child', () => {
  it('waits 1 s, doubling with each crash in a row', () => {
    expect(crashes([0, 2, 5, 10])).toEqual([1000, 2000, 4000, 8000]);
  });

  it('never waits more than 60 s', () => {
    // Crashes spread out enough never to make five in a minute.
    expect(crashes([0, 20, 40, 62, 84, 106, 128, 150, 172])).toEqual([
      1000, 2000, 4000, 8000, 16000, 32000, 60000, 60000, 60000,
    ]);
  });

  it('gives up at the fifth crash within a minute', () => {
    expect(crashes([0, 2, 5, 10, 20])).toEqual([1000, 2000, 4000, 8000, 'give up']);
    expect(crashes([0, 2, 5, 10, 61])).toEqual([1000, 2000, 4000, 8000, 16000]);
  });

  it('starts again at 1 s for a child that ran a minute before crashing', () => {
    let record = afterCrash(noCrashes(), 0, 1000).record;
    record = afterCrash(record, 2000, 3000).record;
    const after = afterCrash(record, 4000, 70_000);
    expect(after).toMatchObject({ restart: true, delayMs: 1000 });
  });
});
