import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PluginBuild } from '../handler/plugin-entry.js';

/** A plugin a session serves: where it answers, and its package (for its definition). */
export interface SessionPlugin {
  name: string;
  url: string;
  dir: string;
}

/** What `pnpm start -- --serve` leaves for `pnpm invoke` to find it by. */
export interface DevSession {
  plugins: SessionPlugin[];
  /** The emulator, whose admin API signs tokens; absent against a real BioT. */
  emulatorUrl?: string;
  biotUrl: string;
  build: PluginBuild;
  pid: number;
  startedAt: string;
}

/**
 * Under `node_modules/.cache`, where tools keep machine-local state: never committed, and gone
 * with a fresh install.
 */
const DEFAULT_SESSION_FILE = fileURLToPath(
  new URL('../../../../node_modules/.cache/biot-plugin/dev-session.json', import.meta.url),
);

export async function writeDevSession(session: DevSession, file = DEFAULT_SESSION_FILE): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, `${JSON.stringify(session, null, 2)}\n`);
}

/** The running session, or undefined when there is none (no file, or its process has ended). */
export async function readDevSession(file = DEFAULT_SESSION_FILE): Promise<DevSession | undefined> {
  let session: DevSession;
  try {
    session = JSON.parse(await readFile(file, 'utf8')) as DevSession;
  } catch {
    return undefined;
  }
  return Array.isArray(session.plugins) && isRunning(session.pid) ? session : undefined;
}

/** Removes the file if it is still this process's (a newer session may have replaced it). */
export async function removeDevSession(file = DEFAULT_SESSION_FILE, pid = process.pid): Promise<void> {
  try {
    const session = JSON.parse(await readFile(file, 'utf8')) as Partial<DevSession>;
    if (session.pid === pid) await rm(file, { force: true });
  } catch {
    // Nothing to remove.
  }
}

function isRunning(pid: unknown): boolean {
  if (typeof pid !== 'number') return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
