import { describe, expect, it } from 'vitest';
import { D, str } from '../../src/core/decimal.js';
import {
  MAX_ALLOWED_VALUES,
  describeAllowed,
  isAllowed,
  nearestAllowed,
  parseCriteria,
  type Allowed,
  type CriteriaPattern,
} from '../../src/core/criteria.js';

const d = (x: number | string) => new D(x);
const show = (a: Allowed): string[] | string =>
  a.kind === 'set' ? a.values.map((v) => str(v) as string) : `${str(a.min)}..${str(a.max)}`;
/** from, from+step, …, to, written out by hand-checkable rule (decimal steps, no float drift). */
const ladder = (from: string, to: string, step: string): string[] => {
  const out: string[] = [];
  for (let x = d(from); x.lte(to); x = x.plus(step)) out.push(str(x) as string);
  return out;
};

interface Case {
  name: string;
  criteria: string;
  weight: number;
  content?: string;
  pattern: CriteriaPattern;
  /** allowed values worked out by hand, or "min..max" for a range */
  allowed: string[] | string;
  /** [declared, allowed?] at 2 dp */
  declared?: Array<[string, boolean]>;
  /** [rate, score]; `null` when the text defines no score for a rate */
  rates?: Array<[string, string]> | null;
}

// Seed 001 (高邑县人民政府办公室 部门整体支出绩效自评表): 指标内容 and 评价标准 copied verbatim.
const SEED_001: Case[] = [
  {
    name: '绩效目标科学性: 各扣2分 (2 subjects) + 每个项目目标扣0.5分 (unbounded) on 7',
    content: '总体绩效目标、分项绩效目标和预算项目目标是否完整、指向精准、客观公正、数量适当、可行性。',
    criteria: '全部符合得满分；总体绩效和分项目标不合格各扣2分；每个项目目标扣0.5分，扣完为止。',
    weight: 7,
    pattern: 'checklist',
    // 7 − 2a − 0.5b, a ≤ 2, b unbounded: every multiple of 0.5 from 0 to 7
    allowed: ladder('0', '7', '0.5'),
    declared: [['6.5', true], ['6.3', false]],
    rates: null,
  },
  {
    name: '绩效指标科学性: 2 items in content × 0.5 on 3 (cannot reach 0)',
    content: '1、是否准确反映绩效目标完成情况；2、是否清晰、细化、可评价、可衡量。',
    criteria: '全部符合得满分；一项不符合扣0.5分。',
    weight: 3,
    pattern: 'checklist',
    allowed: ['2', '2.5', '3'],
    declared: [['2.5', true], ['0', false], ['1.5', false]],
  },
  {
    name: '预算编制完整性: 2 items × 1.5 on 2 → floored at 0',
    content: '1、部门（单位）所有收入是否全部纳入部门预算；2、部门支出预算是否统筹各类支出，按基本支出、项目支出分别编制。',
    criteria: '全部符合得满分；一项不符合扣1.5分。',
    weight: 2,
    pattern: 'checklist',
    allowed: ['0', '0.5', '2'],
    declared: [['2', true], ['1', false]],
  },
  {
    name: '项目预算功能分类等编制合规性: 4 items × 2.25 on 6',
    content: '1、功能分类编制准确性；2、项目支出是否按规定编制政府采购预算；3、项目支出是否按规定实施投资评审管理；4、项目支出是否按规定实施绩效目标管理。',
    criteria: '全部符合得满分；一项不符合扣2.25分。',
    weight: 6,
    pattern: 'checklist',
    allowed: ['0', '1.5', '3.75', '6'],
    declared: [['6', true], ['3.75', true], ['3.8', false]],
  },
  {
    name: '预算上报及时性: binary',
    content: '是否按规定的进行了上报',
    criteria: '按时间要求得满分，否则得零分。',
    weight: 2,
    pattern: 'binary',
    allowed: ['0', '2'],
    declared: [['2', true], ['1', false]],
    rates: null,
  },
  {
    name: '收入预算完成率: linear, ≥95% full, ≤85% zero, w/10 per point',
    content: '部门收入预算完成数与预算数的比较，用以反映和评价部门收入预算的完成程度。收入预算完成率=收入预算完成数/收入预算数*100%。',
    criteria: '1、预算完成率大于或等于95%得满分；2、预算完成率小于或等于85%的得0分；3、预算完成率在85%—95%之间的，在0分和满分之间确定；每降低一个百分点，扣分值的十分之一。',
    weight: 2,
    pattern: 'linear-threshold',
    allowed: ladder('0', '2', '0.2'),
    declared: [['1.8', true], ['1.9', false]],
    // 90%: 5 points below 95% × 0.2 = 1 off → 1; 93.4%: 1.6 × 0.2 = 0.32 off → 1.68
    rates: [['1', '2'], ['0.95', '2'], ['0.94', '1.8'], ['0.9', '1'], ['0.934', '1.68'], ['0.85', '0'], ['0.5', '0']],
  },
  {
    name: '预算调整率: reverse linear, =0 full, ≥10% zero, “每增个百分点”',
    content: '部门本年度预算的调整数与年初预算数的比率。预算调整率=调整预算数/年初预算数*100%。',
    criteria: '1. 预算调整率等于0的，得满分；2. 预算调整率大于或等于10%的，得0分；3. 预算调整率在0-10%之间的，在0分和满分之间确定；每增个百分点，扣分值的十分之一。',
    weight: 2,
    pattern: 'linear-threshold',
    allowed: ladder('0', '2', '0.2'),
    rates: [['0', '2'], ['0.03', '1.4'], ['0.095', '0.1'], ['0.1', '0'], ['0.4', '0']],
  },
  {
    name: '支出进度: “第2、3、4季度” → 3 deductions of 1 on 4, 0 unreachable',
    content: '部门季度支出进度情况，用以反映和评价部门预算执行的及时和均衡程度。',
    criteria: '对当年的一般公共财政预算资金支出进度按季进行考核，第2、3、4季度末的支出进度均符合序时进度的，得满分；支出进度未达到序时进度的，每次扣分值1分。',
    weight: 4,
    pattern: 'checklist',
    allowed: ['1', '2', '3', '4'],
    declared: [['3', true], ['0', false], ['3.5', false]],
  },
  {
    name: '资金结余结转率: stepwise, ≤5% full, ≥50% zero, 5-point bands of w/10',
    content: '部门本年度结转结余总额与支出预算数的比率，反映和评价部门对本年度结转结余资金的实际控制程度。结转结余率=结转结余总额/支出预算数*100%。',
    criteria: '1. 结转结余率小于或等于5%的，得满分；2. 结转结余率大于或等于50%的，得0分；3. 结转结余率在5%-50%之间的，在满分和0之间计算确定；每五个百分点为档，每档扣分值的十分之一。',
    weight: 2,
    pattern: 'stepwise',
    allowed: ladder('0', '2', '0.2'),
    // seed 001 declares 1.5 for a 35% rate: not a multiple of 0.2
    declared: [['1.5', false], ['1.6', true], ['0', true]],
    // started bands beyond 5%: 35% → 6 bands → 0.8; 5.1% → 1 band → 1.8; 49% → 9 → 0.2
    rates: [['0.03', '2'], ['0.05', '2'], ['0.051', '1.8'], ['0.1', '1.8'], ['0.35', '0.8'], ['0.36', '0.6'], ['0.49', '0.2'], ['0.5', '0']],
  },
  {
    name: '“三公经费”控制率: per-unit, 0.1 off per 0.1 point above 100%',
    content: '本年度“三公经费”实际支出数与预算数的比率，用以反映和考核某单位对重点行政成本的控制程度。',
    criteria: '“三公经费”控制率≤100%得满分，大于100%每增加0.1个百分点扣0.1分，扣完为止。',
    weight: 2,
    pattern: 'per-unit',
    allowed: ladder('0', '2', '0.1'),
    declared: [['0.3', true], ['1.95', false]],
    // 100.2% → 2 units → 1.8; 101% → 10 units → 1
    rates: [['0.9738', '2'], ['1', '2'], ['1.002', '1.8'], ['1.01', '1'], ['1.05', '0']],
  },
  {
    name: '政府采购执行率: completion rate, capped',
    content: '政府采购执行率=实际政府采购金额/政府采购预算数*100%',
    criteria: '以总分为上限，采用完成率法计分；得分=政府采购执行率分值，超出总分值不加分。',
    weight: 2,
    pattern: 'completion-rate',
    allowed: '0..2',
    declared: [['1.37', true], ['2.01', false]],
    rates: [['0.8', '1.6'], ['1', '2'], ['1.2', '2'], ['0', '0']],
  },
  {
    name: '决策真实性: “不得分” → binary',
    criteria: '对部门决算数据进行抽查，发现账表不一致的，不得分。',
    weight: 2,
    pattern: 'binary',
    allowed: ['0', '2'],
  },
  {
    name: '资金使用合规性: 8 items in the criteria × 0.5 on 4',
    criteria: '1. 是否符合国家财经法规和财务管理制度规定以及有关专项资金管理办法的规定；2. 资金的拨付是否有完整的审批程序和手续；3. 项目的重大开支是否经过评估论证；4. 是否符合部门预算批复的用途；5. 是否存在截留支出情况；6. 是否存在挤占支出情况；7. 是否存在挪用支出情况；8. 是否存在虚列支出情况。一项不符合，扣分值0.5分，扣完为止。',
    weight: 4,
    pattern: 'checklist',
    allowed: ladder('0', '4', '0.5'),
  },
  {
    name: '财务管理规范性: 4 items × 1.25 on 5',
    criteria: '1. 会计科目和账务处理是否正确，是否实行会计电算化；2. 往来账款清理是否及时；3. 银行账户数量、开户程序是否符合规定；4. 库存现金是否超过规定额度，有无违反规定大额支取现金。一项不符合，扣分值1.25分。',
    weight: 5,
    pattern: 'checklist',
    allowed: ['0', '1.25', '2.5', '3.75', '5'],
  },
  {
    name: '管理制度健全性: 2 items × 1 on 2',
    criteria: '1. 是否已制定或具有预算资金管理办法、内部管理制度、会计核算制度、会计岗位制度等管理制度；2. 相关管理制度是否得到有效执行。一项不符合，扣分值1分。',
    weight: 2,
    pattern: 'checklist',
    allowed: ['0', '1', '2'],
  },
  {
    name: '预算信息公开性: 2 items × 二分之一 of 2',
    criteria: '1.是否按规定内容公开预算信息;2.是否按规定时限公开预算信息。一项不符合,扣分值二分之一。',
    weight: 2,
    pattern: 'checklist',
    allowed: ['0', '1', '2'],
  },
  {
    name: '基础信息完善性: 2 items × 二分之一 of 1',
    criteria: '1.基础数据信息和会计信息资料是否真实;2.基础数据信息和会计信息资料是否完整;一项不符合,扣分值二分之一。',
    weight: 1,
    pattern: 'checklist',
    allowed: ['0', '0.5', '1'],
    declared: [['0.5', true], ['0.8', false]],
  },
  {
    name: '资产管理规范性: 5 items × 0.4 on 2',
    criteria: '1.是否建立资产台账,资产报表数据与会计账簿数据是否相符;2.新增资产是否符合规定程序和规定标准;3.资产对外使用(出租等)、资产处置事项是否按规定报批;4.资产收益是否及时足额上交财政;5.公务用车(含业务用车)是否符合编制要求,是否履行审批手续。一项不符合,扣0.4分。',
    weight: 2,
    pattern: 'checklist',
    allowed: ['0', '0.4', '0.8', '1.2', '1.6', '2'],
  },
  {
    name: '绩效自评覆盖率: 得分=覆盖率*分值',
    criteria: '采用完成率法计分;得分=覆盖率*分值',
    weight: 4,
    pattern: 'completion-rate',
    allowed: '0..4',
    rates: [['0.95', '3.8'], ['1.1', '4']],
  },
  {
    name: '评价结果应用率: 得分=应用率*分值',
    criteria: '采用完成率法计分;得分=应用率*分值',
    weight: 4,
    pattern: 'completion-rate',
    allowed: '0..4',
    rates: [['0.5', '2']],
  },
  {
    name: '公文接收: 酌情扣分',
    criteria: '接收公文、办理市长热线件数达标,得满分,件数不达标,按实际情况酌情扣分',
    weight: 2,
    pattern: 'discretionary',
    allowed: '0..2',
    declared: [['1.37', true], ['2.5', false]],
    rates: null,
  },
  {
    name: '部门整体效益: no rule stated',
    criteria: '根据评价部门实际情况设置,并可将其细化为相应的个性化指标。如经济效益指标、社会效益指标以及环境效益指标。',
    weight: 9,
    pattern: 'discretionary',
    allowed: '0..9',
    declared: [['8', true]],
  },
  {
    name: '社会公众满意度: 每下降10%扣1.5分, 低于60%不得分 → {6 − 1.5k} ∪ {0}, start of deductions unclear',
    criteria: '满意度在90%以上,得满分,以80%为标准,每下降10%,扣1.5分,低于60%,不得分。',
    weight: 6,
    pattern: 'per-unit',
    allowed: ['0', '1.5', '3', '4.5', '6'],
    declared: [['6', true], ['5', false]],
    rates: null,
  },
];

// Seed 004 (赫山区 部门整体支出绩效自评指标计分表): 指标说明 column, circled digits as printed.
const SEED_004: Case[] = [
  {
    name: '绩效目标合理性: 评价要点 ①②③ without a deduction → discretionary',
    criteria: '评价要点：\n①是否符合国家法律法规、国民经济和社会发展总体规划；\n②是否符合部门“三定”方案确定的职责；\n③是否符合部门制定的中长期实施规划。',
    weight: 2,
    pattern: 'discretionary',
    allowed: '0..2',
  },
  {
    name: '在职人员控制率: a rate formula only → completion-rate range, no score for a rate',
    criteria: '在职人员控制率=（在职人员数/编制数）×100%。\n在职人员数：部门实际在职人数，以财政部确定的部门决算编制口径为准。\n编制数：机构编制部门核定批复的部门的人员编制数。',
    weight: 5,
    pattern: 'completion-rate',
    allowed: '0..5',
    rates: null,
  },
  {
    name: '“三公经费”变动率: formula only',
    criteria: '“三公经费”变动率=[（本年度“三公经费”总额-上年度“三公经费”总额）/上年度“三公经费”总额]×100%。\n“三公经费”：年度预算安排的因公出国（境）费、公务车辆购置及运行费和公务招待费。',
    weight: 5,
    pattern: 'completion-rate',
    allowed: '0..5',
    rates: null,
  },
  {
    name: '经济效益: 共性要素 note → discretionary',
    criteria: '此三项指标为设置部门整体支出绩效评价指标时必须考虑的共性要素，可根据部门实际并结合部门整体支出绩效目标设立情况有选择的进行设置，并将其细化为相应的个性化指标。',
    weight: 5,
    pattern: 'discretionary',
    allowed: '0..5',
  },
];

// The docs/rules.md §Department scoring band-table example and a circled-digit checklist (no seed prints these).
const OTHER: Case[] = [
  {
    name: 'band table (docs/rules.md §Department scoring example)',
    criteria: '≥90%计5分；80%(含)-90%计4分；70%(含)-80%计3分；低于70%计0分',
    weight: 5,
    pattern: 'band-table',
    allowed: ['0', '3', '4', '5'],
    declared: [['4', true], ['4.5', false]],
    rates: [['0.95', '5'], ['0.9', '5'], ['0.85', '4'], ['0.8', '4'], ['0.7', '3'], ['0.69', '0']],
  },
  {
    name: 'checklist counting ①②③ in the content (NFKC would turn them into digits)',
    content: '评价要点：①基础数据信息和会计信息资料是否真实；②基础数据信息和会计信息资料是否完整；③基础数据信息和会计信息资料是否准确。',
    criteria: '一项不符合扣分值的三分之一。',
    weight: 3,
    pattern: 'checklist',
    allowed: ['0', '1', '2', '3'],
  },
  {
    name: 'full-width digits, ％ and ≧/≦ are normalised',
    criteria: '预算执行率≧９５％得满分；预算执行率≦８５％得０分；每降低一个百分点，扣分值的十分之一。',
    weight: 4,
    pattern: 'linear-threshold',
    allowed: ladder('0', '4', '0.4'),
    rates: [['0.9', '2']],
  },
];

const seed001 = (name: string): string => {
  const c = SEED_001.find((x) => x.name.startsWith(name));
  if (!c) throw new Error(`no seed 001 case ${name}`);
  return c.criteria;
};

describe('parseCriteria on real rubric texts', () => {
  it.each([...SEED_001, ...SEED_004, ...OTHER])('$name', (c) => {
    const rule = parseCriteria(c.criteria, d(c.weight), { content: c.content });
    expect(rule.pattern).toBe(c.pattern);
    expect(show(rule.allowed)).toEqual(c.allowed);
    expect(rule.summary).not.toBe('');
    expect(rule.summaryEn).not.toBe('');
    for (const [declared, ok] of c.declared ?? []) {
      expect(isAllowed(rule.allowed, d(declared), 2), `declared ${declared}`).toBe(ok);
    }
    if (c.rates === null) expect(rule.scoreForRate).toBeUndefined();
    for (const [rate, score] of c.rates ?? []) {
      expect(rule.scoreForRate, 'scoreForRate').toBeDefined();
      expect(str(rule.scoreForRate!(d(rate))), `rate ${rate}`).toBe(score);
    }
  });
});

describe('summaries', () => {
  it('describe the checklist the way the task pane shows it', () => {
    const rule = parseCriteria('全部符合得满分；一项不符合扣1.5分。', d(2), {
      content: '1、部门（单位）所有收入是否全部纳入部门预算；2、部门支出预算是否统筹各类支出。',
    });
    expect(rule.summary).toBe('检查清单：每项不符合扣 1.5 分，共 2 项，扣完为止');
    expect(rule.summaryEn).toBe('Checklist: 1.5 off per failed item, 2 items, not below 0');
  });

  it('name both thresholds and the step of a linear rule', () => {
    const rule = parseCriteria(seed001('收入预算完成率'), d(2));
    expect(rule.summary).toBe('线性计分：≥95% 得满分，≤85% 得 0 分，每低 1 个百分点扣 0.2 分');
    expect(rule.summaryEn).toBe('Linear threshold: full marks at ≥95%, zero at ≤85%, 0.2 off per 1 percentage point below');
  });

  it('say when the start of the deductions is unclear (seed 001 满意度)', () => {
    expect(parseCriteria(seed001('社会公众满意度'), d(6)).summary).toContain('起扣点不明确');
  });
});

describe('unparseable text', () => {
  it.each(['', '   ', '——', '%%%每每扣扣得得分分', '每0个百分点扣0.1分', '一项不符合扣0分', '得分=', '第、、季度'])(
    '%j is discretionary or at least does not throw',
    (text) => {
      const rule = parseCriteria(text, d(3));
      expect(rule.allowed.kind === 'range' || rule.allowed.values.length > 0).toBe(true);
      if (!text.trim() || text === '——') {
        expect(rule.pattern).toBe('discretionary');
        expect(show(rule.allowed)).toBe('0..3');
      }
    },
  );

  it('treats a zero or negative weight as nothing to enumerate', () => {
    expect(show(parseCriteria('一项不符合扣1分', d(0)).allowed)).toBe('0..0');
    expect(parseCriteria('一项不符合扣1分', d(-2)).pattern).toBe('discretionary');
  });

  it('caps an enumeration that would be huge', () => {
    const rule = parseCriteria('一项不符合扣0.0001分，扣完为止。', d(100));
    expect(rule.pattern).toBe('checklist');
    expect(rule.allowed.kind === 'range' || rule.allowed.values.length <= MAX_ALLOWED_VALUES).toBe(true);
    expect(show(rule.allowed)).toBe('0..100');
  });

  it('keeps 0.1 steps exact', () => {
    const rule = parseCriteria(seed001('“三公经费”控制率'), d(2));
    expect(rule.allowed.kind).toBe('set');
    if (rule.allowed.kind === 'set') {
      expect(rule.allowed.values[3].toString()).toBe('0.3');
      expect(rule.allowed.values.map((v) => v.toString())).not.toContain('0.30000000000000004');
    }
  });
});

describe('isAllowed / nearestAllowed', () => {
  const stepwise = parseCriteria(seed001('资金结余结转率'), d(2)).allowed;
  const range: Allowed = { kind: 'range', min: d(0), max: d(4) };

  it('compares at the declared precision', () => {
    const set: Allowed = { kind: 'set', values: [d(0), d('0.5'), d(2)] };
    expect(isAllowed(set, d('0.49'), 2)).toBe(false);
    expect(isAllowed(set, d('0.49'), 1)).toBe(true);
    expect(isAllowed(set, d('0.50'), 2)).toBe(true);
    expect(isAllowed(range, d('4.004'), 2)).toBe(true);
    expect(isAllowed(range, d('4.01'), 2)).toBe(false);
    expect(isAllowed(range, d('-0.01'), 2)).toBe(false);
  });

  it('finds the neighbours of a disallowed score (seed 001 资金结余结转率 1.5)', () => {
    const n = nearestAllowed(stepwise, d('1.5'));
    expect([str(n.below), str(n.above)]).toEqual(['1.4', '1.6']);
  });

  it('returns the value itself when allowed, and null past either end', () => {
    expect(nearestAllowed(stepwise, d('1.6'))).toEqual({ below: d('1.6'), above: d('1.6') });
    const low = nearestAllowed(stepwise, d('-1'));
    expect([low.below, str(low.above)]).toEqual([null, '0']);
    const high = nearestAllowed(stepwise, d('2.5'));
    expect([str(high.below), high.above]).toEqual(['2', null]);
    expect(nearestAllowed(range, d('5'))).toEqual({ below: d(4), above: null });
    expect(nearestAllowed(range, d('2.5'))).toEqual({ below: d('2.5'), above: d('2.5') });
  });
});

describe('describeAllowed', () => {
  it.each<[Allowed, string, string]>([
    [{ kind: 'set', values: ['0', '0.2', '0.4', '0.6', '0.8', '1', '1.2', '1.4', '1.6', '1.8', '2'].map(d) }, '0、0.2、0.4…2（步长 0.2）', '0, 0.2, 0.4 … 2 (step 0.2)'],
    [{ kind: 'set', values: ['0', '0.5', '2'].map(d) }, '0、0.5、2', '0, 0.5, 2'],
    [{ kind: 'set', values: ['0', '1.5', '3.75', '6'].map(d) }, '0、1.5、3.75、6', '0, 1.5, 3.75, 6'],
    [{ kind: 'set', values: [] }, '无', 'none'],
    [{ kind: 'range', min: d(0), max: d(4) }, '0–4 之间任意值', 'any value from 0 to 4'],
  ])('%#', (allowed, zh, en) => {
    expect(describeAllowed(allowed)).toBe(zh);
    expect(describeAllowed(allowed, 'en')).toBe(en);
  });
});
