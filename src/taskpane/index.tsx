/**
 * Entry point of the task pane bundle: once office.js is ready, mount <App> with the Excel host
 * into #root. taskpane.html removes #root when the webview is too old to run the pane, and then
 * there is nothing to mount.
 */
import { createRoot } from 'react-dom/client';
import { createExcelHost, officeReady } from '../excel/host.js';
import { App } from './App.js';
import { STARTUP_PROBLEMS } from './i18n.js';

async function main(): Promise<void> {
  const where = await officeReady();
  const root = document.getElementById('root');
  if (!root) return;
  if (where !== 'excel') {
    root.textContent = STARTUP_PROBLEMS[where];
    return;
  }
  createRoot(root).render(<App host={createExcelHost()} />);
}

void main();
