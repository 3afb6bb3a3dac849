import type { KeyboardEvent } from 'react';

/**
 * Arrow keys, Home and End over a list of options (roving tab index): moves the focus to the
 * next option inside `container` and reports its index.
 */
export function rovingKeyDown(e: KeyboardEvent, selector: string, onMove: (index: number) => void): void {
  const container = e.currentTarget as HTMLElement;
  const items = [...container.querySelectorAll<HTMLElement>(selector)];
  const at = items.indexOf(document.activeElement as HTMLElement);
  let next = -1;
  if (e.key === 'ArrowDown' || e.key === 'ArrowRight') next = Math.min(items.length - 1, at + 1);
  else if (e.key === 'ArrowUp' || e.key === 'ArrowLeft') next = Math.max(0, at - 1);
  else if (e.key === 'Home') next = 0;
  else if (e.key === 'End') next = items.length - 1;
  if (next < 0 || !items[next]) return;
  e.preventDefault();
  items[next].focus();
  onMove(next);
}
