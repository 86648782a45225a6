import { type ArmedFault, armFault, type FaultSpec } from './fault.js';

/** The faults waiting for their routes, applied first-in first-out. */
export class FaultPlan {
  #faults: ArmedFault[] = [];

  inject(spec: FaultSpec): ArmedFault {
    const fault = armFault(spec);
    this.#faults.push(fault);
    return fault;
  }

  /**
   * The fault for this request, counted as used; undefined when none applies. Matches the route
   * template (`GET /ums/v2/services/{id}`), the concrete path, or `*`.
   */
  take(routeKey: string, method: string, path: string): ArmedFault | undefined {
    if (this.#faults.length === 0) return undefined;
    const concrete = `${method} ${path}`;
    const index = this.#faults.findIndex(
      (fault) => fault.route === '*' || fault.route === routeKey || fault.route === concrete,
    );
    if (index === -1) return undefined;
    const fault = this.#faults[index] as ArmedFault;
    fault.remaining -= 1;
    if (fault.remaining <= 0) this.#faults.splice(index, 1);
    return fault;
  }

  get pending(): readonly ArmedFault[] {
    return this.#faults.map((fault) => ({ ...fault }));
  }

  clear(): void {
    this.#faults = [];
  }
}
