/**
 * 忽略 / 已复核 in the web checker: the pane's ReviewMark (src/host), kept in this browser's
 * localStorage instead of the workbook, because the page never writes into the user's file.
 *
 * A file's marks live under `核分.复核标记.<content hash>`: the SHA-256 of the file's bytes, so the
 * same file opened again (another day, renamed, from another folder) finds its marks, and a file
 * that was edited since does not inherit marks made for other figures. Each mark's key is the
 * host's reviewKey, `sheet!cell!code`. Nothing else is stored: no file name, no cell content.
 * localStorage belongs to the page's origin, so file:// and http://localhost keep separate marks.
 */
import { reviewKey, type Finding, type HostExtras, type ReviewMark } from '../host/index.js';

export type { ReviewMark };

/** What the page needs of a file's marks: the same two methods the pane's host has. */
export type MarkStore = Pick<HostExtras, 'loadReviewMarks' | 'saveReviewMarks'>;

export const MARKS_KEY_PREFIX = '核分.复核标记.';

/** The page's localStorage, or null where it is unavailable (disabled, sandboxed, some private modes). */
export function pageStorage(): Storage | null {
  try {
    const s = globalThis.localStorage;
    return s ?? null;
  } catch {
    return null;
  }
}

function isMark(m: unknown): m is ReviewMark {
  const x = m as ReviewMark;
  return (
    typeof x === 'object' &&
    x !== null &&
    typeof x.key === 'string' &&
    (x.status === 'ignored' || x.status === 'reviewed') &&
    typeof x.at === 'string' &&
    (x.note === undefined || typeof x.note === 'string')
  );
}

/**
 * The marks of the file whose content hash is `hash`. Without storage the marks still work for
 * the page's lifetime (save resolves) but are gone on reload; a save that the browser refuses
 * (quota) rejects with a Chinese message.
 */
export function localMarks(hash: string, storage: Storage | null = pageStorage()): MarkStore {
  const key = MARKS_KEY_PREFIX + hash;
  return {
    async loadReviewMarks() {
      let raw: string | null = null;
      try {
        raw = storage?.getItem(key) ?? null;
      } catch {
        return [];
      }
      if (!raw) return [];
      try {
        const parsed = JSON.parse(raw) as unknown;
        return Array.isArray(parsed) ? parsed.filter(isMark) : [];
      } catch {
        return [];
      }
    },
    async saveReviewMarks(marks) {
      if (!storage) return;
      try {
        if (marks.length === 0) storage.removeItem(key);
        else storage.setItem(key, JSON.stringify(marks));
      } catch {
        throw new Error('浏览器拒绝保存复核标记（本地存储已满或被禁用），标记只在本页面打开期间有效。');
      }
    },
  };
}

export type MarkIndex = ReadonlyMap<string, ReviewMark>;

export const NO_MARKS: MarkIndex = new Map();

export function markIndex(marks: readonly ReviewMark[] | undefined): MarkIndex {
  return marks?.length ? new Map(marks.map((m) => [m.key, m])) : NO_MARKS;
}

export function markOf(marks: MarkIndex, f: Pick<Finding, 'sheet' | 'cell' | 'code'>): ReviewMark | undefined {
  return marks.get(reviewKey(f));
}

/** The findings nobody marked: what counts and 结论 are made of. */
export function unmarked(findings: readonly Finding[], marks: MarkIndex): Finding[] {
  return marks.size ? findings.filter((f) => !marks.has(reviewKey(f))) : [...findings];
}

/** `marks` with the finding's mark replaced (status null: removed). */
export function withMark(marks: readonly ReviewMark[], f: Finding, status: ReviewMark['status'] | null, note?: string, at = new Date()): ReviewMark[] {
  const key = reviewKey(f);
  const rest = marks.filter((m) => m.key !== key);
  if (!status) return rest;
  return [...rest, { key, status, ...(note ? { note } : {}), at: at.toISOString() }];
}

/** The hex SHA-256 of the bytes; where the page has no SubtleCrypto (served over plain http), a 64-bit FNV-1a pair. */
export async function contentHash(bytes: Uint8Array): Promise<string> {
  const subtle = globalThis.crypto?.subtle;
  if (subtle) {
    const digest = new Uint8Array(await subtle.digest('SHA-256', bytes as BufferSource));
    return 'sha256-' + Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
  }
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ bytes.length;
  for (let i = 0; i < bytes.length; i++) {
    a = Math.imul(a ^ bytes[i], 0x01000193);
    b = Math.imul(b ^ bytes[bytes.length - 1 - i], 0x01000193);
  }
  return `fnv-${(a >>> 0).toString(16)}${(b >>> 0).toString(16)}-${bytes.length}`;
}
