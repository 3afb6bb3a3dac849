/**
 * Worker-thread entry for `hefen review`: loads the modules once, then reviews one file per
 * message and posts the plain result back (the annotated copy's bytes are transferred, not copied).
 */
import { parentPort } from 'node:worker_threads';
import { runJob, type ReviewJob } from './review-job.js';

const port = parentPort;
if (port) {
  port.on('message', (job: ReviewJob) => {
    runJob(job).then(
      (r) => port.postMessage(r, r.annotated ? [r.annotated.buffer as ArrayBuffer] : []),
      (e: unknown) => port.postMessage({ index: job.index, reports: [], error: `核分内部错误：${e instanceof Error ? e.message : String(e)}` }),
    );
  });
}
