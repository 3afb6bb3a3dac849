/**
 * @e965/xlsx for the bundled CLI, loaded only when a file needs it. bin/build-cli.mjs points every
 * import of '@e965/xlsx' in the bundle here, so `hefen check` on an .xlsx never loads SheetJS
 * (about a megabyte of JavaScript to compile at every start). SheetJS is read synchronously by
 * the reader but is an ES module, which Node 20 cannot require: so the CLI loads it, before
 * reading, for bytes that are an OLE compound file (.xls, .et, encrypted OOXML: the only ones
 * whose reading touches SheetJS) — `prepareSheetjsFor`. The package's CommonJS build is not a
 * substitute: it also loads codepage tables, so some legacy files would read differently.
 *
 * Run from source (tsx, vitest) nothing is aliased: the reader imports the real package and
 * prepareSheetjsFor only loads what is already loaded. Only the names the CLI imports are
 * forwarded; the build fails on any other (esbuild: "No matching export").
 */
import type * as SheetJS from '@e965/xlsx';

let real: typeof SheetJS | null = null;

/** The bytes an OLE compound file (the reader's isCfb, repeated so this module stays tiny). */
const CFB_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/** Loads SheetJS if reading these bytes will need it; resolves at once otherwise. */
export async function prepareSheetjsFor(bytes: Uint8Array): Promise<void> {
  if (real || bytes.length < 8 || !CFB_MAGIC.every((b, i) => bytes[i] === b)) return;
  // The specifier the build plugin leaves external: the package itself, from node_modules.
  real = await import('@e965/xlsx');
}

/** Whether SheetJS has been loaded in this process (bundle tests). */
export function sheetjsLoaded(): boolean {
  return real !== null;
}

function sheetjs(): typeof SheetJS {
  // A read of legacy bytes that did not go through prepareSheetjsFor: a bug in the CLI, said as one.
  if (!real) throw new Error('核分内部错误：读取旧版工作簿前未加载 SheetJS');
  return real;
}

export const CFB: typeof SheetJS.CFB = new Proxy({} as typeof SheetJS.CFB, { get: (_, k) => Reflect.get(sheetjs().CFB, k) });

export const read: typeof SheetJS.read = (data, options) => sheetjs().read(data, options);

export const write: typeof SheetJS.write = (data, options) => sheetjs().write(data, options);
