/**
 * The page's HTML assembly (webpack.config.js) and the file helpers: the script runs only by its
 * hash, no network connection is allowed, script text cannot end its element early.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { inlineWebPage, scriptSafe } from '../../webpack.config.js';
import { copyName, isWorkbookName } from '../../src/web/files.js';

const TEMPLATE = readFileSync('src/web/hefen.html', 'utf8');

describe('inlineWebPage', () => {
  const js = 'const a = "</script><!-- x"; console.log(a);';
  const html = inlineWebPage(TEMPLATE, js, 'self.onmessage = () => "</SCRIPT>";');

  it('puts the script in the page with its sha256 in the CSP, and forbids connections', () => {
    const start = html.lastIndexOf('<script>') + '<script>'.length;
    const body = html.slice(start, html.indexOf('</script>', start));
    expect(body).toBe(scriptSafe(js));
    const hash = createHash('sha256').update(body).digest('base64');
    const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1] ?? '';
    expect(csp).toContain(`script-src 'sha256-${hash}'`);
    for (const d of ["default-src 'none'", "connect-src 'none'", 'worker-src blob:', "form-action 'none'"]) expect(csp).toContain(d);
    expect(csp).not.toContain('unsafe-eval');
    expect(html.indexOf('Content-Security-Policy')).toBeLessThan(html.indexOf('<script'));
  });

  it('escapes </script and <!-- so the text keeps its meaning and ends nothing early', () => {
    expect(scriptSafe('"</script>" "<!--"')).toBe('"<\\/script>" "<\\!--"');
    expect(new Function(`return ${scriptSafe('"</script><!--"')}`)()).toBe('</script><!--');
    expect(html.match(/<\/script>/gi)).toHaveLength(2);
    expect(html).toContain('<script type="text/plain" id="hefen-worker-source"');
    expect(html).toContain('文件只在本机浏览器中处理，不会上传');
  });

  it('fails loudly when the template lost a marker', () => {
    expect(() => inlineWebPage('<html></html>', '', '')).toThrow(/HEFEN:CSP/);
  });
});

describe('file helpers', () => {
  it('keeps workbooks, drops lock files and other files', () => {
    expect(['a.xlsx', 'B.XLSM', 'c.xls', 'd.et', '~$a.xlsx', 'e.csv', 'f.docx'].filter(isWorkbookName)).toEqual(['a.xlsx', 'B.XLSM', 'c.xls', 'd.et']);
  });
  it('names copies with a tag: .xlsm for a macro-enabled package, else .xlsx', () => {
    expect(copyName('自评表.xls', '核分标注')).toBe('自评表（核分标注）.xlsx');
    expect(copyName('a.b.xlsx', '写回合计')).toBe('a.b（写回合计）.xlsx');
    expect(copyName('宏.XLSM', '写回合计')).toBe('宏（写回合计）.xlsm');
    expect(copyName('宏.xlsm', '写回合计', 'xlsm')).toBe('宏（写回合计）.xlsm');
  });
});
