/**
 * A render worker: receives a job (settings, plan options, guides, shared source and output
 * buffers, a shared band counter), re-plans deterministically (the plan is cheap and the same on
 * every thread), then takes row bands off the counter until none are left, rendering each
 * straight into the shared output. Loaded through render-worker-entry.mjs, which registers tsx.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { planFusedTables, planOpStates, planRender, preparePlan } from '../../shared/pixel/pipeline.ts';
import { gridChunks, renderBands } from './render-bands.ts';
import { computeNamedGuides } from '../../shared/pixel/pipeline/guides.ts';
import { GUIDES } from '../../shared/pixel/guides/index.ts';
import { seedLogLumaGrid } from '../../shared/pixel/guides/lumaGrid.ts';
import type { WorkerGridJob, WorkerGuidesJob, WorkerJob, WorkerMessage, WorkerReply } from './render-protocol.ts';
import { shareTable, viewSource, viewOutput } from './render-protocol.ts';
import { installNativeKernels } from './native-kernels.ts';

if (!parentPort) throw new Error('render-worker.ts must run in a worker thread');
const port = parentPort;
// This thread's kernels run natively when a module fitting the CPU was built (else WebAssembly);
// the pool tells the worker where the modules are (a bundled worker cannot work it out).
installNativeKernels((workerData as { nativeDir?: string | null } | undefined)?.nativeDir ?? null);

/** Grid rows or guides: done here, replied to like a render job. */
function guideWork(msg: WorkerGridJob | WorkerGuidesJob): WorkerReply {
  const source = viewSource(msg.source);
  if (msg.type === 'grid') {
    gridChunks(source, msg.maxDim, msg.height, msg.chunkRows, new Int32Array(msg.counter), new Float32Array(msg.out), msg.ready ? new Int32Array(msg.ready) : undefined);
    return { type: 'done', jobId: msg.jobId, bands: 0 };
  }
  if (msg.grid) seedLogLumaGrid(source, msg.grid.maxDim, { width: msg.grid.width, height: msg.grid.height, data: new Float32Array(msg.grid.buffer) });
  return { type: 'guides', jobId: msg.jobId, guides: computeNamedGuides(GUIDES, msg.names, source) };
}

port.on('message', (msg: WorkerMessage) => {
  if ('type' in msg && (msg.type === 'grid' || msg.type === 'guides')) {
    let reply: WorkerReply;
    try {
      reply = guideWork(msg);
    } catch (e) {
      const err = e instanceof Error ? e : new Error(String(e));
      reply = { type: 'error', jobId: msg.jobId, message: err.message, stack: err.stack };
    }
    const transfer = reply.type === 'guides' ? Object.values(reply.guides).map((g) => g.data.buffer as ArrayBuffer) : [];
    port.postMessage(reply, transfer);
    return;
  }
  if ('type' in msg && msg.type === 'tables') {
    let reply: WorkerReply;
    try {
      const plan = planRender(msg.settings, msg.sourceWidth, msg.sourceHeight, msg.options);
      reply = { type: 'tables', jobId: msg.jobId, tables: planFusedTables(plan).map(shareTable), prepared: planOpStates(plan) };
    } catch (e) {
      const err = e instanceof Error ? e : new Error(String(e));
      reply = { type: 'error', jobId: msg.jobId, message: err.message, stack: err.stack };
    }
    port.postMessage(reply);
    return;
  }
  if ('type' in msg && msg.type === 'prepare') {
    // Best effort: a failure here shows up again (and is reported) when the job runs.
    try {
      preparePlan(planRender(msg.settings, msg.sourceWidth, msg.sourceHeight, msg.options), msg.tables, msg.prepared);
    } catch {
      /* reported by the job */
    }
    return;
  }
  const job = msg as WorkerJob;
  let reply: WorkerReply;
  const t0 = performance.now();
  try {
    const source = viewSource(job.source);
    const plan = planRender(job.settings, source.width, source.height, job.options);
    const t1 = performance.now();
    const bands = renderBands(plan, source, job.guides, new Int32Array(job.counter), job.bandRows, job.bandCount, viewOutput(job.output));
    reply = { type: 'done', jobId: job.jobId, bands, startMs: t1 - t0, busyMs: performance.now() - t1 };
  } catch (e) {
    const err = e instanceof Error ? e : new Error(String(e));
    reply = { type: 'error', jobId: job.jobId, message: err.message, stack: err.stack };
  }
  port.postMessage(reply);
});

port.postMessage({ type: 'ready' } satisfies WorkerReply);
