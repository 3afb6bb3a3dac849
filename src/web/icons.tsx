/** Inline SVG icons (no icon font, no external file). Decorative: the text beside says the same. */
import type { Severity } from '../core/index.js';

const common = { width: 16, height: 16, viewBox: '0 0 16 16', 'aria-hidden': true, focusable: false } as const;

export function SeverityIcon({ severity }: { severity: Severity }) {
  if (severity === 'error') {
    return (
      <svg {...common} className="icon icon-error">
        <circle cx="8" cy="8" r="7" fill="#C50F1F" />
        <path d="M5.2 5.2l5.6 5.6M10.8 5.2l-5.6 5.6" stroke="#fff" strokeWidth="1.8" strokeLinecap="round" />
      </svg>
    );
  }
  if (severity === 'warning') {
    return (
      <svg {...common} className="icon icon-warning">
        <path d="M8 1.2l7 13H1z" fill="#BC4B09" />
        <path d="M8 5.5v4.2" stroke="#fff" strokeWidth="1.8" strokeLinecap="round" />
        <circle cx="8" cy="12" r="1" fill="#fff" />
      </svg>
    );
  }
  return (
    <svg {...common} className="icon icon-info">
      <circle cx="8" cy="8" r="7" fill="#0F6CBD" />
      <path d="M8 7v4.5" stroke="#fff" strokeWidth="1.8" strokeLinecap="round" />
      <circle cx="8" cy="4.6" r="1" fill="#fff" />
    </svg>
  );
}

export function LockIcon() {
  return (
    <svg {...common} className="icon">
      <rect x="3" y="7" width="10" height="7.5" rx="1.5" fill="currentColor" />
      <path d="M5.2 7V5a2.8 2.8 0 015.6 0v2" stroke="currentColor" strokeWidth="1.6" fill="none" />
    </svg>
  );
}

export function UploadIcon() {
  return (
    <svg width="28" height="28" viewBox="0 0 24 24" aria-hidden focusable={false} className="icon">
      <path d="M12 16V4M7 9l5-5 5 5" stroke="currentColor" strokeWidth="2" fill="none" strokeLinecap="round" strokeLinejoin="round" />
      <path d="M4 15v4a1 1 0 001 1h14a1 1 0 001-1v-4" stroke="currentColor" strokeWidth="2" fill="none" strokeLinecap="round" />
    </svg>
  );
}

export function DownloadIcon() {
  return (
    <svg {...common} className="icon">
      <path d="M8 2v8M4.5 6.8L8 10.3l3.5-3.5M2.5 13.5h11" stroke="currentColor" strokeWidth="1.6" fill="none" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}
