/**
 * For tests of the real vision runtime: the built llama-server, or why the tests skip (with a
 * message on stderr, so a machine without the runtime passes the suite and says what it skipped).
 */
import { findRuntime, type RuntimeLocation } from '../../main/vision/runtime-paths.ts';

export interface VisionRuntimeForTests {
  runtime: RuntimeLocation | null;
  /** Empty when the runtime is there. */
  skip: string;
}

export function visionRuntimeForTests(suite: string): VisionRuntimeForTests {
  let runtime: RuntimeLocation | null = null;
  let skip = '';
  try {
    runtime = findRuntime();
    if (!runtime.built) skip = `the vision runtime is not built for llama.cpp ${runtime.version} (no ${runtime.serverPath}); run "npm run build:vision"`;
  } catch (err) {
    skip = `the vision runtime cannot be located: ${(err as Error).message}`;
  }
  if (skip) {
    process.stderr.write(`[skip] ${suite}: ${skip}\n`);
    return { runtime: null, skip };
  }
  return { runtime, skip };
}
