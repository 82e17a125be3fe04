/**
 * `compute`, answering each key once: for pure work that a large config repeats over equal
 * inputs (thousands of loops sharing a few schedules and zones). The memory lives as long as
 * the returned function: make one per use, or per module only where the keys are few (the zone
 * names and cron expressions configs use).
 */
export function memoize<A, R>(
  compute: (arg: A) => R,
  keyOf: (arg: A) => string = String,
): (arg: A) => R {
  const answers = new Map<string, R>();
  return (arg) => {
    const key = keyOf(arg);
    if (answers.has(key)) return answers.get(key) as R;
    const answer = compute(arg);
    answers.set(key, answer);
    return answer;
  };
}
