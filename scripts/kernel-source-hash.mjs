// The hash of the kernels' C sources (names and contents, sorted), shared by the build script
// and the staleness test. Node-only (reads files): not imported by the pipeline.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export function kernelSourceHash(dir) {
  const h = createHash('sha256');
  for (const f of fs.readdirSync(dir).filter((f) => f.endsWith('.c') || f.endsWith('.h')).sort()) {
    h.update(f + '\0');
    h.update(fs.readFileSync(path.join(dir, f), 'utf8').replace(/\r\n/g, '\n'));
    h.update('\0');
  }
  return h.digest('hex').slice(0, 16);
}
