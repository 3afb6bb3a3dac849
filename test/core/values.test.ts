import { describe, expect, it } from 'vitest';
import { inheritUnit, readNumber, readValue, type Quantity } from '../../src/core/values.js';
import { normalizeLabel, splitLabelWeight } from '../../src/core/text.js';

function num(text: string, raw: string | number = text, fmt = '') {
  const r = readValue(raw, text, fmt);
  if (r.kind !== 'number') throw new Error(`${text} read as ${r.kind}`);
  return r.q;
}

describe('normalising labels (docs/rules.md §Reading values)', () => {
  it.each([
    ['一级\n指标', '一级指标'],
    ['绩 效', '绩效'],
    ['指标1：全县机关事业单位公车信息系统', '全县机关事业单位公车信息系统'],
    ['指标 2: 涉及全县党政机关事业单位', '涉及全县党政机关事业单位'],
    ['分值（权重）', '分值(权重)'],
    ['≧95％', '≥95%'],
    ['>=95%', '≥95%'],
    ['<=5%', '≤5%'],
    ['１０分', '10分'],
  ])('%j → %j', (input, expected) => {
    expect(normalizeLabel(input)).toBe(expected);
  });

  it.each([
    ['投入（20分）', '投入', '20'],
    ['绩效目标管理（10）', '绩效目标管理', '10'],
    ['数量指标 (30 分)', '数量指标', '30'],
    ['目标\n设定\n（5分）', '目标设定', '5'],
    ['过程（执行）（40）', '过程(执行)', '40'],
    ['产出指标', '产出指标', null],
  ])('weight in label %j', (label, name, weight) => {
    const r = splitLabelWeight(label);
    expect(r.name).toBe(name);
    expect(r.weight?.toString() ?? null).toBe(weight);
  });
});

describe('reading quantities (docs/rules.md §Reading values)', () => {
  it.each<[string, string, string, string | null, boolean]>([
    // text, value, unit, operator, approximate
    ['3次以上', '3', '次', '>=', false],
    ['20万张以上', '200000', '张', '>=', false],
    ['22万', '220000', '', null, false],
    ['1.68万', '16800', '', null, false],
    ['3.62亿', '362000000', '', null, false],
    ['121 万元', '121', '万元', null, false],
    ['１２１万元', '121', '万元', null, false],
    ['10分', '10', '分', null, false],
    ['67%', '0.67', '%', null, false],
    ['≥95%', '0.95', '%', '>=', false],
    ['≧95％', '0.95', '%', '>=', false],
    ['大于95%', '0.95', '%', '>', false],
    ['不低于90%', '0.9', '%', '>=', false],
    ['不少于36次', '36', '次', '>=', false],
    ['至少5次', '5', '次', '>=', false],
    ['超过10天', '10', '天', '>', false],
    ['低于3%', '0.03', '%', '<', false],
    ['不超过100万元', '100', '万元', '<=', false],
    ['5%以内', '0.05', '%', '<=', false],
    ['10天以下', '10', '天', '<=', false],
    ['≤5%', '0.05', '%', '<=', false],
    ['=100%', '1', '%', '=', false],
    ['等于100%', '1', '%', '=', false],
    ['10000余件', '10000', '件', null, true],
    ['60多篇', '60', '篇', null, true],
    ['近300期', '300', '期', null, true],
    ['约50人', '50', '人', null, true],
    ['50人左右', '50', '人', null, true],
    ['29,187条', '29187', '条', null, false],
  ])('%j', (text, value, unit, op, approximate) => {
    const q = num(text);
    expect(q.value.toString()).toBe(value);
    expect(q.unit).toBe(unit);
    expect(q.op).toBe(op);
    expect(q.approximate).toBe(approximate);
  });

  it('a number in a percent-formatted cell is that percentage, with the displayed precision', () => {
    const q = num('67%', 0.67, '0%');
    expect(q.percent).toBe(true);
    expect(q.value.toString()).toBe('0.67');
    expect(q.decimals).toBe(2);
    expect(num('66.55%', 0.665513, '0.00%').decimals).toBe(4);
  });

  it('a compound target keeps each part with its label', () => {
    const r = readValue('接收公文10000余件，市长热线下派工单10000余件', '接收公文10000余件，市长热线下派工单10000余件');
    expect(r.kind).toBe('compound');
    if (r.kind !== 'compound') return;
    expect(r.parts.map((p) => [p.label, p.value.toString(), p.approximate])).toEqual([
      ['接收公文', '10000', true],
      ['市长热线下派工单', '10000', true],
    ]);
  });
});

describe('reading qualitative values (docs/rules.md §Reading values)', () => {
  it.each([
    ['12月份', 'deadline'],
    ['年底前', 'deadline'],
    ['2023年12月前', 'deadline'],
    ['是', 'boolean'],
    ['否', 'boolean'],
    ['满意', 'ordinal'],
    ['基本满意', 'ordinal'],
    ['质量合格', 'ordinal'],
    ['优秀', 'ordinal'],
    ['高效运转', 'text'],
    ['', 'empty'],
  ])('%j is %s', (text, kind) => {
    expect(readValue(text || null, text).kind).toBe(kind);
  });

  it('orders the satisfaction and quality scales', () => {
    const rank = (t: string) => {
      const r = readValue(t, t);
      return r.kind === 'ordinal' ? r.rank : -1;
    };
    expect(rank('非常满意')).toBeGreaterThan(rank('满意'));
    expect(rank('满意')).toBeGreaterThan(rank('基本满意'));
    expect(rank('基本满意')).toBeGreaterThan(rank('一般'));
    expect(rank('一般')).toBeGreaterThan(rank('不满意'));
    expect(rank('优秀')).toBeGreaterThan(rank('良好'));
    expect(rank('良好')).toBeGreaterThan(rank('合格'));
    expect(rank('合格')).toBeGreaterThan(rank('不合格'));
  });

  it.each([
    ['高效运转', 'met'],
    ['正常运转', 'met'],
    ['及时', 'met'],
    ['按时完成', 'met'],
    ['通过', 'met'],
    ['部分完成', 'partial'],
    ['未完成', 'unmet'],
    ['进度滞后', 'unmet'],
    ['访问量及问卷调查', 'unknown'],
  ])('statement %j is %s', (text, status) => {
    const r = readValue(text, text);
    expect(r.kind === 'text' ? r.status : r.kind).toBe(status);
  });
});

describe('weights and scores', () => {
  it.each<[string | number, string, string | null | undefined]>([
    [5, '5', '5'],
    ['10 分', '10 分', '10'],
    ['94分', '94分', '94'],
    ['２.５', '２.５', '2.5'],
    ['５', '５', '5'],
    ['-', '-', null],
    ['—', '—', null],
    ['', '', null],
    ['满分', '满分', undefined],
    ['见附件', '见附件', undefined],
  ])('%j', (raw, text, expected) => {
    const r = readNumber(raw === '' ? null : raw, text);
    if (expected === undefined) expect(r).toBeUndefined();
    else if (expected === null) expect(r).toBeNull();
    else expect(r?.value.toString()).toBe(expected);
  });

  it('keeps the displayed precision of a number', () => {
    expect(readNumber(4.658589, '4.66')?.decimals).toBe(2);
    expect(readNumber(4.7, '4.7')?.decimals).toBe(1);
  });
});

describe('unit inheritance (docs/rules.md §Reading values)', () => {
  it('an actual without a unit takes the target’s 万', () => {
    const t = num('10万');
    const a = inheritUnit(num('5', 5) as Quantity, t);
    expect(a.value.toString()).toBe('50000');
  });
  it('an actual of 90 next to a 95% target is 90%', () => {
    expect(inheritUnit(num('90', 90), num('≥95%')).value.toString()).toBe('0.9');
    expect(inheritUnit(num('0.9', 0.9), num('≥95%')).value.toString()).toBe('0.9');
  });
  it('an actual with its own unit keeps it', () => {
    expect(inheritUnit(num('22万'), num('20万张以上')).value.toString()).toBe('220000');
  });
});
