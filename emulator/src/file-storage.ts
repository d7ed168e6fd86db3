import { mkdir, open, readFile, rename } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Storage } from './store.js';

/** The emulator's state in a JSON file (`--data`), replaced by an atomic write: temp file, fsync, rename. */
export function fileStorage(file: string): Storage {
  return {
    name: file,
    async load() {
      try {
        return await readFile(file, 'utf8');
      } catch (err) {
        if (!(err instanceof Error && 'code' in err && err.code === 'ENOENT')) throw err;
        return null;
      }
    },
    async write(text) {
      await mkdir(dirname(file), { recursive: true });
      const tmp = `${file}.${process.pid}.tmp`;
      const handle = await open(tmp, 'w');
      try {
        await handle.writeFile(text);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(tmp, file);
    },
  };
}
