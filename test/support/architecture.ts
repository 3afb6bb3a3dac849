/**
 * The folder boundaries of GUIDE.md as a checker: given source files (path + text), the imports and
 * globals each one uses that its folder may not. test/architecture.test.ts runs it over the real
 * tree and over synthetic files, so the checker itself is shown to catch each kind of violation.
 *
 * Parsed with the TypeScript compiler, so comments and strings never count, type-only imports do,
 * and `import()` / `require()` are seen as well as import and export declarations.
 */
import { builtinModules } from 'node:module';
import { posix } from 'node:path';
import ts from 'typescript';

export interface SourceFile {
  /** Relative to the repository root, with forward slashes: "src/core/check.ts". */
  path: string;
  text: string;
}

export interface Violation {
  file: string;
  /** The module specifier or global name at fault. */
  what: string;
  rule: string;
}

/** Packages the core may import: decimal arithmetic, nothing that ties it to a host. */
const CORE_PACKAGES = new Set(['decimal.js']);
/** Globals that belong to a host: the DOM, Office.js, Node. */
const HOST_GLOBALS = new Set([
  'document',
  'window',
  'navigator',
  'localStorage',
  'sessionStorage',
  'location',
  'HTMLElement',
  'Office',
  'Excel',
  'process',
  'Buffer',
  '__dirname',
  'require',
]);
const NODE_BUILTINS = new Set(builtinModules);

/** Packages src/host may not import: UI, Office, Node, workbook libraries. */
function forbiddenInHost(spec: string): boolean {
  return (
    isNodeBuiltin(spec) ||
    /^(react|react-dom|scheduler)(\/|$)/.test(spec) ||
    /^@fluentui\//.test(spec) ||
    /^office(-addin)?-/.test(spec) ||
    spec === 'exceljs' ||
    /^@e965\/xlsx/.test(spec) ||
    spec === 'xlsx'
  );
}

function isNodeBuiltin(spec: string): boolean {
  return spec.startsWith('node:') || NODE_BUILTINS.has(spec.split('/')[0]);
}

interface Found {
  imports: string[];
  globals: string[];
}

function isDeclarationName(node: ts.Identifier): boolean {
  const p = node.parent;
  return (
    ((ts.isPropertyAccessExpression(p) || ts.isQualifiedName(p)) && (p as ts.PropertyAccessExpression).name === node) ||
    ((ts.isPropertyAssignment(p) ||
      ts.isPropertyDeclaration(p) ||
      ts.isPropertySignature(p) ||
      ts.isMethodDeclaration(p) ||
      ts.isMethodSignature(p) ||
      ts.isVariableDeclaration(p) ||
      ts.isParameter(p) ||
      ts.isFunctionDeclaration(p) ||
      ts.isBindingElement(p) ||
      ts.isEnumMember(p) ||
      ts.isImportSpecifier(p) ||
      ts.isExportSpecifier(p) ||
      ts.isShorthandPropertyAssignment(p)) &&
      (p as ts.NamedDeclaration).name === node)
  );
}

function scan(file: SourceFile): Found {
  const kind = file.path.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const sf = ts.createSourceFile(file.path, file.text, ts.ScriptTarget.Latest, true, kind);
  const imports: string[] = [];
  const globals = new Set<string>();
  const visit = (node: ts.Node): void => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      imports.push(node.moduleSpecifier.text);
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      const e = node.moduleReference.expression;
      if (ts.isStringLiteral(e)) imports.push(e.text);
    } else if (ts.isCallExpression(node) && node.arguments.length === 1 && ts.isStringLiteral(node.arguments[0])) {
      const callee = node.expression;
      if (callee.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(callee) && callee.text === 'require')) {
        imports.push(node.arguments[0].text);
      }
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
      imports.push(node.argument.literal.text);
    }
    if (ts.isIdentifier(node) && HOST_GLOBALS.has(node.text) && !isDeclarationName(node)) globals.add(node.text);
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return { imports, globals: [...globals] };
}

/** The repository path a relative specifier points at, without extension ("src/core/index"). */
function resolve(from: string, spec: string): string | null {
  if (!spec.startsWith('.')) return null;
  return posix.normalize(posix.join(posix.dirname(from), spec)).replace(/\.(js|ts|tsx|jsx)$/, '');
}

const under = (path: string, dir: string) => path === dir || path.startsWith(`${dir}/`);

export function violations(files: readonly SourceFile[]): Violation[] {
  const out: Violation[] = [];
  for (const file of files) {
    const path = file.path;
    const { imports, globals } = scan(file);
    const inCore = under(path, 'src/core');
    const inHost = under(path, 'src/host');
    for (const spec of imports) {
      const target = resolve(path, spec);
      const add = (rule: string) => out.push({ file: path, what: spec, rule });
      if (inCore) {
        if (target === null ? !CORE_PACKAGES.has(spec) : !under(target, 'src/core')) add('core imports nothing outside itself');
        continue;
      }
      if (target !== null && under(target, 'src/core') && target !== 'src/core/index' && !under(path, 'test')) {
        add('hosts import the core only through src/core/index.ts');
      }
      if (under(path, 'src/excel') && target !== null && under(target, 'src/taskpane')) add('src/excel never imports src/taskpane');
      if (under(path, 'src/xlsx') && target === null && isNodeBuiltin(spec)) add('src/xlsx has no node:* import');
      if (inHost && target === null && forbiddenInHost(spec)) add('src/host imports no React, Office, Node or ExcelJS');
      if (inHost && target !== null && !under(target, 'src/host') && !under(target, 'src/core')) {
        add('src/host imports only the core and itself');
      }
    }
    if (inCore || inHost) {
      for (const g of globals) out.push({ file: path, what: g, rule: `${inCore ? 'core' : 'src/host'} uses no DOM, Office or Node globals` });
    }
  }
  return out;
}
