import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import type { CliContext } from '../../../src/cli/context.js';
import { onStopSignals } from '../../../src/cli/signals.js';
import { parentChannel } from '../../../src/supervise/parent-channel.js';

/** A context whose signals and parent messages the test sends, recording what came of them. */
function setUp(supervised: boolean) {
  const signals = new EventEmitter();
  const ipc = new EventEmitter();
  const exits: number[] = [];
  const said: string[] = [];
  let stops = 0;
  const parent = supervised
    ? parentChannel({
        send: () => true,
        on: (event, listener) => ipc.on(event, listener),
        off: (event, listener) => ipc.off(event, listener),
      })
    : undefined;
  const ctx = {
    signals,
    exitNow: (code: number) => exits.push(code),
    ...(parent ? { parent } : {}),
  } as unknown as CliContext;
  onStopSignals(
    ctx,
    () => stops++,
    (message) => said.push(message),
  );
  return {
    signal: (name: 'SIGINT' | 'SIGTERM') => signals.emit(name),
    forwarded: () => ipc.emit('message', { discloop: 'stop' }),
    exits,
    said,
    stops: () => stops,
  };
}

describe('stop signals', () => {
  it('stop gracefully at the first, quit with 130 at the second', () => {
    const s = setUp(false);
    s.signal('SIGINT');
    expect([s.stops(), s.exits]).toEqual([1, []]);
    expect(s.said).toEqual([
      'Stopping: no new runs; runs in flight may finish (Ctrl-C again to quit at once)…',
    ]);
    s.signal('SIGTERM');
    expect(s.exits).toEqual([130]);
  });

  it("in a --processes child, the parent's forwarded stop never counts as the second signal", () => {
    // The same Ctrl-C reaches the child directly and through the parent, in either order.
    for (const order of [
      ['forwarded', 'SIGINT'],
      ['SIGINT', 'forwarded'],
    ] as const) {
      const s = setUp(true);
      for (const step of order) step === 'forwarded' ? s.forwarded() : s.signal(step);
      expect([s.stops(), s.exits, s.said.length]).toEqual([1, [], 1]);
      // A second Ctrl-C reaches it directly again: that one quits at once.
      s.signal('SIGINT');
      expect(s.exits).toEqual([130]);
    }
  });
});
