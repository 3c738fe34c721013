/** Failures to serve the next requests of a method with. Counts go down as requests use them. */
export interface Fault {
  /** Answer the next n requests with HTTP 500. */
  status500?: number;
  /** Wait this long before answering every request of the method (until cleared). */
  delayMs?: number;
  /** Destroy the socket of the next n requests without answering. */
  drop?: number;
  /** Answer the next n requests with HTTP 429 and `Retry-After: 1`. */
  burst429?: number;
}

export type FaultAction = 'status500' | 'drop' | 'burst429' | undefined;

export class Faults {
  private readonly byMethod = new Map<string, Fault>();

  constructor(initial: Record<string, Fault> = {}) {
    for (const [method, fault] of Object.entries(initial)) this.inject(method, fault);
  }

  /** Adds to what is pending for `method` (`'*'` for every method). */
  inject(method: string, fault: Fault): void {
    const current = this.byMethod.get(method) ?? {};
    const add = (a: number | undefined, b: number | undefined): number | undefined =>
      a === undefined && b === undefined ? undefined : (a ?? 0) + (b ?? 0);
    this.byMethod.set(method, {
      status500: add(current.status500, fault.status500),
      drop: add(current.drop, fault.drop),
      burst429: add(current.burst429, fault.burst429),
      delayMs: fault.delayMs ?? current.delayMs,
    });
  }

  clear(method?: string): void {
    if (method === undefined) this.byMethod.clear();
    else this.byMethod.delete(method);
  }

  delayOf(method: string): number {
    return (this.byMethod.get(method)?.delayMs ?? 0) + (this.byMethod.get('*')?.delayMs ?? 0);
  }

  /** The failure to apply to this request, used up as it is returned. */
  take(method: string): FaultAction {
    for (const key of [method, '*']) {
      const fault = this.byMethod.get(key);
      if (!fault) continue;
      for (const action of ['drop', 'status500', 'burst429'] as const) {
        const n = fault[action];
        if (n !== undefined && n > 0) {
          fault[action] = n - 1;
          return action;
        }
      }
    }
    return undefined;
  }
}
