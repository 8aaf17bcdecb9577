// One sandbox per data folder: LevelDB allows a single writer, and dynalite reports a second one
// only by crashing the process, so the sandbox takes a lock file first and names the holder.
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";

export class DataDirInUseError extends Error {
  constructor(dataDir: string, pid: number) {
    super(
      `${dataDir} is in use by another sandbox (process ${pid}); stop it or set HEED_DATA_DIR to another folder`,
    );
    this.name = "DataDirInUseError";
  }
}

const lockedHere = new Set<string>();

/** Locks the folder and returns the unlock. A lock whose process is gone is taken over. */
export function lockDataDir(dataDir: string): () => void {
  const lockFile = resolve(dataDir, "sandbox.lock");
  let holder: number | undefined;
  try {
    holder = Number(readFileSync(lockFile, "utf8"));
  } catch {
    holder = undefined;
  }
  if (holder && (holder !== process.pid || lockedHere.has(dataDir)) && isRunning(holder)) {
    throw new DataDirInUseError(dataDir, holder);
  }
  writeFileSync(lockFile, String(process.pid));
  lockedHere.add(dataDir);
  return () => {
    lockedHere.delete(dataDir);
    rmSync(lockFile, { force: true });
  };
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
