import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  truncateSync,
  ftruncateSync,
  writeSync,
} from 'node:fs';
import { join, resolve } from 'node:path';
import type { Logger } from '@kilocode/event-service';
import type { ChatState } from '../core/chat-state.js';
import { STATE_CHANGE_TYPES, type StateChange } from '../core/state-change.js';
import { type StateDump, dumpState, restoreState } from '../core/state-dump.js';
import { DataDirError } from './data-dir-error.js';

/** The journal is compacted into the snapshot once it passes this many bytes: 8 MiB. */
export const DEFAULT_JOURNAL_COMPACT_BYTES = 8 * 1024 * 1024;

/** File names inside a data directory. */
export const DATA_DIR_FILES = {
  /** The state at some journal position (JSON), replaced atomically. */
  snapshot: 'snapshot.json',
  /** Change records after the snapshot, one JSON line per operation. */
  journal: 'journal.jsonl',
  /** Uploaded bytes, one file per stored upload. */
  blobs: 'blobs',
  /** The pid of the process that has the directory open; removed on close. */
  lock: 'lock',
} as const;

/** Options of {@link DataDirStore.open}. */
export interface DataDirStoreOptions {
  /** The directory (created when missing). */
  dir: string;
  /** Compact when the journal passes this many bytes. Default {@link DEFAULT_JOURNAL_COMPACT_BYTES}. */
  compactAfterBytes?: number;
  /** Where the torn-line notice and compaction failures go. */
  logger: Logger;
}

/** A snapshot file's content. */
interface SnapshotFile {
  format: 1;
  /** The journal seq the snapshot includes (lines at or below it are skipped on replay). */
  seq: number;
  state: StateDump;
  /** Blob key → file name under `blobs/`. */
  blobFiles: Record<string, string>;
}

/** A change as a journal line holds it: `blob.put` names a file instead of carrying bytes. */
type JournalChange = Exclude<StateChange, { type: 'blob.put' }> | { type: 'blob.put'; key: string; contentType: string | null; file: string };

const KNOWN_TYPES = new Set<string>(STATE_CHANGE_TYPES);

function fsyncDir(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function writeAll(fd: number, data: Uint8Array): void {
  let offset = 0;
  while (offset < data.byteLength) offset += writeSync(fd, data, offset, data.byteLength - offset);
}

/** Lock files this process holds (two servers in one process conflict as much as two processes). */
const heldHere = new Set<string>();

/** True when a process with that pid exists (signal 0 only checks). */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Writes a file and fsyncs it (not its directory). */
function writeFileDurably(path: string, data: Uint8Array): void {
  const fd = openSync(path, 'w');
  try {
    writeAll(fd, data);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * The crash-safe `--data-dir` store. At open it loads the snapshot, replays
 * the journal through the state's own reducer, compacts, and then listens on
 * the state's write door: each operation's changes become one journal line,
 * written and fsynced before the operation returns (so before its HTTP
 * response); uploaded bytes are written to their own file and fsynced first.
 */
export class DataDirStore {
  private readonly dir: string;
  private readonly journalPath: string;
  private readonly snapshotPath: string;
  private readonly blobsDir: string;
  private readonly compactAfterBytes: number;
  private readonly logger: Logger;
  private readonly blobFiles = new Map<string, string>();
  private journalFd: number | null = null;
  private journalBytes = 0;
  private seq = 0;
  private detach: (() => void) | null = null;
  private readonly lockPath: string;
  private locked = false;

  private constructor(private readonly state: ChatState, options: DataDirStoreOptions) {
    this.dir = options.dir;
    this.journalPath = join(options.dir, DATA_DIR_FILES.journal);
    this.snapshotPath = join(options.dir, DATA_DIR_FILES.snapshot);
    this.blobsDir = join(options.dir, DATA_DIR_FILES.blobs);
    this.lockPath = resolve(options.dir, DATA_DIR_FILES.lock);
    this.compactAfterBytes = options.compactAfterBytes ?? DEFAULT_JOURNAL_COMPACT_BYTES;
    this.logger = options.logger;
  }

  /**
   * Loads `options.dir` into `state` (which must be empty) and journals every
   * later change. Throws {@link DataDirError} for a corrupt snapshot, a
   * corrupt journal line other than a torn last one, a missing blob file, or
   * a directory another live process has open (`locked`: two writers would
   * interleave their journal lines and corrupt it).
   */
  static open(state: ChatState, options: DataDirStoreOptions): DataDirStore {
    const store = new DataDirStore(state, options);
    mkdirSync(options.dir, { recursive: true });
    store.lock();
    try {
      store.load();
    } catch (error) {
      store.close();
      throw error;
    }
    return store;
  }

  /** True when the state holds no user, sandbox or conversation. */
  static isEmpty(state: ChatState): boolean {
    return state.users.all().length === 0 && state.sandboxes.all().length === 0 && state.conversations.size === 0;
  }

  /** Writes a snapshot of the current state and restarts the journal. */
  compact(): void {
    const snapshot: SnapshotFile = {
      format: 1,
      seq: this.seq,
      state: dumpState(this.state),
      blobFiles: Object.fromEntries(this.blobFiles),
    };
    const tmp = `${this.snapshotPath}.tmp`;
    writeFileDurably(tmp, Buffer.from(JSON.stringify(snapshot)));
    renameSync(tmp, this.snapshotPath);
    fsyncDir(this.dir);
    if (this.journalFd !== null) {
      ftruncateSync(this.journalFd, 0);
      fsyncSync(this.journalFd);
    } else if (existsSync(this.journalPath)) {
      truncateSync(this.journalPath, 0);
    }
    this.journalBytes = 0;
    this.removeUnreferencedBlobFiles();
  }

  /** Stops journaling, closes the journal file and releases the directory's lock. */
  close(): void {
    this.detach?.();
    this.detach = null;
    if (this.journalFd !== null) closeSync(this.journalFd);
    this.journalFd = null;
    if (this.locked) {
      rmSync(this.lockPath, { force: true });
      heldHere.delete(this.lockPath);
    }
    this.locked = false;
  }

  /**
   * Takes the directory: creates `lock` holding this pid. A lock left by a
   * process that is gone (kill -9) is taken over; one whose pid is running
   * refuses with `locked`.
   */
  private lock(): void {
    for (let attempt = 0; attempt < 2; attempt += 1) {
      try {
        const fd = openSync(this.lockPath, 'wx');
        try {
          writeAll(fd, Buffer.from(`${process.pid}\n`));
        } finally {
          closeSync(fd);
        }
        this.locked = true;
        heldHere.add(this.lockPath);
        return;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      const holder = Number.parseInt(readFileSync(this.lockPath, 'utf8'), 10);
      const live = holder === process.pid ? heldHere.has(this.lockPath) : Number.isInteger(holder) && holder > 0 && isRunning(holder);
      if (live) {
        throw new DataDirError({
          code: 'locked',
          file: this.lockPath,
          reason: `the data directory is in use by process ${holder}; stop it first (or delete the lock file if that pid is not a mock server)`,
        });
      }
      rmSync(this.lockPath, { force: true });
    }
    throw new DataDirError({ code: 'locked', file: this.lockPath, reason: 'could not take the lock file' });
  }

  // ------------------------------------------------------------------ load

  private load(): void {
    mkdirSync(this.blobsDir, { recursive: true });
    rmSync(`${this.snapshotPath}.tmp`, { force: true });
    const missing = new Set<string>();
    if (existsSync(this.snapshotPath)) this.loadSnapshot(missing);
    const replayed = existsSync(this.journalPath) ? this.replayJournal(missing) : 0;
    for (const key of missing) {
      if (this.state.attachments.get(key) && !this.state.blobs.get(key)) {
        throw new DataDirError({ code: 'blob_missing', file: join(this.blobsDir, this.blobFiles.get(key) ?? key), reason: `the bytes of attachment ${key} are missing` });
      }
    }
    this.journalFd = openSync(this.journalPath, 'a');
    this.journalBytes = statSync(this.journalPath).size;
    if (replayed > 0) this.compact();
    else this.removeUnreferencedBlobFiles();
    this.detach = this.state.onCommit((changes) => this.append(changes));
  }

  private readBlob(file: string): Uint8Array | undefined {
    try {
      // A plain Uint8Array of its own: a Buffer may view a shared pool.
      return new Uint8Array(readFileSync(join(this.blobsDir, file)));
    } catch {
      return undefined;
    }
  }

  private loadSnapshot(missing: Set<string>): void {
    let snapshot: SnapshotFile;
    try {
      snapshot = JSON.parse(readFileSync(this.snapshotPath, 'utf8')) as SnapshotFile;
      if (snapshot?.format !== 1 || !Number.isInteger(snapshot.seq) || typeof snapshot.state !== 'object' || snapshot.state === null) {
        throw new Error('not a format-1 snapshot');
      }
    } catch (error) {
      throw new DataDirError({ code: 'snapshot_corrupt', file: this.snapshotPath, reason: `unreadable snapshot: ${(error as Error).message}` });
    }
    try {
      for (const [key, file] of Object.entries(snapshot.blobFiles ?? {})) this.blobFiles.set(key, file);
      restoreState(this.state, snapshot.state, (blob) => {
        const file = this.blobFiles.get(blob.key);
        const bytes = file === undefined ? undefined : this.readBlob(file);
        if (!bytes) missing.add(blob.key);
        return bytes;
      });
    } catch (error) {
      throw new DataDirError({ code: 'snapshot_corrupt', file: this.snapshotPath, reason: `snapshot does not load: ${(error as Error).message}` });
    }
    this.seq = snapshot.seq;
  }

  /** Replays the journal; returns how many lines were applied. */
  private replayJournal(missing: Set<string>): number {
    const data = readFileSync(this.journalPath);
    const end = data.lastIndexOf(0x0a) + 1;
    if (end < data.byteLength) {
      this.logger.warn(
        `${this.journalPath}: ignored a torn last line (${data.byteLength - end} bytes, no newline) left by an interrupted write; truncated it`,
      );
      truncateSync(this.journalPath, end);
    }
    const lines = data.subarray(0, end).toString('utf8').split('\n');
    lines.pop(); // the empty string after the final newline
    const snapshotSeq = this.seq;
    let applied = 0;
    lines.forEach((text, index) => {
      const lineNo = index + 1;
      const fail = (reason: string): never => {
        throw new DataDirError({ code: 'journal_corrupt', file: this.journalPath, line: lineNo, reason });
      };
      let record: { seq?: unknown; changes?: unknown };
      try {
        record = JSON.parse(text) as typeof record;
      } catch {
        return fail('not a JSON line');
      }
      if (typeof record !== 'object' || record === null || !Number.isInteger(record.seq) || !Array.isArray(record.changes)) {
        return fail('not a journal record ({seq, changes})');
      }
      const seq = record.seq as number;
      if (seq <= snapshotSeq) return; // already in the snapshot (a crash between snapshot and journal restart)
      if (seq <= this.seq) fail(`seq ${seq} does not follow ${this.seq}`);
      for (const change of record.changes as JournalChange[]) {
        if (typeof change !== 'object' || change === null || !KNOWN_TYPES.has(change.type)) fail('unknown change record');
      }
      try {
        for (const change of record.changes as JournalChange[]) {
          const decoded = this.decode(change, missing);
          if (decoded) this.state.apply(decoded);
        }
      } catch (error) {
        fail(`record does not apply: ${(error as Error).message}`);
      }
      this.seq = seq;
      applied += 1;
    });
    return applied;
  }

  /** The live change of a journal one; null for an upload whose file is gone (checked after replay). */
  private decode(change: JournalChange, missing: Set<string>): StateChange | null {
    if (change.type !== 'blob.put') return change;
    if (typeof change.file !== 'string' || change.file.includes('/') || change.file.includes('\\')) throw new Error('blob.put without a file name');
    this.blobFiles.set(change.key, change.file);
    const bytes = this.readBlob(change.file);
    if (bytes) {
      missing.delete(change.key);
      return { type: 'blob.put', key: change.key, contentType: change.contentType, bytes };
    }
    // Removed later (the attachment was deleted, or the upload replaced); checked after replay.
    missing.add(change.key);
    return null;
  }

  private removeUnreferencedBlobFiles(): void {
    for (const [key, file] of this.blobFiles) if (!this.state.blobs.get(key)) this.blobFiles.delete(key);
    const referenced = new Set(this.blobFiles.values());
    for (const name of readdirSync(this.blobsDir)) if (!referenced.has(name)) rmSync(join(this.blobsDir, name), { force: true });
  }

  // ----------------------------------------------------------------- write

  private append(changes: readonly StateChange[]): void {
    if (this.journalFd === null) return;
    const seq = this.seq + 1;
    const superseded: string[] = [];
    let wroteBlob = false;
    const encoded = changes.map((change, index): JournalChange => {
      if (change.type === 'attachment.delete') {
        const file = this.blobFiles.get(change.attachmentId);
        if (file !== undefined) superseded.push(file);
        this.blobFiles.delete(change.attachmentId);
        return change;
      }
      if (change.type !== 'blob.put') return change;
      const file = `${seq}-${index}.bin`;
      writeFileDurably(join(this.blobsDir, file), change.bytes);
      wroteBlob = true;
      const previous = this.blobFiles.get(change.key);
      if (previous !== undefined) superseded.push(previous);
      this.blobFiles.set(change.key, file);
      return { type: 'blob.put', key: change.key, contentType: change.contentType, file };
    });
    if (wroteBlob) fsyncDir(this.blobsDir);
    const line = Buffer.from(`${JSON.stringify({ seq, changes: encoded })}\n`);
    writeAll(this.journalFd, line);
    fsyncSync(this.journalFd);
    this.seq = seq;
    this.journalBytes += line.byteLength;
    for (const file of superseded) rmSync(join(this.blobsDir, file), { force: true });
    if (this.journalBytes > this.compactAfterBytes) {
      try {
        this.compact();
      } catch (error) {
        // The journal still holds every change; the next start compacts.
        this.logger.error(`compaction of ${this.dir} failed`, { error: (error as Error).message });
      }
    }
  }
}
