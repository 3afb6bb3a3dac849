import type { RulePackName, Severity } from '../core/index.js';
import type { FileCheck } from './protocol.js';

export interface FileEntry {
  id: number;
  name: string;
  path: string;
  /** The file as read from disk, kept for re-checks and downloads; never sent anywhere. */
  bytes: ArrayBuffer;
  status: 'queued' | 'checking' | 'done' | 'failed';
  check?: FileCheck;
  error?: string;
  /** When the file was given to the page (performance.now()), and ms from then to its results. */
  given: number;
  elapsed?: number;
}

export interface Settings {
  rules: RulePackName;
  /** Severities marked in the sheet view and in the annotated copy. */
  mark: Severity[];
}

export const DEFAULT_SETTINGS: Settings = { rules: 'national', mark: ['error', 'warning'] };
