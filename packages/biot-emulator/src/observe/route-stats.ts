/** Request counts since start or the last reset. Unlike the request log, never truncated. */
export interface EmulatorStats {
  total: number;
  /** Keyed by `METHOD /route/{template}`. */
  byRoute: Record<string, number>;
}

export class RouteStats {
  #total = 0;
  readonly #byRoute = new Map<string, number>();

  count(routeKey: string): void {
    this.#total += 1;
    this.#byRoute.set(routeKey, (this.#byRoute.get(routeKey) ?? 0) + 1);
  }

  snapshot(): EmulatorStats {
    return { total: this.#total, byRoute: Object.fromEntries(this.#byRoute) };
  }

  clear(): void {
    this.#total = 0;
    this.#byRoute.clear();
  }
}
