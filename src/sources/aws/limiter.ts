/**
 * Bounded concurrency: at most `perKey` calls in flight for one (account, region, service), and at
 * most `total` overall. Waiters are served in arrival order.
 */
export class Semaphore {
  private active = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(private readonly limit: number) {}

  async acquire(): Promise<void> {
    if (this.active < this.limit) {
      this.active++;
      return;
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  release(): void {
    const next = this.waiting.shift();
    // The slot passes straight to the next waiter, so `active` stays the same.
    if (next) next();
    else this.active--;
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    await this.acquire();
    try {
      return await task();
    } finally {
      this.release();
    }
  }
}

export class KeyedLimiter {
  private readonly perKey = new Map<string, Semaphore>();
  private readonly overall: Semaphore;

  constructor(
    private readonly keyLimit: number,
    total: number,
  ) {
    this.overall = new Semaphore(total);
  }

  async run<T>(key: string, task: () => Promise<T>): Promise<T> {
    let semaphore = this.perKey.get(key);
    if (!semaphore) this.perKey.set(key, (semaphore = new Semaphore(this.keyLimit)));
    return semaphore.run(() => this.overall.run(task));
  }
}
