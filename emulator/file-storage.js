import { open, rename, readFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';

/**
 * The emulator's state in a JSON file (`--data`), replaced by an atomic write: temp file, fsync, rename.
 * @param {string} file
 * @returns {import('./store.js').Storage}
 */
export function fileStorage(file) {
  return {
    name: file,
    async load() {
      try {
        return await readFile(file, 'utf8');
      } catch (err) {
        if (/** @type {NodeJS.ErrnoException} */ (err).code !== 'ENOENT') throw err;
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
