import { describe, expect, it } from 'vitest';
import { ActionError, RunTimeoutError } from '../../../src/errors.js';
import { describeRunError } from '../../../src/output/describe-run-error.js';
import type { ReportEvent } from '../../../src/output/events.js';
import { jsonReporter } from '../../../src/output/json-reporter.js';
import { createSink } from '../../../src/output/sink.js';
import { styleFor } from '../../../src/output/style.js';
import { textReporter } from '../../../src/output/text-reporter.js';

const failedRun = (error: unknown): ReportEvent => ({
  type: 'run',
  loop: 'l',
  action: 'send-message',
  iteration: 1,
  scheduledAt: 0,
  startedAt: 0,
  finishedAt: 5,
  attempts: 1,
  count: undefined,
  ok: false,
  error: describeRunError(error),
});

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  const sink = createSink(
    { write: (t: string) => out.push(t) },
    { write: (t: string) => err.push(t) },
  );
  return { sink, out: () => out.join(''), err: () => err.join('') };
}

describe('describing a failed run', () => {
  it("keeps the code of discloop's own errors: the user can act on them", () => {
    expect(describeRunError(new ActionError('missing_permissions', 'no Send Messages'))).toEqual({
      code: 'missing_permissions',
      message: 'no Send Messages',
    });
    expect(describeRunError(new RunTimeoutError(3000))).toMatchObject({ code: 'timeout' });
  });

  it('reports anything else an action throws as internal, with its stack', () => {
    const described = describeRunError(
      new TypeError("Cannot read properties of undefined (reading 'id')"),
    );
    expect(described.code).toBe('internal');
    expect(described.message).toBe("TypeError: Cannot read properties of undefined (reading 'id')");
    expect(described.stack).toContain('describe-run-error.test.ts');
  });

  it('shows the stack of an internal error in text and NDJSON only under -v', () => {
    const event = failedRun(new TypeError('boom'));
    for (const verbosity of ['normal', 'verbose'] as const) {
      const text = capture();
      textReporter({ sink: text.sink, style: styleFor(false), once: false, verbosity }).report(
        event,
      );
      const json = capture();
      jsonReporter({ sink: json.sink, now: () => 0, once: false, verbosity }).report(event);
      const line = JSON.parse(json.out());
      expect(line.error.code).toBe('internal');
      if (verbosity === 'verbose') {
        expect(text.err()).toContain('describe-run-error.test.ts');
        expect(line.error.stack).toContain('TypeError: boom');
      } else {
        expect(text.err()).not.toContain('describe-run-error.test.ts');
        expect(line.error.stack).toBeUndefined();
      }
    }
  });
});
