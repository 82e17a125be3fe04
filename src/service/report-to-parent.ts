import type { Reporter } from '../output/events.js';
import type { ParentChannel } from '../supervise/parent-channel.js';
import { answerClusterScrapes } from './cluster-metrics.js';
import { type WatchOptions, watchRun } from './monitor.js';

/**
 * A child of `run --processes --metrics`: it watches its run as one process would, serves
 * nothing, and answers its parent, which serves for all: its status over the parent channel,
 * its metrics by prom-client's cluster protocol.
 */
export function reportToParent(
  options: WatchOptions,
  parent: Pick<ParentChannel, 'answerStatus' | 'tell'>,
): { reporter: Reporter; close(): Promise<void> } {
  const { state, metrics, reporter } = watchRun(options);
  answerClusterScrapes(metrics.registries(), () => options.shardsHere?.() ?? '');
  parent.tell({ discloop: 'metrics' });
  const stopAnswering = parent.answerStatus(state.status);
  return {
    reporter,
    close: async () => stopAnswering(),
  };
}
