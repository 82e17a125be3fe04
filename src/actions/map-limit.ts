/**
 * `items.map(fn)` with at most `limit` calls in flight. A member count over a thousand guilds
 * is a thousand REST requests: sent all at once they queue inside discord.js anyway (Discord
 * allows 50 a second) and hold their memory meanwhile.
 */
export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
