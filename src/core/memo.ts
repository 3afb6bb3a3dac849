/**
 * Per-text memory for the pure functions the recogniser asks about every cell. A form repeats its
 * texts (level names, 满意, ≥95%, 1分), so each distinct text is worked out once. Bounded: past
 * `limit` texts the memory starts again, so a sheet of distinct texts costs only the work itself.
 */
export function memoByText<T>(fn: (text: string) => T, limit = 20_000): (text: string) => T {
  const memory = new Map<string, T>();
  return (text) => {
    let hit = memory.get(text);
    if (hit === undefined) {
      hit = fn(text);
      if (memory.size > limit) memory.clear();
      memory.set(text, hit);
    }
    return hit;
  };
}
