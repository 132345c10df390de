/**
 * A render worker: receives a job (settings, plan options, guides, shared source and output
 * buffers, a shared band counter), re-plans deterministically (the plan is cheap and the same on
 * every thread), then takes row bands off the counter until none are left, rendering each
 * straight into the shared output. Loaded through render-worker-entry.mjs, which registers tsx.
 */
import { parentPort } from 'node:worker_threads';
import { planRender, preparePlan, renderRows } from '../../shared/pixel/pipeline.ts';
import type { WorkerJob, WorkerPrepare, WorkerReply } from './render-protocol.ts';
import { viewSource, viewOutput } from './render-protocol.ts';

if (!parentPort) throw new Error('render-worker.ts must run in a worker thread');
const port = parentPort;

port.on('message', (msg: WorkerJob | WorkerPrepare) => {
  if ('type' in msg && msg.type === 'prepare') {
    // Best effort: a failure here shows up again (and is reported) when the job runs.
    try {
      preparePlan(planRender(msg.settings, msg.sourceWidth, msg.sourceHeight, msg.options));
    } catch {
      /* reported by the job */
    }
    return;
  }
  const job = msg as WorkerJob;
  let reply: WorkerReply;
  try {
    const source = viewSource(job.source);
    const plan = planRender(job.settings, source.width, source.height, job.options);
    const out = viewOutput(job.output);
    const counter = new Int32Array(job.counter);
    const rowLen = plan.width * 3;
    let bands = 0;
    for (;;) {
      const band = Atomics.add(counter, 0, 1);
      if (band >= job.bandCount) break;
      const y0 = band * job.bandRows;
      const rows = Math.min(job.bandRows, plan.height - y0);
      renderRows(plan, source, job.guides, y0, rows, out.subarray(y0 * rowLen, (y0 + rows) * rowLen));
      bands++;
    }
    reply = { type: 'done', jobId: job.jobId, bands };
  } catch (e) {
    const err = e instanceof Error ? e : new Error(String(e));
    reply = { type: 'error', jobId: job.jobId, message: err.message, stack: err.stack };
  }
  port.postMessage(reply);
});

port.postMessage({ type: 'ready' } satisfies WorkerReply);
