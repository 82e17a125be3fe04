import type { Worker } from 'node:cluster';
import type { ChildView } from '../service/merge-status.js';
import type { StatusJson } from '../service/monitor-state.js';
import type { ChildPlan } from './child-plans.js';
import { exitKind } from './exits.js';
import { isToParent, type ToChild } from './messages.js';

/** How long a child may take to answer before its previous answer stands in. */
const ANSWER_TIMEOUT_MS = 2000;
/** How long a scrape waits for starting children to answer prom-client, polling. */
const SCRAPABLE_WAIT_MS = 5000;
const POLL_MS = 50;

export interface ChildReports {
  /** For clusterStart: follows each child from its start to its exit. */
  onFork(plan: ChildPlan, worker: Worker): void;
  /** Asks every child that listens for its status, and gives each child's view. */
  collect(): Promise<ChildView[]>;
  /** Each child's range, and whether a process runs it now, without asking. */
  up(): { shards: string; up: boolean }[];
  /**
   * Resolves once every running child answers prom-client's metrics requests (or after a
   * while): prom-client asks every child, and one still starting would fail the whole scrape.
   */
  scrapable(): Promise<void>;
}

interface Slot {
  plan: ChildPlan;
  worker?: Worker;
  /** It said hello: a request now reaches a listener. */
  listening: boolean;
  /** It answers prom-client's metrics requests. */
  scrapable: boolean;
  answers: Map<number, (status: StatusJson | null) => void>;
  latest?: StatusJson;
  lastReady?: StatusJson;
  downSince?: number;
  finished: boolean;
}

/**
 * What the parent of `run --processes --metrics` knows of its children, over node:cluster's IPC
 * channel: each one's latest status, and since when one that crashed has been down.
 */
export function childReports(plans: readonly ChildPlan[], now: () => number): ChildReports {
  const slots = plans.map(
    (plan): Slot => ({
      plan,
      listening: false,
      scrapable: false,
      answers: new Map(),
      finished: false,
    }),
  );
  let nextId = 0;

  function heard(slot: Slot, status: StatusJson | null) {
    if (!status) return;
    slot.latest = status;
    if (!status.ready) return;
    slot.lastReady = status;
    slot.downSince = undefined;
  }

  async function ask(slot: Slot): Promise<void> {
    const { worker } = slot;
    if (!worker?.isConnected() || !slot.listening) return;
    const id = nextId++;
    const status = await new Promise<StatusJson | null>((resolve) => {
      const timer = setTimeout(() => resolve(null), ANSWER_TIMEOUT_MS);
      timer.unref();
      slot.answers.set(id, (answer) => {
        clearTimeout(timer);
        resolve(answer);
      });
      worker.send({ discloop: 'status', id } satisfies ToChild, undefined, () => {});
    });
    slot.answers.delete(id);
    if (slot.worker === worker) heard(slot, status);
  }

  return {
    onFork(plan, worker) {
      const slot = slots[plan.index];
      if (!slot) return;
      Object.assign(slot, { worker, listening: false, scrapable: false, finished: false });
      worker.on('message', (message: unknown) => {
        if (!isToParent(message) || slot.worker !== worker) return;
        if (message.discloop === 'hello') slot.listening = true;
        if (message.discloop === 'metrics') slot.scrapable = true;
        if (message.discloop === 'status') slot.answers.get(message.id)?.(message.status);
      });
      worker.on('exit', (code: number | null, signal: string | null) => {
        if (slot.worker !== worker) return;
        slot.worker = undefined;
        const kind = exitKind(code, signal).kind;
        // Done or refused, it is not coming back; anything else is a crash it restarts from.
        if (kind === 'finished' || kind === 'refused') slot.finished = true;
        else slot.downSince ??= now();
      });
    },
    async collect() {
      await Promise.all(slots.map(ask));
      return slots.map((slot) => ({
        name: `process ${slot.plan.index + 1} of ${slot.plan.of}`,
        shards: slot.plan.shards,
        ids: slot.plan.ids,
        latest: slot.latest,
        lastReady: slot.lastReady,
        downSince: slot.downSince,
        finished: slot.finished,
      }));
    },
    up: () => slots.map((slot) => ({ shards: slot.plan.shards, up: slot.worker !== undefined })),
    async scrapable() {
      const starting = () => slots.some((slot) => slot.worker?.isConnected() && !slot.scrapable);
      for (let waited = 0; starting() && waited < SCRAPABLE_WAIT_MS; waited += POLL_MS)
        await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    },
  };
}
