import type { StatusJson } from '../service/monitor-state.js';
import { isToChild, type ToParent } from './messages.js';

/** The `run --processes` parent, as one of its children sees it. */
export interface ParentChannel {
  /** Calls `listener` when the parent forwards a stop, at once if it already has. */
  onStop(listener: () => void): () => void;
  /** Calls `listener` when the parent forwards a SIGHUP. */
  onReload(listener: () => void): () => void;
  /** Answers the parent's status requests with `status()` until removed (before: null). */
  answerStatus(status: () => StatusJson): () => void;
  tell(message: ToParent): void;
  /** Stops listening, so the channel no longer keeps the process alive. */
  close(): void;
}

interface IpcProcess {
  connected?: boolean;
  send?: (
    message: unknown,
    handle: undefined,
    options: object,
    callback: (error: Error | null) => void,
  ) => unknown;
  on(event: 'message', listener: (message: unknown) => void): unknown;
  off(event: 'message', listener: (message: unknown) => void): unknown;
}

/** Listens to the parent from the first moment, keeping a stop that comes before anyone asks. */
export function parentChannel(proc: IpcProcess): ParentChannel {
  let stopped = false;
  const stops = new Set<() => void>();
  const reloads = new Set<() => void>();
  let status: (() => StatusJson) | undefined;
  // A parent that is gone cannot be told anything; its children leave on their own then.
  const tell = (message: ToParent) => {
    if (proc.connected !== false) proc.send?.(message, undefined, {}, () => {});
  };
  const onMessage = (message: unknown) => {
    if (!isToChild(message)) return;
    if (message.discloop === 'status')
      tell({ discloop: 'status', id: message.id, status: status?.() ?? null });
    else if (message.discloop === 'reload') for (const listener of [...reloads]) listener();
    else {
      stopped = true;
      for (const listener of [...stops]) listener();
    }
  };
  proc.on('message', onMessage);
  tell({ discloop: 'hello' });
  return {
    onStop(listener) {
      stops.add(listener);
      if (stopped) listener();
      return () => stops.delete(listener);
    },
    onReload(listener) {
      reloads.add(listener);
      return () => reloads.delete(listener);
    },
    answerStatus(answer) {
      status = answer;
      return () => {
        if (status === answer) status = undefined;
      };
    },
    tell,
    close: () => proc.off('message', onMessage),
  };
}
