/**
 * The words of the form family (RULES.md §1–2), as data. Matching happens on normalised labels
 * (see text.ts); a header matches a role when its key equals one of the role's words, else when it
 * contains one of the role's `contains` words.
 */
export type ColumnRole =
  | 'level1'
  | 'level2'
  | 'level3'
  | 'name'
  | 'target'
  | 'actual'
  | 'weight'
  | 'score'
  | 'explanation'
  | 'criteria'
  | 'nature'
  | 'unit';

export const COLUMN_WORDS: Record<ColumnRole, { exact: string[]; contains?: string[] }> = {
  level1: { exact: ['一级指标', '一级'] },
  level2: { exact: ['二级指标', '二级'] },
  level3: { exact: ['三级指标', '三级'] },
  name: { exact: ['指标名称', '指标内容', '考核内容', '考核指标', '绩效指标名称'] },
  target: { exact: ['年度指标值', '指标值', '目标值', '年初目标值', '年度目标值', '预期指标值', '年度目标'] },
  actual: { exact: ['实际完成值', '全年实际值', '全年完成值', '完成值', '实际值', '实际完成情况'] },
  weight: { exact: ['分值', '分值(权重)', '权重', '权数', '指标分值', '设定权重', '权重(分值)', '标准分值'] },
  score: { exact: ['自评得分', '自评分', '得分', '指标得分', '考评得分', '实际得分', '评分'] },
  explanation: {
    exact: ['偏差原因分析及改进措施', '偏差原因及改进措施', '未完成原因分析', '未完成原因和改进措施', '扣分原因', '备注', '说明'],
    contains: ['偏差原因', '未完成原因', '扣分原因', '改进措施'],
  },
  criteria: { exact: ['评价标准', '评分标准', '计分标准', '评价要点', '指标解释', '指标说明', '评分规则', '计分方法'] },
  nature: { exact: ['指标性质', '指标属性', '性质', '指标方向', '方向', '指标类型'] },
  unit: { exact: ['计量单位', '度量单位', '单位'] },
};

/** Vocabulary of the funds block (项目资金 / 预算执行情况). */
export type FundsRole = 'budget' | 'initialBudget' | 'executed' | 'rate' | 'weight' | 'score';

export const FUNDS_WORDS: Record<FundsRole, string[]> = {
  budget: ['全年预算数', '调整后预算数', '预算数', '全年预算', '预算安排数'],
  initialBudget: ['年初预算数', '年初预算'],
  executed: ['全年执行数', '执行数', '实际执行数', '全年执行', '实际支出数'],
  rate: ['执行率', '全年执行率', '预算执行率', '资金执行率'],
  weight: ['分值'],
  score: ['得分'],
};

/** Labels of the row that carries the funds figures in a header-style funds block. */
export const FUNDS_TOTAL_ROW = ['年度资金总额', '资金总额', '合计', '总额', '项目资金总额'];

export const TOTAL_WORDS = ['总分', '合计', '总计', '得分合计', '总得分', '综合得分', '自评总分', '合计得分'];
export const GRADE_WORDS = ['评价等级', '自评等级', '等级', '评价结论', '绩效等级', '自评结论'];
/** Grade words a form may print on its own, without a 等级 label (“总分 | 100 | 96 | 优”). */
export const GRADE_VALUE_WORDS = ['优秀', '良好', '中等', '一般', '较差', '合格', '不合格', '优', '良', '中', '差'];
/** Rows inside an indicator table that are not indicators (RULES.md §1 “More variants”). */
export const NON_INDICATOR_LABELS = [
  '其他需要说明事项', '其他需要说明的事项', '其他说明事项', '需要说明的事项', '其他说明', '情况说明', '说明', '备注',
];
export const TITLE_WORDS = ['自评表', '计分表', '评价表', '自评指标'];
/** Rows that end an indicator table: notes under the form. */
export const TABLE_END_PREFIXES = ['注:', '注：', '说明:', '说明：', '填报人', '备注:', '备注：'];

/** Project level-2 names and the level-1 they belong to; re-parents rows whose level-1 cell is blank. */
export const PROJECT_LEVEL2_PARENT: Record<string, string> = {
  数量指标: '产出指标',
  质量指标: '产出指标',
  时效指标: '产出指标',
  成本指标: '产出指标',
  经济效益指标: '效益指标',
  社会效益指标: '效益指标',
  生态效益指标: '效益指标',
  可持续影响指标: '效益指标',
  服务对象满意度指标: '满意度指标',
};

export const PROJECT_LEVEL1 = ['产出指标', '效益指标', '满意度指标'];
export const DEPARTMENT_LEVEL1 = ['投入', '过程', '产出', '效果'];
export const DEPARTMENT_LEVEL2 = [
  '目标设定', '绩效目标管理', '预算配置', '预算编制', '预算执行', '预算管理', '资产管理', '绩效评价', '职责履行', '履职效益',
];

/**
 * Indicators whose number is a ceiling, not a floor (RULES.md §2.5): costs and bad outcomes.
 * Checked against the indicator name and its level-2 name.
 */
export const NEGATIVE_WORDS = [
  '成本', '费用', '支出', '单价', '差错率', '投诉率', '事故率', '结转结余率', '时长', '天数', '降低', '减少', '控制', '发生率',
  '超支', '损失', '违规', '故障率', '缺陷率',
];

export const VALUE_WORDS = {
  /** Operator words before a number, longest first within each group. */
  operators: [
    [['大于或等于', '大于等于', '不低于', '不少于', '不小于', '至少', '达到', '≥'], '>='],
    [['小于或等于', '小于等于', '不高于', '不超过', '不多于', '不大于', '控制在', '≤'], '<='],
    [['大于', '高于', '超过', '多于', '>'], '>'],
    [['小于', '低于', '少于', '不满', '<'], '<'],
    [['等于', '='], '='],
  ] as [string[], string][],
  /** Suffix words after a number; 以上/以下/以内 include the number (《民法典》第1259条). */
  suffixOperators: [
    ['及以上', '>='],
    ['以上', '>='],
    ['及以下', '<='],
    ['以下', '<='],
    ['以内', '<='],
  ] as [string, string][],
  approximatePrefix: ['约', '近', '大约', '将近', '接近'],
  approximateSuffix: ['余', '多', '左右', '上下'],
  deadlinePatterns: [
    '^\\d{1,2}月(份|底|末|前|中旬|上旬|下旬)?(前|内)?(完成)?$',
    '年底|年末|年内|年前|年中|季度末|月底前|月末前',
    '^\\d{4}年\\d{1,2}月(\\d{1,2}日)?(前|底|末)?',
    '^\\d{1,2}月\\d{1,2}日(前)?',
  ],
  ordinalScales: [
    { name: 'satisfaction', words: ['非常满意', '满意', '基本满意', '一般', '不满意'] },
    { name: 'quality', words: ['优秀', '良好', '合格', '不合格'] },
  ],
  // Status words (达成 / 部分达成 / 未达成) are data of their own: src/core/data/status-words.ts.
};
