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
createRoot(document.getElementById('root') as HTMLElement).render(<App pool={pool} />);
// After the first paint: the workers then load while the user picks files.
setTimeout(() => pool.warm(), 0);
