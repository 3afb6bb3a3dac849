/**
 * The readings behind issue 9's classes 1, 3 and 5: the 指标性质 column in every spelling, the 度量单位
 * column, template placeholders, and status words with their certainty (RULES.md §2.9).
 */
import { describe, expect, it } from 'vitest';
import { checkSheet } from '../../../src/core/check.js';
import { isPlaceholder, readNature, readNumber, readValue, statusOf, withUnit, type Quantity } from '../../../src/core/values.js';
import { snap } from '../../support/snap.js';

function q(text: string): Quantity {
  const r = readValue(text, text);
  if (r.kind !== 'number') throw new Error(`${text} is not a number`);
  return r.q;
}

describe('指标性质', () => {
  it.each([
    ['≥', '>='], ['≧', '>='], ['>=', '>='], ['大于等于', '>='], ['≤', '<='], ['≦', '<='], ['小于等于', '<='],
    ['>', '>'], ['<', '<'], ['=', '='], ['＝', '='], ['═', '='], ['正向', '>='], ['正向指标', '>='], ['反向', '<='], ['逆向', '<='],
  ])('“%s” is %s', (text, op) => {
    expect(readNature(text)).toEqual({ op });
  });

  it('the same spellings inside the target cell itself', () => {
    expect([q('═100%'), q('＝100%'), q('≧95%'), q('≦5天')].map((x) => x.op)).toEqual(['=', '=', '>=', '<=']);
  });

  it('定性 / 定量 say the kind, not a direction; blank and unknown words say nothing', () => {
    expect(readNature('定性')).toEqual({ kind: 'qualitative' });
    expect(readNature('定量指标')).toEqual({ kind: 'quantitative' });
    expect(readNature('')).toBeNull();
    expect(readNature('其他')).toBeNull();
  });
});

describe('度量单位', () => {
  it('“%” makes a bare 100 into 100% = 1 and a bare 95.5 into 0.955', () => {
    expect(withUnit(q('100'), '%')).toMatchObject({ percent: true, unit: '%' });
    expect(withUnit(q('100'), '%').value.toString()).toBe('1');
    expect(withUnit(q('95.5'), '％').value.toString()).toBe('0.955');
    expect(withUnit(q('95.5'), '％').decimals).toBe(3);
  });

  it('“万张” scales (20 → 200000 张); “万元” stays a money unit; a unit written in the cell wins', () => {
    expect(withUnit(q('20'), '万张')).toMatchObject({ scaled: true, unit: '张' });
    expect(withUnit(q('20'), '万张').value.toString()).toBe('200000');
    expect(withUnit(q('8'), '万元')).toMatchObject({ unit: '万元', scaled: false });
    expect(withUnit(q('8'), '万元').value.toString()).toBe('8');
    expect(withUnit(q('95%'), '次').value.toString()).toBe('0.95');
  });

  it('through the check: 20 万张 against “22万张”, and ≥ 大于等于 in the 指标性质 column', () => {
    // 印刷宣传册 大于等于 20 万张, actual 22万张 = 220000 ≥ 200000 → full 10; 覆盖率 ≥ 90 %, actual 81 (takes %)
    // → 0.81 / 0.9 × 10 = 9, declared 9; 成本 ≤ 5 万元, actual 6 → 5 / 6 × 10 = 8.33, declared 10: error.
    const r = checkSheet(
      snap([
        ['一级指标', '二级指标', '三级指标', '指标性质', '指标值', '度量单位', '完成值', '权重', '得分', '未完成原因分析'],
        ['产出指标', '数量指标', '印刷宣传册', '大于等于', 20, '万张', '22万张', 10, 10],
        ['产出指标', '质量指标', '覆盖率', '≥', 90, '%', 81, 10, 9, '偏远村组未覆盖'],
        ['产出指标', '成本指标', '印刷成本', '≤', 5, '万元', 6, 10, 10],
      ]),
    );
    expect(r.forms[0].indicators.map((i) => i.recomputed)).toEqual(['10', '9', '8.33']);
    expect(r.findings.filter((f) => f.code === 'score-mismatch').map((f) => [f.cell, f.expected])).toEqual([['I4', '8.33']]);
  });
});

describe('header vocabulary', () => {
  it('指标属性 and 计量单位 name the operator and unit columns too', () => {
    // 完成率 ≧ 98 %, actual 98% → met, 10: no finding; before the unit was read, 0.98 vs 98 gave 0.1.
    const r = checkSheet(
      snap([
        ['一级指标', '二级指标', '三级指标', '指标属性', '年度指标值', '计量单位', '实际完成值', '分值', '得分'],
        ['产出指标', '质量指标', '完成率', '≧', '98', '%', '98%', 10, 10],
      ]),
    );
    expect(r.forms[0].indicators[0]).toMatchObject({ method: 'positive', recomputed: '10' });
    expect(r.findings.filter((f) => f.code === 'score-mismatch')).toEqual([]);
  });
});

describe('placeholders', () => {
  it('“……”, “…”, “...” are placeholders; numbers, dashes alone and words are not', () => {
    expect(['……', '…', '...', '… …', '⋯⋯'].map(isPlaceholder)).toEqual([true, true, true, true, true]);
    expect(['', '-', '无', '1.5', '见附件'].map(isPlaceholder)).toEqual([false, false, false, false, false]);
    expect(readNumber('……', '……')).toBeNull();
  });
});

describe('status words (RULES.md §2.9)', () => {
  it.each([
    ['全部完成', 'met'], ['已完成', 'met'], ['达成', 'met'], ['基本达成', 'met'],
    ['部分及时', 'partial'], ['部分完成', 'partial'], ['部分建立', 'partial'], ['基本完成但尚未验收', 'partial'],
    ['未完成', 'unmet'], ['未达成', 'unmet'], ['未建立', 'unmet'], ['未实现', 'unmet'], ['无法按时完成', 'unmet'],
  ])('“%s” states %s outright', (text, status) => {
    expect(statusOf(text)).toMatchObject({ status, certain: true });
  });

  it('“全部” is not “部分”: 全部分配到位 is met', () => {
    expect(statusOf('资金全部分配到位')).toMatchObject({ status: 'met', certain: true, word: '全部' });
  });

  it.each([
    ['正常运转', 'met', '正常'], ['网络顺畅', 'met', '顺畅'], ['按时完成', 'met', '完成'], ['进度滞后', 'unmet', '滞后'],
  ])('“%s” only suggests %s (a guess, from “%s”)', (text, status, word) => {
    expect(statusOf(text)).toEqual({ status, certain: false, word });
  });

  it('an actual repeating the target\'s closing criterion restates it: certain', () => {
    // 资金拨付及时 / 及时, 5 of 10: 达成 8–10 → error. 降低办公成本 / 办公成本 (names the measure), 5 of 10:
    // 达成 only guessed → warning.
    const r = checkSheet(
      snap([
        ['一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分', '偏差原因分析及改进措施'],
        ['产出指标', '时效指标', '资金拨付', '资金拨付及时', '及时', 10, 5, '个别延迟'],
        ['产出指标', '成本指标', '办公费用', '降低办公成本', '办公成本', 10, 5, '费用上涨'],
      ]),
    );
    expect(r.findings.filter((f) => f.code.startsWith('score-')).map((f) => [f.code, f.cell])).toEqual([
      ['score-out-of-tier', 'G2'],
      ['score-tier-uncertain', 'G3'],
    ]);
  });

  it('a text saying nothing is unknown', () => {
    expect(statusOf('办公成本')).toEqual({ status: 'unknown', certain: false, word: null });
  });
});
