/**
 * Whole lines out of a stream's chunks: each chunk's complete lines are passed on together (a
 * run's header and body, written at once, stay together), the rest waits for its line's end.
 */
export function lineBatches(emit: (lines: string[]) => void) {
  let partial = '';
  return {
    push(chunk: string) {
      const lines = (partial + chunk).split('\n');
      partial = lines.pop() ?? '';
      if (lines.length > 0) emit(lines);
    },
    /** The stream has ended: a last line without its line break is still a line. */
    end() {
      if (partial !== '') emit([partial]);
      partial = '';
    },
  };
}
