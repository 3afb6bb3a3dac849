/**
 * The folder boundaries hold in the tree (src/, bench/, scripts/), and the checker that says so
 * does catch each kind of violation (synthetic files below), so a passing run means something.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { violations, type SourceFile } from './support/architecture.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

function sources(dir: string): SourceFile[] {
  const out: SourceFile[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.tsx?$/.test(e.name) && !e.name.endsWith('.d.ts')) {
        out.push({ path: relative(ROOT, p).split(sep).join('/'), text: readFileSync(p, 'utf8') });
      }
    }
  };
  walk(join(ROOT, dir));
  return out;
}

const file = (path: string, text: string): SourceFile => ({ path, text });

describe('architecture: the tree', () => {
  const tree = ['src', 'bench', 'scripts'].flatMap(sources);

  it('sees the folders it guards', () => {
    for (const dir of ['src/core/', 'src/host/', 'src/xlsx/', 'src/excel/', 'src/taskpane/', 'src/cli/', 'bench/', 'scripts/']) {
      expect(tree.some((f) => f.path.startsWith(dir)), dir).toBe(true);
    }
  });

  it('keeps every boundary', () => {
    expect(violations(tree)).toEqual([]);
  });
});

describe('architecture: the checker catches', () => {
  const rulesOf = (files: SourceFile[]) => violations(files).map((v) => [v.file, v.what, v.rule]);

  it('the core importing a host library, Node, or anything outside itself', () => {
    expect(
      rulesOf([
        file('src/core/a.ts', "import React from 'react';"),
        file('src/core/b.ts', "import type ExcelJS from 'exceljs';"),
        file('src/core/c.ts', "import { readFileSync } from 'node:fs';"),
        file('src/core/d.ts', "export { x } from '../xlsx/index.js';"),
        file('src/core/e.ts', "const m = await import('@e965/xlsx');"),
        file('src/core/f.ts', "import path from 'path';"),
      ]).map(([f, w]) => [f, w]),
    ).toEqual([
      ['src/core/a.ts', 'react'],
      ['src/core/b.ts', 'exceljs'],
      ['src/core/c.ts', 'node:fs'],
      ['src/core/d.ts', '../xlsx/index.js'],
      ['src/core/e.ts', '@e965/xlsx'],
      ['src/core/f.ts', 'path'],
    ]);
  });

  it('the core using DOM, Office or Node globals, but not words in comments, strings or property names', () => {
    expect(rulesOf([file('src/core/g.ts', 'export const w = document.title + window.name; Excel.run(); process.exit();')]).map(([, w]) => w).sort()).toEqual(
      ['Excel', 'document', 'process', 'window'],
    );
    expect(
      violations([
        file('src/core/h.ts', "// document the window\nconst s = 'document'; const o = { window: 1 }; o.window; import { D } from './decimal.js';"),
      ]),
    ).toEqual([]);
  });

  it('src/excel importing the task pane', () => {
    expect(rulesOf([file('src/excel/x.ts', "import type { Strings } from '../taskpane/i18n.js';")])).toEqual([
      ['src/excel/x.ts', '../taskpane/i18n.js', 'src/excel never imports src/taskpane'],
    ]);
  });

  it('src/xlsx importing Node', () => {
    expect(rulesOf([file('src/xlsx/y.ts', "import { resolve } from 'node:path';\nimport fs from 'fs';")]).map(([, w, r]) => [w, r])).toEqual([
      ['node:path', 'src/xlsx has no node:* import'],
      ['fs', 'src/xlsx has no node:* import'],
    ]);
  });

  it('a host reaching past the core’s index', () => {
    expect(
      rulesOf([
        file('src/taskpane/components/Z.tsx', "import { sortFindings } from '../../core/findings.js';"),
        file('bench/b.ts', "import { checkSheet } from '../src/core/check.js';"),
        file('src/cli/ok.ts', "import { checkSheet } from '../core/index.js';"),
      ]),
    ).toEqual([
      ['src/taskpane/components/Z.tsx', '../../core/findings.js', 'hosts import the core only through src/core/index.ts'],
      ['bench/b.ts', '../src/core/check.js', 'hosts import the core only through src/core/index.ts'],
    ]);
  });

  it('src/host importing React, Office, Node, ExcelJS or another host', () => {
    expect(
      rulesOf([
        file('src/host/a.ts', "import { useState } from 'react';"),
        file('src/host/b.ts', "import ExcelJS from 'exceljs';"),
        file('src/host/c.ts', "import { join } from 'node:path';"),
        file('src/host/d.ts', "import { readSheets } from '../excel/read.js';"),
        file('src/host/e.ts', 'export const ready = () => Office.onReady();'),
      ]).map(([f, w]) => [f, w]),
    ).toEqual([
      ['src/host/a.ts', 'react'],
      ['src/host/b.ts', 'exceljs'],
      ['src/host/c.ts', 'node:path'],
      ['src/host/d.ts', '../excel/read.js'],
      ['src/host/e.ts', 'Office'],
    ]);
  });
});
