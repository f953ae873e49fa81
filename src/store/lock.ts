import { linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname } from 'node:path';
import { wallClockMs } from '../runtime.ts';

/**
 * One build at a time per cache folder: builds and checks share the build state, and two at once
 * would each take the other's half-written output for its own.
 *
 * The lock is a file naming its holder (process id, its start time, the command, since when). It
 * is created with its content in one step (a hard link of a complete temporary file), so no one
 * ever reads a half-written lock. A holder that is gone (killed, crashed) is detected from its
 * process id and start time, and its lock is taken over.
 */

/** Who holds the lock. */
export interface LockHolder {
  pid: number;
  /** The process's start time as the system reports it (`/proc/<pid>/stat`), to tell a reused pid apart; null where unknown. */
  started: string | null;
  host: string;
  /** What runs: `build`, `check`, `dev`. */
  command: string;
  /** ISO 8601 time the lock was taken. */
  since: string;
}

/** Thrown when another live process holds the lock. */
export class BuildLockedError extends Error {
  readonly holder: LockHolder;
  constructor(holder: LockHolder) {
    super(
      `another ${holder.command === 'check' ? 'check' : 'build'} is running here (pid ${holder.pid}, since ${holder.since}): wait for it to finish, or stop it`,
    );
    this.name = 'BuildLockedError';
    this.holder = holder;
  }
}

/** The start time of process `pid` (field 22 of `/proc/<pid>/stat`), or null where there is no `/proc`. */
export function processStartTime(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may hold spaces: count fields after it.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch {
    return null;
  }
}

/** Whether the holder's process is still running (on this host; a lock of another host is taken as live). */
export function isAlive(holder: LockHolder): boolean {
  if (holder.host !== hostname()) return true;
  try {
    process.kill(holder.pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  const started = processStartTime(holder.pid);
  return holder.started === null || started === null || started === holder.started;
}

export class BuildLock {
  readonly file: string;
  readonly holder: LockHolder;
  #released = false;
  readonly #onExit = () => this.release();

  private constructor(file: string, holder: LockHolder) {
    this.file = file;
    this.holder = holder;
  }

  /**
   * Takes the lock `file` for `command`, or throws `BuildLockedError` when a live process holds it.
   * A lock left by a process that is gone is taken over; `onStale` is told about it. The lock is
   * released by `release()`, and in any case when this process exits.
   */
  static acquire(file: string, command: string, onStale: (holder: LockHolder) => void = () => {}): BuildLock {
    const holder: LockHolder = {
      pid: process.pid,
      started: processStartTime(process.pid),
      host: hostname(),
      command,
      since: new Date(wallClockMs()).toISOString(),
    };
    mkdirSync(dirname(file), { recursive: true });
    const temporary = `${file}.${process.pid}.new`;
    writeFileSync(temporary, JSON.stringify(holder));
    try {
      for (let attempt = 0; ; attempt++) {
        try {
          linkSync(temporary, file);
          break;
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        }
        const current = readHolder(file);
        if (current && (isAlive(current) || attempt > 1)) throw new BuildLockedError(current);
        if (attempt > 1) throw new Error(`the build lock ${file} could not be taken: remove it if no build is running`);
        if (current) onStale(current);
        rmSync(file, { force: true });
      }
    } finally {
      rmSync(temporary, { force: true });
    }
    const lock = new BuildLock(file, holder);
    process.once('exit', lock.#onExit);
    return lock;
  }

  /** Gives the lock up, if this process still holds it. */
  release(): void {
    if (this.#released) return;
    this.#released = true;
    process.off('exit', this.#onExit);
    if (readHolder(this.file)?.pid === this.holder.pid) rmSync(this.file, { force: true });
  }
}

/** The holder named in `file`; undefined when there is no lock or it cannot be read (then it is nobody's). */
function readHolder(file: string): LockHolder | undefined {
  try {
    const holder = JSON.parse(readFileSync(file, 'utf8')) as LockHolder;
    return typeof holder.pid === 'number' ? holder : undefined;
  } catch {
    return undefined;
  }
}
