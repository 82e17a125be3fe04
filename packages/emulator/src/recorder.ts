interface Waiter<T> {
  pred: (item: T) => boolean;
  resolve: (item: T) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

/**
 * An append-only log of what crossed the wire (REST requests or gateway payloads) that tests
 * can read and wait on. `waitFor` resolves with an existing match at once, otherwise with the
 * first future one, so a test never races the event it waits for.
 */
export class RecordLog<T extends { seq: number; at: number }> {
  readonly items: T[] = [];
  #seq = 0;
  readonly #waiters = new Set<Waiter<T>>();

  constructor(
    private readonly what: string,
    private readonly limit: number,
    private readonly describe: (item: T) => string,
  ) {}

  add(fields: Omit<T, 'seq' | 'at'>): T {
    const item = { ...fields, seq: ++this.#seq, at: Date.now() } as T;
    this.items.push(item);
    if (this.items.length > this.limit) this.items.splice(0, this.items.length - this.limit);
    for (const waiter of this.#waiters) {
      let matched = false;
      try {
        matched = waiter.pred(item);
      } catch (error) {
        this.#settle(waiter);
        waiter.reject(error instanceof Error ? error : new Error(String(error)));
        continue;
      }
      if (matched) {
        this.#settle(waiter);
        waiter.resolve(item);
      }
    }
    return item;
  }

  waitFor(pred: (item: T) => boolean, timeoutMs: number): Promise<T> {
    const existing = this.items.find(pred);
    if (existing) return Promise.resolve(existing);
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#waiters.delete(waiter);
        const recent = this.items.slice(-8).map(this.describe).join('\n    ');
        reject(
          new Error(
            `no matching ${this.what} within ${timeoutMs} ms (${this.items.length} recorded; latest:\n    ${recent || '(none)'})`,
          ),
        );
      }, timeoutMs);
      timer.unref();
      const waiter: Waiter<T> = { pred, resolve, reject, timer };
      this.#waiters.add(waiter);
    });
  }

  /** Fails every pending wait: the emulator is closing and nothing more will be recorded. */
  close(): void {
    for (const waiter of this.#waiters) {
      this.#settle(waiter);
      waiter.reject(new Error(`emulator closed while waiting for a ${this.what}`));
    }
  }

  #settle(waiter: Waiter<T>): void {
    clearTimeout(waiter.timer);
    this.#waiters.delete(waiter);
  }
}
