/** Collects what the CLI writes, for tests that call main() in-process. */
export function capture() {
  let out = '';
  let err = '';
  return {
    io: {
      out: { write: (s: string) => (out += s) },
      err: { write: (s: string) => (err += s) },
    },
    get out() {
      return out;
    },
    get err() {
      return err;
    },
  };
}
