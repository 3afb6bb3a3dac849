/**
 * The web checker's worker: reads and checks files and builds the downloads, so the page stays
 * responsive. Started by the page from a Blob URL of its own inlined source (worker-client.ts).
 */
import type { WorkerMessage, WorkerReply } from './protocol.js';
import { annotatedDownload, checkFile, readFailure, reviewDownload, templateDownload, writeBackDownload } from './tasks.js';

const scope = self as unknown as { onmessage: ((e: MessageEvent<WorkerMessage>) => void) | null; postMessage(m: WorkerReply, transfer?: Transferable[]): void };

async function handle({ request }: WorkerMessage): Promise<unknown> {
  switch (request.type) {
    case 'check':
      return checkFile(new Uint8Array(request.bytes), request.rules);
    case 'review':
      return reviewDownload(request.files, request.rules);
    case 'template':
      return templateDownload(request.kind, request.rules);
    case 'annotate':
      return annotatedDownload(new Uint8Array(request.bytes), request.findings, request.severities, request.marks);
    case 'write-back':
      return writeBackDownload(new Uint8Array(request.bytes), request.writes);
  }
}

scope.onmessage = (e) => {
  const { id, request } = e.data;
  handle(e.data).then(
    (result) => {
      const transfer = result instanceof Uint8Array ? [result.buffer as ArrayBuffer] : [];
      scope.postMessage({ id, ok: true, result: result as never }, transfer);
    },
    (err: unknown) => {
      const message = request.type === 'check' ? readFailure(err) : `生成文件失败：${err instanceof Error ? err.message : String(err)}`;
      scope.postMessage({ id, ok: false, message });
    },
  );
};

scope.postMessage({ id: 0, ok: true, ready: true });
