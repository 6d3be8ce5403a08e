/** Thrown by `startMockServer({ deviations })` and `--deviate` for a name that is not in the catalogue. */
export class UnknownDeviationError extends Error {
  /** Machine-readable code. */
  readonly code = 'unknown_deviation';
  /** The names given that are not in the catalogue. */
  readonly unknown: readonly string[];
  /** Every valid name. */
  readonly valid: readonly string[];

  constructor(unknown: readonly string[], valid: readonly string[]) {
    super(`unknown mock deviation ${unknown.map((n) => JSON.stringify(n)).join(', ')}; valid names: ${valid.join(', ')}`);
    this.name = 'UnknownDeviationError';
    this.unknown = unknown;
    this.valid = valid;
  }
}
