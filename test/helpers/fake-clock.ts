import type { Clock } from '../../src/schedule/clock.js';

interface Timer {
  id: number;
  at: number;
  callback: () => void;
}

/**
 * A deterministic clock for scheduler tests. Monotonic and wall time advance together unless
 * a test jumps the wall clock. `advance` fires timers in order and lets promise callbacks settle
 * after each one, so async runs finish where a real event loop would let them.
 */
export class FakeClock implements Clock {
  private mono = 0;
  private wallOffset: number;
  private timers: Timer[] = [];
  private nextId = 1;
  /** Every delay passed to setTimer, in call order. */
  readonly delays: number[] = [];
  randomValue = 0.5;
  /** Extra delay each timer fires with, as a busy event loop would add. */
  lateness: () => number = () => 0;

  constructor(startWall = Date.UTC(2026, 0, 1)) {
    this.wallOffset = startWall;
  }

  now = () => this.wallOffset + this.mono;
  monotonic = () => this.mono;
  random = () => this.randomValue;

  setTimer = (callback: () => void, ms: number) => {
    this.delays.push(ms);
    const timer = { id: this.nextId++, at: this.mono + ms + this.lateness(), callback };
    this.timers.push(timer);
    return timer.id;
  };

  clearTimer = (handle: unknown) => {
    this.timers = this.timers.filter((timer) => timer.id !== handle);
  };

  get pendingTimers(): number {
    return this.timers.length;
  }

  /** Moves time forward by `ms`, firing due timers one by one. */
  async advance(ms: number): Promise<void> {
    const target = this.mono + ms;
    await settle();
    for (;;) {
      const next = this.timers
        .filter((t) => t.at <= target)
        .sort((a, b) => a.at - b.at || a.id - b.id)[0];
      if (!next) break;
      this.timers = this.timers.filter((t) => t !== next);
      this.mono = Math.max(this.mono, next.at);
      next.callback();
      await settle();
    }
    this.mono = target;
    await settle();
  }

  /** Time passes without timers firing (a suspended process), then the late timers fire. */
  async pause(ms: number): Promise<void> {
    this.mono += ms;
    await this.advance(0);
  }

  /** Moves the wall clock only (an NTP correction or DST-unaware jump). */
  jumpWall(ms: number): void {
    this.wallOffset += ms;
  }
}

async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}
