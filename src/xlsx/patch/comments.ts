/**
 * Cell comments (批注) as Excel stores them: the sheet's comments part (xl/commentsN.xml, the
 * text) and a VML drawing (xl/drawings/vmlDrawingN.vml, one hidden note shape per comment, which
 * Excel and WPS need to show it), both related from the sheet, which points at the drawing with
 * <legacyDrawing r:id>. A sheet that already has comments keeps them: new comments are appended to
 * its parts, and a cell that already has one gets the new text added below its own. ECMA-376
 * Part 1 §18.7 (comments) and the VML of Part 4 (legacy), as Excel writes them.
 */
import { Scanner, Tok } from '../reader/xml.js';
import { CONTENT_TYPE, REL, REL_TYPE, type PackageEditor } from './parts.js';
import { applyEdits, escapeAttr, escapeText, PatchError } from './xml-out.js';

export interface CellComment {
  sheet: string;
  /** A1. */
  cell: string;
  /** Plain text; "\n" breaks lines. A line starting with 【 is shown bold. */
  text: string;
  /** Default "核分". */
  author?: string;
}

export interface CommentTarget {
  ref: string;
  row: number;
  col: number;
  text: string;
  author: string;
}

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const VML_NS = {
  v: 'urn:schemas-microsoft-com:vml',
  o: 'urn:schemas-microsoft-com:office:office',
  x: 'urn:schemas-microsoft-com:office:excel',
};
/** Worksheet children that come after <legacyDrawing> (CT_Worksheet's sequence). */
const AFTER_LEGACY = new Set(['legacyDrawingHF', 'drawingHF', 'picture', 'oleObjects', 'controls', 'webPublishItems', 'tableParts', 'extLst']);
const SHAPETYPE =
  '<v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe"><v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>';

/**
 * Adds the comments to one sheet: writes (or extends) its comments part and VML drawing through
 * the editor, and returns the sheet XML with <legacyDrawing> added when it had none.
 */
export function addSheetComments(ed: PackageEditor, sheetPath: string, sheetXml: string, targets: CommentTarget[]): string {
  if (!targets.length) return sheetXml;
  const rels = ed.rels(sheetPath);
  const sheet = scanSheet(sheetXml, sheetPath);

  const commentsRel = rels.find((r) => r.type === REL_TYPE.comments || /\/comments$/.test(r.type));
  let commentsPath: string;
  let commentsXml: string;
  if (commentsRel) {
    commentsPath = ed.targetOf(sheetPath, commentsRel);
    commentsXml = ed.read(commentsPath) ?? emptyComments();
  } else {
    commentsPath = ed.freePath((n) => `xl/comments${n}.xml`);
    commentsXml = emptyComments();
    ed.addRel(sheetPath, REL_TYPE.comments, commentsPath);
    ed.override(commentsPath, CONTENT_TYPE.comments);
  }
  const { xml: nextComments, fresh } = mergeComments(commentsXml, commentsPath, targets);
  ed.write(commentsPath, nextComments);

  const vmlRel = sheet.legacyId ? rels.find((r) => r.id === sheet.legacyId) : undefined;
  if (sheet.legacyId && !vmlRel) throw new PatchError(`工作表 ${sheetPath} 的批注绘图关系缺失，无法添加批注`);
  if (vmlRel) {
    const vmlPath = ed.targetOf(sheetPath, vmlRel);
    const vml = ed.read(vmlPath);
    if (vml === null) throw new PatchError(`缺少批注绘图 ${vmlPath}，无法添加批注`);
    ed.write(vmlPath, appendShapes(vml, fresh));
    return sheetXml;
  }
  const vmlPath = ed.freePath((n) => `xl/drawings/vmlDrawing${n}.vml`);
  ed.write(vmlPath, freshVml(nextIdBlock(ed), fresh));
  ed.defaultFor('vml', CONTENT_TYPE.vml);
  const id = ed.addRel(sheetPath, REL_TYPE.vmlDrawing, vmlPath);
  const attr = sheet.relPrefix ? `${sheet.relPrefix}:id="${id}"` : `xmlns:r="${REL}" r:id="${id}"`;
  const tag = `<${sheet.prefix}legacyDrawing ${attr}/>`;
  return sheetXml.slice(0, sheet.legacyAt) + tag + sheetXml.slice(sheet.legacyAt);
}

interface SheetScan {
  /** r:id of an existing <legacyDrawing>, or null. */
  legacyId: string | null;
  /** Where a new <legacyDrawing> goes. */
  legacyAt: number;
  /** Prefix bound to the relationships namespace on the root ("r"), or null. */
  relPrefix: string | null;
  /** Prefix of the worksheet's elements ("x:" or ""). */
  prefix: string;
}

function scanSheet(xml: string, part: string): SheetScan {
  const sc = new Scanner(xml, part);
  let legacyId: string | null = null;
  let legacyAt = -1;
  let relPrefix: string | null = null;
  let prefix = '';
  let afterData = false;
  while (sc.next() !== Tok.End) {
    if (sc.tok === Tok.Close) {
      if (sc.depth === 0) {
        if (legacyAt < 0) legacyAt = sc.tagStart;
      } else if (sc.depth === 1 && sc.name === 'sheetData') afterData = true;
      continue;
    }
    const childDepth = sc.tok === Tok.Open ? 2 : 1;
    if (sc.depth === (sc.tok === Tok.Open ? 1 : 0)) {
      // The root element.
      for (const [k, v] of Object.entries(sc.attrs())) if (k.startsWith('xmlns:') && v === REL) relPrefix = k.slice(6);
      prefix = /^<([A-Za-z_][\w.-]*:)?/.exec(xml.slice(sc.tagStart))?.[1] ?? '';
      continue;
    }
    if (sc.depth !== childDepth) continue;
    if (sc.name === 'sheetData' && sc.tok === Tok.Empty) afterData = true;
    if (sc.name === 'legacyDrawing') legacyId = sc.attr('id');
    if (legacyAt < 0 && (AFTER_LEGACY.has(sc.name) || (afterData && sc.name === 'AlternateContent'))) legacyAt = sc.tagStart;
  }
  return { legacyId, legacyAt, relPrefix, prefix };
}

function emptyComments(): string {
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<comments xmlns="${MAIN}"><authors></authors><commentList></commentList></comments>`;
}

/** Rich text runs: 9-pt 宋体, each 【…】 heading line bold, the lines between in one plain run. */
export function commentRuns(text: string): string {
  const font = '<sz val="9"/><rFont val="宋体"/><family val="3"/><charset val="134"/>';
  const groups: { bold: boolean; text: string }[] = [];
  text.split('\n').forEach((line, i) => {
    const bold = line.startsWith('【');
    const t = (i > 0 ? '\n' : '') + line;
    const last = groups[groups.length - 1];
    if (last && !bold && !last.bold) last.text += t;
    else groups.push({ bold, text: t });
  });
  return groups.map((g) => `<r><rPr>${g.bold ? '<b/>' : ''}${font}</rPr><t xml:space="preserve">${escapeText(g.text)}</t></r>`).join('');
}

/**
 * The comments part with the targets added: a cell that has a comment gets the text appended to
 * it; the others get a new <comment> each at the end of the list. Returns the cells that got a
 * new comment (they need a note shape).
 */
function mergeComments(xml: string, part: string, targets: CommentTarget[]): { xml: string; fresh: CommentTarget[] } {
  const sc = new Scanner(xml, part);
  const authors: string[] = [];
  let authorsOpen: { start: number; end: number; empty: boolean } | null = null;
  let authorsClose = -1;
  let listOpen: { start: number; end: number; empty: boolean } | null = null;
  let listClose = -1;
  let rootClose = -1;
  let prefix = '';
  const existing = new Map<string, { textClose: number; bareT: { start: number; end: number } | null; textEmpty: { start: number; end: number } | null }>();
  let current: string | null = null;
  let inRun = false;
  let tStart = -1;
  while (sc.next() !== Tok.End) {
    const n = sc.name;
    if (sc.tok === Tok.Close) {
      if (n === 'author') authors.push(sc.text());
      else if (n === 'authors') authorsClose = sc.tagStart;
      else if (n === 'commentList') listClose = sc.tagStart;
      else if (n === 'r') inRun = false;
      else if (n === 't' && current && !inRun && tStart >= 0) existing.get(current)!.bareT = { start: tStart, end: sc.tagEnd };
      else if (n === 'text' && current) existing.get(current)!.textClose = sc.tagStart;
      else if (n === 'comment') current = null;
      if (sc.depth === 0) rootClose = sc.tagStart;
      continue;
    }
    if (n === 'comments' && sc.depth <= 1) prefix = /^<([A-Za-z_][\w.-]*:)?/.exec(xml.slice(sc.tagStart))?.[1] ?? '';
    else if (n === 'authors') authorsOpen = { start: sc.tagStart, end: sc.tagEnd, empty: sc.tok === Tok.Empty };
    else if (n === 'author' && sc.tok === Tok.Empty) authors.push('');
    else if (n === 'commentList') listOpen = { start: sc.tagStart, end: sc.tagEnd, empty: sc.tok === Tok.Empty };
    else if (n === 'comment') {
      const ref = (sc.attr('ref') ?? '').replace(/\$/g, '').toUpperCase();
      if (sc.tok === Tok.Open && !existing.has(ref)) {
        current = ref;
        existing.set(ref, { textClose: -1, bareT: null, textEmpty: null });
      }
    } else if (n === 'text' && current && sc.tok === Tok.Empty) existing.get(current)!.textEmpty = { start: sc.tagStart, end: sc.tagEnd };
    else if (n === 'r') inRun = true;
    else if (n === 't' && current && !inRun) {
      if (sc.tok === Tok.Open) tStart = sc.tagStart;
    }
  }
  const p = prefix;
  const edits: { at: number; end: number; text: string }[] = [];
  const authorIndex = new Map<string, number>();
  const newAuthors: string[] = [];
  const indexOf = (name: string) => {
    let i = authors.indexOf(name);
    if (i < 0) i = authorIndex.get(name) ?? -1;
    if (i < 0) {
      i = authors.length + newAuthors.length;
      newAuthors.push(name);
      authorIndex.set(name, i);
    }
    return i;
  };
  const fresh: CommentTarget[] = [];
  const added: string[] = [];
  const seen = new Set<string>();
  for (const t of targets) {
    if (seen.has(t.ref)) throw new PatchError(`单元格 ${t.ref} 的批注重复`);
    seen.add(t.ref);
    const old = existing.get(t.ref);
    if (old) {
      // One comment per cell: the new text goes below the old one.
      const runs = commentRuns(`\n\n${t.text}`);
      if (old.textEmpty) {
        edits.push({ at: old.textEmpty.start, end: old.textEmpty.end, text: `<${p}text>${runs}</${p}text>` });
      } else if (old.bareT) {
        // <text><t>…</t></text> has no runs: make its text a run so runs can follow.
        const bare = xml.slice(old.bareT.start, old.bareT.end);
        edits.push({ at: old.bareT.start, end: old.bareT.end, text: `<${p}r>${bare}</${p}r>${runs}` });
      } else if (old.textClose >= 0) edits.push({ at: old.textClose, end: old.textClose, text: runs });
      continue;
    }
    fresh.push(t);
    added.push(`<${p}comment ref="${t.ref}" authorId="${indexOf(t.author)}"><${p}text>${commentRuns(t.text)}</${p}text></${p}comment>`);
  }
  const authorXml = newAuthors.map((a) => `<${p}author>${escapeText(a)}</${p}author>`).join('');
  if (authorXml) {
    if (!authorsOpen) {
      const at = listOpen ? listOpen.start : rootClose;
      edits.push({ at, end: at, text: `<${p}authors>${authorXml}</${p}authors>` });
    } else if (authorsOpen.empty) edits.push({ at: authorsOpen.start, end: authorsOpen.end, text: `<${p}authors>${authorXml}</${p}authors>` });
    else edits.push({ at: authorsClose, end: authorsClose, text: authorXml });
  }
  if (added.length) {
    const list = added.join('');
    if (!listOpen) edits.push({ at: rootClose, end: rootClose, text: `<${p}commentList>${list}</${p}commentList>` });
    else if (listOpen.empty) edits.push({ at: listOpen.start, end: listOpen.end, text: `<${p}commentList>${list}</${p}commentList>` });
    else edits.push({ at: listClose, end: listClose, text: list });
  }
  return { xml: applyEdits(xml, edits), fresh };
}

/** A note shape: hidden until the cell is pointed at, anchored beside its cell. */
function noteShape(t: CommentTarget, id: number): string {
  const lines = t.text.split('\n').reduce((n, line) => n + Math.max(1, Math.ceil(line.length / 22)), 0);
  const height = Math.min(400, 14 + lines * 12);
  const rows = Math.min(30, Math.max(4, Math.ceil(height / 15)));
  // Beside the cell, to its right and a row up; kept inside the sheet at its far edges.
  const left = Math.min(t.col + 1, 16_379);
  const top = Math.min(Math.max(0, t.row - 1), 1_048_575 - rows);
  const anchor = `${left}, 15, ${top}, 10, ${left + 4}, 15, ${top + rows}, 4`;
  return (
    `<v:shape id="_x0000_s${id}" type="#_x0000_t202" style="position:absolute;margin-left:60pt;margin-top:2pt;width:260pt;height:${height}pt;z-index:${id};visibility:hidden" fillcolor="#ffffe1" o:insetmode="auto">` +
    '<v:fill color2="#ffffe1"/><v:shadow on="t" color="black" obscured="t"/><v:path o:connecttype="none"/>' +
    // An explicit inset: a reader that round-trips notes (ExcelJS) would otherwise write NaN margins.
    '<v:textbox style="mso-direction-alt:auto" inset="2.5mm,1.3mm,2.5mm,1.3mm"><div style="text-align:left"></div></v:textbox>' +
    `<x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/><x:Anchor>${anchor}</x:Anchor><x:AutoFill>False</x:AutoFill>` +
    `<x:Row>${t.row}</x:Row><x:Column>${t.col}</x:Column></x:ClientData></v:shape>`
  );
}

function freshVml(block: number, targets: CommentTarget[]): string {
  const shapes = targets.map((t, i) => noteShape(t, block * 1024 + 1 + i)).join('');
  return (
    `<xml xmlns:v="${VML_NS.v}" xmlns:o="${VML_NS.o}" xmlns:x="${VML_NS.x}">` +
    `<o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="${block}"/></o:shapelayout>${SHAPETYPE}${shapes}</xml>`
  );
}

/**
 * Note shapes appended to an existing drawing (VML is not always well-formed XML — Excel writes
 * <br> unclosed — so it is edited as text): ids after its highest, the note shapetype and the
 * prefixes declared if it lacks them.
 */
function appendShapes(vml: string, targets: CommentTarget[]): string {
  if (!targets.length) return vml;
  const close = vml.lastIndexOf('</xml>');
  if (close < 0) throw new PatchError('批注绘图（VML）的结构无法识别');
  let max = 0;
  for (const m of vml.matchAll(/_x0000_s(\d+)/g)) max = Math.max(max, Number(m[1]));
  const block = /<o:idmap\b[^>]*\bdata\s*=\s*"(\d+)/.exec(vml);
  if (max === 0) max = (block ? Number(block[1]) : 1) * 1024;
  const shapes = targets.map((t, i) => noteShape(t, max + 1 + i)).join('');
  const type = /id\s*=\s*"_x0000_t202"/.test(vml) ? '' : SHAPETYPE;
  let out = vml.slice(0, close) + type + shapes + vml.slice(close);
  const root = /<xml\b[^>]*>/.exec(out);
  if (root) {
    let tag = root[0];
    for (const [k, ns] of Object.entries(VML_NS)) if (!new RegExp(`xmlns:${k}\\s*=`).test(tag)) tag = tag.replace(/^<xml/, `<xml xmlns:${k}="${escapeAttr(ns)}"`);
    out = out.slice(0, root.index) + tag + out.slice(root.index + root[0].length);
  }
  return out;
}

/** A shape-id block no other drawing in the package uses (o:idmap data). */
function nextIdBlock(ed: PackageEditor): number {
  let max = 0;
  for (const path of ed.paths()) {
    if (!/\.vml$/i.test(path)) continue;
    const vml = ed.read(path) ?? '';
    for (const m of vml.matchAll(/<o:idmap\b[^>]*\bdata\s*=\s*"([\d,\s]+)"/g)) for (const n of m[1].split(/[,\s]+/)) max = Math.max(max, Number(n) || 0);
    for (const m of vml.matchAll(/_x0000_s(\d+)/g)) max = Math.max(max, Math.floor(Number(m[1]) / 1024));
  }
  return max + 1;
}
