import type { LoopSetup } from '../config/plans.js';
import { describeRunError } from '../output/describe-run-error.js';
import type { ReportEvent } from '../output/events.js';
import type { LoopEvent } from '../schedule/loop-runner.js';

/** A scheduler event as the reporters see it: a run gets its action, its count and its rendered text. */
export function toReportEvent(event: LoopEvent, setup: LoopSetup): ReportEvent {
  if (event.type === 'backoff') {
    if (!event.active)
      return { type: 'info', message: `${event.loop}: a run succeeded again; back on schedule.` };
    const { code, message } = describeRunError(event.error);
    return {
      type: 'warning',
      message: `${event.loop}: Discord keeps refusing its runs (${code}: ${message}) They are spaced out, up to one an hour, until one succeeds.`,
    };
  }
  if (event.type !== 'run') return event;
  const base = { ...event.run, action: setup.action.name, count: setup.plan.count };
  if (!event.ok) {
    const error = describeRunError(event.error);
    return {
      type: 'run',
      ...base,
      ok: false,
      error,
      ...(event.outcome ? { outcome: event.outcome } : {}),
    };
  }
  return {
    type: 'run',
    ...base,
    ok: true,
    data: event.value,
    text: setup.action.renderText(event.value),
  };
}
