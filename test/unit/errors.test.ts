import { describe, expect, it } from 'vitest';
import { ActionError, DiscloopError, UsageError } from '../../src/errors.js';

/** What another copy of discloop (a plugin's own install) throws: its classes, the same brand. */
class OtherCopyError extends Error {
  readonly code = 'no_uptime';
  readonly exitCode = 1;
  readonly hint = undefined;
}
Object.defineProperty(OtherCopyError.prototype, Symbol.for('discloop.error'), { value: true });

describe("discloop's error family", () => {
  it('counts the errors of another copy of discloop as its own', () => {
    expect(new OtherCopyError('x')).toBeInstanceOf(DiscloopError);
    expect(new Error('x')).not.toBeInstanceOf(DiscloopError);
    expect((null as unknown) instanceof DiscloopError).toBe(false);
  });

  it('keeps subclasses apart', () => {
    const error = new ActionError('no_uptime', 'x');
    expect(error).toBeInstanceOf(DiscloopError);
    expect(error).toBeInstanceOf(ActionError);
    expect(error).not.toBeInstanceOf(UsageError);
    expect(new OtherCopyError('x')).not.toBeInstanceOf(ActionError);
  });
});
