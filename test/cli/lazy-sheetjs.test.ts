/**
 * The bundled CLI's stand-in for SheetJS (src/cli/lazy-sheetjs.ts): nothing is loaded for ZIP
 * bytes or short ones, an OLE compound file loads the real package, and a read before that is
 * said to be the CLI's own bug instead of passing for a corrupt file.
 */
import { describe, expect, it } from 'vitest';
import { CFB as RealCFB } from '@e965/xlsx';
import { CFB, prepareSheetjsFor, read, sheetjsLoaded } from '../../src/cli/lazy-sheetjs.js';

describe('lazy SheetJS for the bundled CLI', () => {
  it('loads only for an OLE compound file, then forwards to the real package', async () => {
    expect(() => read(new Uint8Array(8), { type: 'array' })).toThrow('未加载 SheetJS');
    await prepareSheetjsFor(new Uint8Array([0x50, 0x4b, 3, 4, 0, 0, 0, 0, 0, 0]));
    await prepareSheetjsFor(new Uint8Array([0xd0, 0xcf, 0x11]));
    expect(sheetjsLoaded()).toBe(false);
    const cfb = RealCFB.utils.cfb_new();
    RealCFB.utils.cfb_add(cfb, 'Workbook', new Uint8Array(16));
    const bytes = new Uint8Array(RealCFB.write(cfb, { type: 'array' }) as ArrayBuffer);
    await prepareSheetjsFor(bytes);
    expect(sheetjsLoaded()).toBe(true);
    const names = (CFB.read(bytes, { type: 'array' }) as { FileIndex: { name: string }[] }).FileIndex.map((e) => e.name);
    expect(names).toContain('Workbook');
  });
});
