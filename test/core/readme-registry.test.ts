/** README's 问题代码 table and the finding registry must say the same: codes, order, severity, title. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FINDING_RULES } from '../../src/core/index.js';

const SEVERITY_WORD = { error: '错误', warning: '警告', info: '提示' } as const;

function readmeTable(): { code: string; severity: string; title: string }[] {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const section = readme.slice(readme.indexOf('## 问题代码'));
  const body = section.slice(0, section.indexOf('\n## ', 1));
  return body
    .split('\n')
    .filter((l) => /^\|\s*`[a-z0-9-]+`\s*\|/.test(l))
    .map((l) => l.split('|').slice(1, -1).map((c) => c.trim()))
    .map(([code, severity, title]) => ({ code: code.replace(/`/g, ''), severity, title }));
}

describe('README 问题代码', () => {
  it('lists every code of the registry, in its order, with its severity and title', () => {
    expect(readmeTable()).toEqual(
      FINDING_RULES.map(({ meta }) => ({ code: meta.code, severity: SEVERITY_WORD[meta.severity], title: meta.title.zh })),
    );
  });
});
