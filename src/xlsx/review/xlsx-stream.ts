/**
 * A small streaming SpreadsheetML writer for the review workbook: rows become XML strings that are
 * deflated into the ZIP as they are made, so memory stays flat however many forms are reviewed
 * (ExcelJS held a cell object per cell and grew to ~860 MiB at 10,000 files). Inline strings,
 * a style registry, frozen header, autofilter, relationship hyperlinks and classic data bars —
 * the parts ECMA-376 Part 1 §18 defines, in the element order CT_Worksheet requires.
 */
import { Zip, ZipDeflate } from 'fflate';

const NS_MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const NS_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const NS_PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';
const REL_HYPERLINK = `${NS_REL}/hyperlink`;

// Characters XML 1.0 forbids (C0 controls except tab, LF, CR; U+FFFE/FFFF; lone surrogates).
// eslint-disable-next-line no-control-regex
const INVALID_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

export function xmlEscape(s: string): string {
  return s.replace(INVALID_XML, '').replace(/[&<>"]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&quot;'));
}

export function columnLetter(n: number): string {
  let s = '';
  for (; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

export interface CellStyle {
  font?: 'bold' | 'title' | 'link';
  /** ARGB of a solid fill. */
  fill?: string;
  borderBottom?: boolean;
  /** A built-in number format id (2 = 0.00, 10 = 0.00%). */
  numFmt?: number;
  wrap?: boolean;
  vertical?: 'top' | 'center';
}

const FONTS = {
  normal: '<font><sz val="11"/><color theme="1"/><name val="Calibri"/><family val="2"/><scheme val="minor"/></font>',
  bold: '<font><b/><sz val="11"/><color theme="1"/><name val="Calibri"/><family val="2"/><scheme val="minor"/></font>',
  title: '<font><b/><sz val="12"/><color theme="1"/><name val="Calibri"/><family val="2"/><scheme val="minor"/></font>',
  link: '<font><u/><sz val="11"/><color rgb="FF0563C1"/><name val="Calibri"/><family val="2"/><scheme val="minor"/></font>',
} as const;
const FONT_IDS = { bold: 1, title: 2, link: 3 } as const;

/** Cell formats registered as they are first used; style 0 is the default. */
export class Styles {
  private readonly ids = new Map<string, number>([['{}', 0]]);
  private readonly xfs: string[] = ['<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'];
  private readonly fills: string[] = ['<fill><patternFill patternType="none"/></fill>', '<fill><patternFill patternType="gray125"/></fill>'];

  id(style: CellStyle): number {
    const key = JSON.stringify(style);
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.xfs.length;
      this.ids.set(key, id);
      this.xfs.push(this.xf(style));
    }
    return id;
  }

  private xf(s: CellStyle): string {
    let fillId = 0;
    if (s.fill) {
      const fill = `<fill><patternFill patternType="solid"><fgColor rgb="${s.fill}"/><bgColor indexed="64"/></patternFill></fill>`;
      fillId = this.fills.indexOf(fill);
      if (fillId < 0) fillId = this.fills.push(fill) - 1;
    }
    const fontId = s.font ? FONT_IDS[s.font] : 0;
    const borderId = s.borderBottom ? 1 : 0;
    const numFmtId = s.numFmt ?? 0;
    const align = s.wrap || s.vertical ? `<alignment${s.vertical ? ` vertical="${s.vertical}"` : ''}${s.wrap ? ' wrapText="1"' : ''}/>` : '';
    const applied = `${numFmtId ? ' applyNumberFormat="1"' : ''}${fontId ? ' applyFont="1"' : ''}${fillId ? ' applyFill="1"' : ''}${borderId ? ' applyBorder="1"' : ''}${align ? ' applyAlignment="1"' : ''}`;
    return `<xf numFmtId="${numFmtId}" fontId="${fontId}" fillId="${fillId}" borderId="${borderId}" xfId="0"${applied}${align ? `>${align}</xf>` : '/>'}`;
  }

  xml(): string {
    return (
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="${NS_MAIN}">` +
      `<fonts count="4">${Object.values(FONTS).join('')}</fonts>` +
      `<fills count="${this.fills.length}">${this.fills.join('')}</fills>` +
      '<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border><border><left/><right/><top/><bottom style="thin"><color indexed="64"/></bottom><diagonal/></border></borders>' +
      '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
      `<cellXfs count="${this.xfs.length}">${this.xfs.join('')}</cellXfs>` +
      '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
      '<dxfs count="0"/><tableStyles count="0" defaultTableStyle="TableStyleMedium2" defaultPivotStyle="PivotStyleLight16"/></styleSheet>'
    );
  }
}

export type CellValue = string | number | null;
export interface Cell {
  v: CellValue;
  s?: number;
  /** An external target (relative path) the cell links to. */
  link?: string;
}
export interface ColumnSpec {
  width: number;
  style?: number;
}
export interface DataBar {
  ref: string;
  min: number;
  max: number;
  colour: string;
}


/** Text encoded and deflated in pieces of about this many characters. */
const FLUSH_AT = 1 << 16;

/** One ZIP entry written as a stream of strings. */
class Entry {
  private readonly file: ZipDeflate;
  private buf = '';
  constructor(zip: Zip, name: string, private readonly enc: TextEncoder) {
    this.file = new ZipDeflate(name, { level: 6 });
    zip.add(this.file);
  }
  write(s: string): void {
    this.buf += s;
    if (this.buf.length >= FLUSH_AT) {
      this.file.push(this.enc.encode(this.buf));
      this.buf = '';
    }
  }
  end(): void {
    this.file.push(this.enc.encode(this.buf), true);
    this.buf = '';
  }
}

export interface SheetOptions {
  columns: ColumnSpec[];
  /** Rows frozen at the top (the header). */
  frozenRows?: number;
  tabSelected?: boolean;
}

/** A worksheet being written: rows go straight into the ZIP; links are kept for the part's rels. */
export class SheetWriter {
  private rowNo = 0;
  private readonly links: string[] = [];
  private readonly targets: string[] = [];
  constructor(private readonly entry: Entry, readonly name: string, readonly index: number, private readonly opts: SheetOptions) {
    const frozen = opts.frozenRows
      ? `<pane ySplit="${opts.frozenRows}" topLeftCell="A${opts.frozenRows + 1}" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A${opts.frozenRows + 1}" sqref="A${opts.frozenRows + 1}"/>`
      : '';
    const cols = opts.columns
      .map((c, i) => `<col min="${i + 1}" max="${i + 1}" width="${c.width}" customWidth="1"${c.style ? ` style="${c.style}"` : ''}/>`)
      .join('');
    entry.write(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${NS_MAIN}" xmlns:r="${NS_REL}">` +
        `<sheetViews><sheetView workbookViewId="0"${opts.tabSelected ? ' tabSelected="1"' : ''}>${frozen}</sheetView></sheetViews>` +
        `<sheetFormatPr defaultRowHeight="15"/>${cols ? `<cols>${cols}</cols>` : ''}<sheetData>`,
    );
  }

  get rowCount(): number {
    return this.rowNo;
  }

  /**
   * `height` in points, for rows whose wrapped text needs more than one line: Excel fits such a
   * row itself, but LibreOffice 7.4 keeps the stored (default) height and cuts the text off (WPS
   * was not available to try).
   */
  row(cells: Cell[], height?: number): void {
    const r = ++this.rowNo;
    let xml = height ? `<row r="${r}" ht="${height}" customHeight="1">` : `<row r="${r}">`;
    cells.forEach((c, j) => {
      if (c.v === null || c.v === '') return;
      const ref = columnLetter(j + 1) + r;
      const s = c.s ? ` s="${c.s}"` : '';
      if (typeof c.v === 'number') xml += Number.isFinite(c.v) ? `<c r="${ref}"${s}><v>${c.v}</v></c>` : '';
      else {
        const t = xmlEscape(c.v);
        const space = /^\s|\s$|\n/.test(t) ? ' xml:space="preserve"' : '';
        xml += `<c r="${ref}"${s} t="inlineStr"><is><t${space}>${t}</t></is></c>`;
      }
      if (c.link) {
        this.targets.push(c.link);
        this.links.push(`<hyperlink ref="${ref}" r:id="rId${this.targets.length}"/>`);
      }
    });
    this.entry.write(`${xml}</row>`);
  }

  /** Closes the sheet; returns its relationships part, or null when it has none. */
  end(tail: { autoFilter?: string; dataBars?: DataBar[] } = {}): string | null {
    let xml = '</sheetData>';
    if (tail.autoFilter) xml += `<autoFilter ref="${tail.autoFilter}"/>`;
    (tail.dataBars ?? []).forEach((b, i) => {
      xml +=
        // minLength/maxLength 0–100: a zero gets no bar (the defaults, 10–90, draw one for it).
        `<conditionalFormatting sqref="${b.ref}"><cfRule type="dataBar" priority="${i + 1}"><dataBar minLength="0" maxLength="100">` +
        `<cfvo type="num" val="${b.min}"/><cfvo type="num" val="${b.max}"/><color rgb="${b.colour}"/></dataBar></cfRule></conditionalFormatting>`;
    });
    if (this.links.length) xml += `<hyperlinks>${this.links.join('')}</hyperlinks>`;
    xml += '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>';
    this.entry.write(xml);
    this.entry.end();
    if (!this.targets.length) return null;
    return relsXml(this.targets.map((t, i) => `<Relationship Id="rId${i + 1}" Type="${REL_HYPERLINK}" Target="${xmlEscape(t)}" TargetMode="External"/>`));
  }
}

const relsXml = (rels: string[]) => `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${NS_PKG_REL}">${rels.join('')}</Relationships>`;

/** A workbook written sheet after sheet; `finish` adds the workbook, styles and package parts. */
export class XlsxStream {
  readonly styles = new Styles();
  private readonly chunks: Uint8Array[] = [];
  private readonly zip: Zip;
  private readonly enc = new TextEncoder();
  private readonly sheets: { name: string; filter?: string }[] = [];
  private failed: Error | null = null;
  private open: SheetWriter | null = null;

  constructor(private readonly meta: { creator: string; created: Date }) {
    this.zip = new Zip((err, data) => {
      if (err) this.failed = err;
      else this.chunks.push(data);
    });
  }

  private part(name: string, content: string): void {
    const e = new Entry(this.zip, name, this.enc);
    e.write(content);
    e.end();
  }

  sheet(name: string, opts: SheetOptions): SheetWriter {
    if (this.open) throw new Error('previous sheet not ended');
    const index = this.sheets.length + 1;
    this.sheets.push({ name });
    this.open = new SheetWriter(new Entry(this.zip, `xl/worksheets/sheet${index}.xml`, this.enc), name, index, opts);
    return this.open;
  }

  endSheet(w: SheetWriter, tail: { autoFilter?: string; dataBars?: DataBar[] } = {}): void {
    const rels = w.end(tail);
    if (rels) this.part(`xl/worksheets/_rels/sheet${w.index}.xml.rels`, rels);
    if (tail.autoFilter) this.sheets[w.index - 1].filter = tail.autoFilter;
    this.open = null;
  }

  finish(): Uint8Array {
    const n = this.sheets.length;
    const range = (ref: string) => ref.split(':').map((c) => c.replace(/^([A-Z]+)(\d+)$/, '$$$1$$$2')).join(':');
    const names = this.sheets
      .map((s, i) => (s.filter ? `<definedName name="_xlnm._FilterDatabase" localSheetId="${i}" hidden="1">'${xmlEscape(s.name.replace(/'/g, "''"))}'!${range(s.filter)}</definedName>` : ''))
      .join('');
    this.part(
      'xl/workbook.xml',
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="${NS_MAIN}" xmlns:r="${NS_REL}"><workbookPr/>` +
        '<bookViews><workbookView xWindow="0" yWindow="0" windowWidth="28800" windowHeight="12300" activeTab="0"/></bookViews>' +
        `<sheets>${this.sheets.map((s, i) => `<sheet name="${xmlEscape(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('')}</sheets>` +
        `${names ? `<definedNames>${names}</definedNames>` : ''}<calcPr calcId="191029"/></workbook>`,
    );
    this.part(
      'xl/_rels/workbook.xml.rels',
      relsXml([
        ...this.sheets.map((_, i) => `<Relationship Id="rId${i + 1}" Type="${NS_REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`),
        `<Relationship Id="rId${n + 1}" Type="${NS_REL}/styles" Target="styles.xml"/>`,
      ]),
    );
    this.part('xl/styles.xml', this.styles.xml());
    const when = this.meta.created.toISOString().replace(/\.\d{3}Z$/, 'Z');
    this.part(
      'docProps/core.xml',
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
        `<dc:creator>${xmlEscape(this.meta.creator)}</dc:creator><cp:lastModifiedBy>${xmlEscape(this.meta.creator)}</cp:lastModifiedBy>` +
        `<dcterms:created xsi:type="dcterms:W3CDTF">${when}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">${when}</dcterms:modified></cp:coreProperties>`,
    );
    this.part(
      'docProps/app.xml',
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"><Application>Microsoft Excel</Application></Properties>',
    );
    this.part(
      '_rels/.rels',
      relsXml([
        `<Relationship Id="rId1" Type="${NS_REL}/officeDocument" Target="xl/workbook.xml"/>`,
        `<Relationship Id="rId2" Type="${NS_PKG_REL}/metadata/core-properties" Target="docProps/core.xml"/>`,
        `<Relationship Id="rId3" Type="${NS_REL}/extended-properties" Target="docProps/app.xml"/>`,
      ]),
    );
    this.part(
      '[Content_Types].xml',
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
        this.sheets.map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join('') +
        '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
        '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>' +
        '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/></Types>',
    );
    this.zip.end();
    if (this.failed) throw this.failed;
    let size = 0;
    for (const c of this.chunks) size += c.length;
    const out = new Uint8Array(size);
    let at = 0;
    for (const c of this.chunks) {
      out.set(c, at);
      at += c.length;
    }
    return out;
  }
}
