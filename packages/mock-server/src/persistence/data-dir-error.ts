/** Why a `--data-dir` could not be loaded or written. */
export type DataDirErrorCode =
  /** A journal line that is complete (newline-terminated) but not a valid record, or that does not fit the state. */
  | 'journal_corrupt'
  /** The snapshot file is not a valid snapshot. */
  | 'snapshot_corrupt'
  /** A blob file that a stored attachment needs is missing or unreadable. */
  | 'blob_missing'
  /** Another live process holds the directory (its `lock` file names a running pid). */
  | 'locked';

/**
 * A data directory the mock refuses to load: the message names the file (and
 * line), so nothing is ever loaded partially without a word.
 */
export class DataDirError extends Error {
  /** Machine-readable reason. */
  readonly code: DataDirErrorCode;
  /** The file at fault (absolute path). */
  readonly file: string;
  /** The 1-based journal line, when the fault is on one. */
  readonly line: number | null;

  constructor(init: { code: DataDirErrorCode; file: string; line?: number; reason: string }) {
    super(`${init.file}${init.line !== undefined ? `:${init.line}` : ''}: ${init.reason} (${init.code})`);
    this.name = 'DataDirError';
    this.code = init.code;
    this.file = init.file;
    this.line = init.line ?? null;
  }
}
