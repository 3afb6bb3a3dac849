/**
 * Status words (RULES.md §2.9). Two kinds, kept apart because the certainty principle treats them
 * differently:
 *
 * - `explicit`: words that state the tier outright (“未完成”, “部分及时”, “基本达成”). A tier read from
 *   them is certain, so a score outside it is a contradiction (error). Checked in the order
 *   partial → unmet → met, so that “部分及时” is not read as “及时”, “未完成” not as “完成”, and
 *   “基本完成但尚未验收” (the 但 clause names what is left) as 部分达成, not as 未达成.
 * - `loose`: words that suggest a tier without saying it (“正常运转”, “顺畅”, “滞后”). A tier read from
 *   them is a guess: at most a warning that says which word was read and why.
 *
 * Sources: seed 002 note 3 (基本达成 in the top tier; 部分达成 the middle one), RULES.md §2.9.
 */
export type StatusTier = 'met' | 'partial' | 'unmet';

export interface StatusWords {
  /** Matched anywhere in the normalised actual; the first list that matches decides. */
  explicit: { tier: StatusTier; words: string[]; patterns?: string[] }[];
  loose: { tier: StatusTier; words: string[] }[];
}

export const STATUS_WORDS: StatusWords = {
  explicit: [
    {
      tier: 'partial',
      words: ['基本完成但', '基本完成,但', '基本建立但', '基本实现但'],
      // “部分及时”, “部分完成”, “部分建立” — but “全部” (all) is not “部分” (part).
      patterns: ['(?<!全)部分'],
    },
    {
      tier: 'unmet',
      words: [
        '未完成', '未达成', '未建立', '未实现', '未达到', '未达标', '未通过', '未按时完成', '未按期完成', '未能完成',
        '尚未完成', '没有完成', '未开展', '未启动', '未验收', '未执行', '全部未', '无法完成', '无法按时完成', '无法按期完成',
        '不能完成', '不能按时完成', '没能完成',
      ],
    },
    {
      tier: 'met',
      words: [
        '全部完成', '全部达成', '全部达标', '全面完成', '已完成', '已达成', '已建立', '已实现', '已达标', '已通过',
        '已验收', '达成', '基本达成', '全部',
      ],
    },
  ],
  loose: [
    { tier: 'unmet', words: ['未', '没有', '不', '无法', '滞后', '延期', '延误', '失败', '较差', '差距较大'] },
    { tier: 'partial', words: ['大部分', '一定效果'] },
    {
      tier: 'met',
      words: [
        '及时', '达标', '通过', '正常', '高效', '达到', '符合', '有效', '顺畅', '畅通', '安全', '合规', '规范', '准确',
        '提升', '提高', '改善', '降低', '明显', '显著', '实现', '已', '到位', '稳定', '良好', '满足',
        // “按时完成” against “12月份” says on time, not how much: RULES.md §2.8 keeps it out of the tiers.
        '完成', '超额',
      ],
    },
  ],
};
