import { Client } from 'pg';

/**
 * The channel on which a projection announces that a cycle's read model changed (its row or one of its units'
 * sheets): `pg_notify` in the statement that wrote it, so the announcement is delivered at commit, only when
 * something was written, and never for a transaction that rolled back. The payload is the cycle's id.
 */
export const CYCLE_CHANGED_CHANNEL = 'thidua_cycle_changed';

/** How long a waiter sleeps between its own checks while the feed has no live connection. */
const FALLBACK_CHECK_MS = 1000;
/** The first reconnection delay after the feed's connection broke; doubled up to the maximum. */
const RECONNECT_MS = 500;
const RECONNECT_MAX_MS = 15_000;

/**
 * Wakes the API's waiters when a cycle changes: one connection per API process listening on the channel, opened on the
 * first wait and reopened after a failure. A waiter always re-checks the read model itself after a wake, so a lost
 * notification (the connection broke, a pooler in transaction mode that drops LISTEN) costs at most the fallback's one
 * second, never a missed change.
 */
export class CycleChangeFeed {
  private client?: Client;
  private connecting?: Promise<void>;
  private live = false;
  private closed = false;
  private reconnectDelay = RECONNECT_MS;
  private reconnectTimer?: NodeJS.Timeout;
  private readonly watches = new Map<string, Set<CycleWatch>>();

  constructor(private readonly databaseUrl: string) {}

  /**
   * Watches `cycleId` from now on: a change announced after this call is never missed, even one that arrives before
   * the caller's first `next`. Close the watch when done. Only `until` opens one.
   */
  private watch(cycleId: string): CycleWatch {
    this.ensureListening();
    const set = this.watches.get(cycleId) ?? new Set<CycleWatch>();
    const watch = new CycleWatch(
      () => this.listening,
      () => {
        set.delete(watch);
        if (set.size === 0 && this.watches.get(cycleId) === set) this.watches.delete(cycleId);
      },
    );
    set.add(watch);
    this.watches.set(cycleId, set);
    return watch;
  }

  /**
   * Asks `probe` until it answers something, woken by `cycleId`'s announced changes, for at most `ms`: its answer, or
   * undefined when the time ran out or the feed closed (a shutting-down API answers its waiters at once). The watch
   * opens before the first probe, so a change committed between a probe and the wait still wakes it.
   */
  async until<T>(cycleId: string, ms: number, probe: () => Promise<T | undefined>): Promise<T | undefined> {
    const deadline = Date.now() + ms;
    const watch = this.watch(cycleId);
    try {
      for (;;) {
        const answer = await probe();
        if (answer !== undefined) return answer;
        const left = deadline - Date.now();
        if (left <= 0 || this.closed) return undefined;
        await watch.next(left);
      }
    } finally {
      watch.close();
    }
  }

  /** After close (the API shutting down): waiters answer at once instead of waiting. */
  get isClosed(): boolean {
    return this.closed;
  }

  /** Whether the feed's connection is listening now (for the tests and the health of the process). */
  get listening(): boolean {
    return this.live && !this.closed;
  }

  /** Open watches now (for the tests). */
  get watching(): number {
    let n = 0;
    for (const set of this.watches.values()) n += set.size;
    return n;
  }

  /** Nest's shutdown hook (the API closes the feed's connection with the rest). */
  onModuleDestroy(): Promise<void> {
    return this.close();
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.reconnectTimer);
    this.wakeAll();
    const client = this.client;
    this.client = undefined;
    this.live = false;
    await this.connecting?.catch(() => undefined);
    await client?.end().catch(() => undefined);
  }

  private ensureListening(): void {
    if (this.client || this.connecting || this.reconnectTimer || this.closed) return;
    this.connecting = this.listen().finally(() => (this.connecting = undefined));
  }

  private async listen(): Promise<void> {
    const client = new Client({ connectionString: this.databaseUrl, connectionTimeoutMillis: 10_000 });
    // A broken connection: every waiter checks for itself, and the feed reconnects with a growing delay.
    const broken = () => {
      if (this.client !== client) return;
      this.client = undefined;
      this.live = false;
      void client.end().catch(() => undefined);
      this.wakeAll();
      this.scheduleReconnect();
    };
    client.on('error', broken);
    client.on('end', broken);
    client.on('notification', (n) => {
      if (n.channel !== CYCLE_CHANGED_CHANNEL || !n.payload) return;
      for (const watch of this.watches.get(n.payload) ?? []) watch.notify();
    });
    this.client = client;
    try {
      await client.connect();
      await client.query(`LISTEN ${CYCLE_CHANGED_CHANNEL}`);
      if (this.closed) return void (await client.end().catch(() => undefined));
      this.live = true;
      this.reconnectDelay = RECONNECT_MS;
    } catch {
      broken();
    }
  }

  private scheduleReconnect(): void {
    if (this.closed || this.reconnectTimer) return;
    const delay = this.reconnectDelay;
    this.reconnectDelay = Math.min(this.reconnectDelay * 2, RECONNECT_MAX_MS);
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      if (this.watches.size > 0) this.ensureListening();
    }, delay);
    this.reconnectTimer.unref();
  }

  private wakeAll(): void {
    for (const set of this.watches.values()) for (const watch of set) watch.notify();
  }
}

/** One caller's watch of one cycle (CycleChangeFeed.watch). */
export class CycleWatch {
  private fired = false;
  private wake?: () => void;

  constructor(
    private readonly listening: () => boolean,
    private readonly unregister: () => void,
  ) {}

  /** Called by the feed: a change was announced (or the feed lost its connection). */
  notify(): void {
    this.fired = true;
    this.wake?.();
  }

  /**
   * Resolves at the next announced change (at once if one came since the last call) or after `ms`, whichever comes
   * first; after at most a second while the feed is not listening. A wake is a hint: the caller checks again.
   */
  async next(ms: number): Promise<void> {
    if (!this.fired && ms > 0) {
      const wait = this.listening() ? ms : Math.min(ms, FALLBACK_CHECK_MS);
      await new Promise<void>((resolve) => {
        let timer: NodeJS.Timeout | undefined = undefined;
        const done = () => {
          clearTimeout(timer);
          this.wake = undefined;
          resolve();
        };
        timer = setTimeout(done, wait);
        this.wake = done;
      });
    }
    this.fired = false;
  }

  close(): void {
    this.fired = true;
    this.wake?.();
    this.unregister();
  }
}
