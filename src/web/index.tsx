/** The web checker's page: styles, the worker pool, the app. */
import { createRoot } from 'react-dom/client';
import { App } from './App.js';
import { CSS } from './styles.js';
import { WorkerPool } from './worker-client.js';

const style = document.createElement('style');
style.textContent = CSS;
document.head.append(style);

const pool = new WorkerPool(WorkerPool.defaultSize(), (n) => {
  document.documentElement.dataset.workersReady = `${n}@${Math.round(performance.now())}`;
});
// Once the page is on screen (App calls onReady after its first commit): inflating the worker
// source and starting a worker then happen while the user picks files, not before the page shows.
createRoot(document.getElementById('root') as HTMLElement).render(<App pool={pool} onReady={() => setTimeout(() => pool.warm(), 0)} />);
