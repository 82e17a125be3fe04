import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { parentChannel } from '../../../src/supervise/parent-channel.js';

/** A process with an IPC channel: what it sent, and a way to deliver a message to it. */
function ipcProcess() {
  const emitter = new EventEmitter();
  const sent: unknown[] = [];
  return {
    sent,
    deliver: (message: unknown) => emitter.emit('message', message),
    proc: {
      connected: true,
      send: (message: unknown) => sent.push(message),
      on: (event: 'message', listener: (message: unknown) => void) => emitter.on(event, listener),
      off: (event: 'message', listener: (message: unknown) => void) => emitter.off(event, listener),
    },
  };
}

describe("a child's channel to its --processes parent", () => {
  it('says hello, then tells what it is asked to', () => {
    const ipc = ipcProcess();
    const channel = parentChannel(ipc.proc);
    channel.tell({ discloop: 'loops', count: 2 });
    expect(ipc.sent).toEqual([{ discloop: 'hello' }, { discloop: 'loops', count: 2 }]);
  });

  it('keeps a stop that came before anyone listened', () => {
    const ipc = ipcProcess();
    const channel = parentChannel(ipc.proc);
    ipc.deliver({ discloop: 'stop' });
    let stops = 0;
    channel.onStop(() => stops++);
    expect(stops).toBe(1);
  });

  it('passes on reloads to whoever listens, and ignores other messages', () => {
    const ipc = ipcProcess();
    const channel = parentChannel(ipc.proc);
    let reloads = 0;
    const off = channel.onReload(() => reloads++);
    ipc.deliver({ discloop: 'reload' });
    ipc.deliver({ cmd: 'NODE_SOMETHING' });
    ipc.deliver('reload');
    off();
    ipc.deliver({ discloop: 'reload' });
    expect(reloads).toBe(1);
  });

  it("answers the parent's status requests: null until a status is given, and after it is taken back", () => {
    const ipc = ipcProcess();
    const channel = parentChannel(ipc.proc);
    const status = { now: 'now', ready: true, loops: [], shards: [] };
    ipc.deliver({ discloop: 'status', id: 1 });
    const stop = channel.answerStatus(() => status);
    ipc.deliver({ discloop: 'status', id: 2 });
    stop();
    ipc.deliver({ discloop: 'status', id: 3 });
    expect(ipc.sent.slice(1)).toEqual([
      { discloop: 'status', id: 1, status: null },
      { discloop: 'status', id: 2, status },
      { discloop: 'status', id: 3, status: null },
    ]);
  });
});
