/**
 * Per-text memory for the pure functions the recogniser asks about every cell. A form repeats its
 * texts (level names, 满意, ≥95%, 1分), so each distinct text is worked out once. Bounded: past
 * `limit` texts the memory starts again, so a sheet of distinct texts costs only the work itself.
 */
export function memoByText<T>(fn: (text: string) => T, limit = 20_000): (text: string) => T {
  const memory = new Map<string, T>();
  return (text) => {
    const hit = memory.get(text);
    // `undefined` only: a remembered null is an answer too.
    return hit !== undefined ? hit : remember(memory, text, fn(text), limit);
  };
}

/**
 * Store `value` under `key` in a memory of at most `limit` entries and return it. Every core cache
 * keyed by what the user wrote goes through here, so none grows with the input: past the limit the
 * memory starts again (the inputs repeat within a form, rarely across forms, so nothing cleverer pays).
 */
export function remember<K, V>(memory: Map<K, V>, key: K, value: V, limit: number): V {
  if (memory.size >= limit) memory.clear();
  memory.set(key, value);
  return value;
}
