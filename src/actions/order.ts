/**
 * Order by name as people read a list: case aside, then by id so the order is stable. Plain
 * code-unit comparison rather than localeCompare: the same everywhere, and no ICU collation
 * data to load (megabytes of memory) for sorting a few names.
 */
export function byName<T extends { id: string }>(
  name: (item: T) => string,
): (a: T, b: T) => number {
  const compare = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  return (a, b) =>
    compare(name(a).toLowerCase(), name(b).toLowerCase()) ||
    compare(name(a), name(b)) ||
    compare(a.id, b.id);
}
