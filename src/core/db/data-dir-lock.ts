import fs from 'node:fs';
import path from 'node:path';

// PGlite holds its data folder alone: a second process opening it would corrupt it. The first process to
// start writes a lock file with its pid; another one refuses to open the folder while that process lives.
export class DataDirLockedError extends Error {
  constructor(
    readonly holderPid: number,
    readonly holderRole: string,
  ) {
    super(`data folder in use by process ${holderPid} (${holderRole})`);
  }
}

type LockContent = { pid: number; role: string; since: string };

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function acquireDataDirLock(dataDir: string, role: string): () => void {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, 'vigie.lock');
  const content: LockContent = { pid: process.pid, role, since: new Date().toISOString() };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(file, JSON.stringify(content), { flag: 'wx', mode: 0o600 });
      return () => {
        try {
          const current = JSON.parse(fs.readFileSync(file, 'utf8')) as LockContent;
          if (current.pid === process.pid) fs.unlinkSync(file);
        } catch {
          // Already gone: nothing to release.
        }
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      let holder: LockContent | undefined;
      try {
        holder = JSON.parse(fs.readFileSync(file, 'utf8')) as LockContent;
      } catch {
        holder = undefined;
      }
      if (holder && holder.pid !== process.pid && processAlive(holder.pid)) {
        throw new DataDirLockedError(holder.pid, holder.role);
      }
      // A stale lock from a process that died: take it over.
      fs.rmSync(file, { force: true });
    }
  }
  throw new Error(`could not lock the data folder ${dataDir}`);
}
