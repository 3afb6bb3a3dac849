/**
 * `sichuan`: 预算执行情况 10 + 绩效指标 90, the split target columns, a reason required when the
 * execution rate is below 90% (Sichuan 510000_0013zp forms: 青神, 大英, 中江; RULES.md §6).
 */
import { national } from './national.js';
import type { RulePack } from './types.js';

export const sichuan: RulePack = {
  ...national,
  name: 'sichuan',
  title: '四川（预算执行 10 + 绩效指标 90，执行率低于 90% 须说明原因）',
  titleEn: 'Sichuan (execution 10 + indicators 90, a reason below 90% execution)',
  execution: { cap: '1', reasonBelow: '0.9' },
  signature: {
    executionWeight: '10',
    indicatorWeight: '90',
    columns: ['nature', 'unit'],
    words: ['完成值', '权重', '未完成原因分析'],
    minWords: 2,
    reason: {
      zh: '预算执行情况 10 分 + 绩效指标 90 分，列为 指标性质/指标值/度量单位/完成值/权重/未完成原因分析，是四川自评表的表样',
      en: 'execution 10 + indicators 90 with the columns 指标性质/指标值/度量单位/完成值/权重/未完成原因分析, as on Sichuan forms',
    },
  },
  pending: {
    fundRows: '资金来源行：财政资金 / 财政专户管理资金 / 单位资金 / 其他资金',
    satisfactionOptional: '满意度指标可不设',
  },
  sources: {
    ...national.sources,
    'project.level1Weights': { tag: '?', ref: '四川自评表只定绩效指标合计 90；产出/效益/满意度按全国 50/30/10 拆分（只提示）' },
    'project.executionWeight': { tag: 'src', ref: '四川 510000_0013zp 自评表：预算执行情况 10 分' },
    'project.totalWeight': { tag: 'src', ref: '四川 510000_0013zp 自评表：预算执行情况 10 + 绩效指标 90' },
    'execution.cap': { tag: 'src', ref: '四川自评表：执行率 = 执行数 ÷ 调整后预算数（识别时以调整后预算数为预算数），以满分为限' },
    'execution.reasonBelow': { tag: 'src', ref: '四川自评表：预算执行率低于 90% 须说明原因' },
    signature: { tag: 'src', ref: '四川 510000_0013zp 自评表（青神、大英、中江）的列' },
    'pending.fundRows': { tag: 'src', ref: '四川自评表资金来源行', implemented: false },
    'pending.satisfactionOptional': { tag: 'src', ref: '四川自评表：满意度指标可选', implemented: false },
  },
};
