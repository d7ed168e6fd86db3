import { constants } from 'node:fs';
import { access, type FileHandle, mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Storage } from './store.js';

/** Writes all of `bytes` (a write may take only part; the next one then says why, e.g. ENOSPC). */
async function writeAll(handle: FileHandle, bytes: Buffer): Promise<void> {
  for (let at = 0; at < bytes.length;) at += (await handle.write(bytes, at)).bytesWritten;
}

const codeOf = (err: unknown) => (err instanceof Error && 'code' in err ? String(err.code) : '');

/** Why `--data` cannot be used, and what to do about it. */
function unusable(file: string, err: unknown): Error {
  const code = codeOf(err);
  const why = code === 'EROFS' || code === 'EACCES' || code === 'EPERM'
    ? `its folder or the file is read-only (${code}). Pass a --data file in a folder the emulator may write to`
    : code === 'EISDIR' ? 'it is a folder. Pass a file name (e.g. --data verify-state.jsonl)'
      : `${code || (err instanceof Error ? err.message : String(err))}. Check the path`;
  return new Error(`Cannot keep the state in ${file}: ${why}.`);
}

/**
 * The emulator's journal (journal.ts) in a file (`--data`): each write appended and made durable
 * (fdatasync) before it is acknowledged. A compaction writes `<file>.compact`, syncs it and renames it
 * over the file, so a crash leaves the old journal or the new one, whole; a `.compact` file that a
 * crash left behind is removed on the next start.
 */
export function fileStorage(file: string): Storage {
  const dir = dirname(file);
  const compacting = `${file}.compact`;
  let handle: FileHandle | null = null;
  /** The journal's length in bytes after the last complete write. */
  let size = 0;
  /** Whether a failed write may have left part of its line, to cut off before the next write. */
  let torn = false;
  const opened = () => {
    if (!handle) throw new Error(`${file} is not open: load() it first.`);
    return handle;
  };

  return {
    name: file,
    async load() {
      let text: string | null = null;
      try {
        await mkdir(dir, { recursive: true });
        await rm(compacting, { force: true });
        // Compactions rename in the folder, so it must be writable, not just the file.
        await access(dir, constants.W_OK);
        handle = await open(file, 'a');
        text = await readFile(file, 'utf8');
        size = Buffer.byteLength(text);
      } catch (err) {
        await handle?.close();
        handle = null;
        throw unusable(file, err);
      }
      return text || null;
    },
    async append(lines) {
      const h = opened();
      try {
        // A full disk can take part of a line: that part goes before anything else is written.
        if (torn) await h.truncate(size);
        torn = false;
        const bytes = Buffer.from(lines);
        torn = true;
        await writeAll(h, bytes);
        await h.datasync();
        torn = false;
        size += bytes.length;
      } catch (err) {
        if (torn) await h.truncate(size).then(() => (torn = false), () => {});
        throw err;
      }
    },
    async replace(chunks) {
      const out = await open(compacting, 'w');
      let written = 0;
      try {
        try {
          for (const chunk of chunks) {
            const bytes = Buffer.from(chunk);
            await writeAll(out, bytes);
            written += bytes.length;
          }
          await out.sync();
        } finally {
          await out.close();
        }
        await rename(compacting, file);
      } catch (err) {
        await rm(compacting, { force: true });
        throw err;
      }
      // The rename is durable once the folder is synced.
      const folder = await open(dir, 'r');
      try {
        await folder.sync();
      } finally {
        await folder.close();
      }
      const old = handle;
      handle = await open(file, 'a');
      size = written;
      torn = false;
      await old?.close();
    },
    async close() {
      await handle?.close();
      handle = null;
    },
  };
}
