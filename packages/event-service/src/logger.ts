/**
 * A minimal logger the clients write to. Pass `console`, pino, or your own.
 * Messages never contain tokens; structured context goes in the second
 * argument.
 */
export interface Logger {
  /** Dropped input and other detail useful only when debugging. */
  debug(message: string, context?: Record<string, unknown>): void;
  /** Something went wrong that the client recovered from. */
  warn(message: string, context?: Record<string, unknown>): void;
  /** Something went wrong that the caller should know about. */
  error(message: string, context?: Record<string, unknown>): void;
}

/** A logger that discards everything. The default for every client. */
export const noopLogger: Logger = {
  debug() {},
  warn() {},
  error() {},
};
