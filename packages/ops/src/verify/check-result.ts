/** One check of `pnpm ops verify`: a PASS or FAIL line, what to do on a FAIL, and lines under it. */
export interface CheckResult {
  readonly ok: boolean;
  /** The rest of the PASS/FAIL line. */
  readonly summary: string;
  /** On a FAIL: what to do about it. */
  readonly hint?: string;
  /** Shown under the line, indented: the health check's steps, the drift table. */
  readonly detail?: readonly string[];
}
