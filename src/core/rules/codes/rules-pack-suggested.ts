/**
 * The form's layout carries a province's signature (RulePack.signature) while another pack checks
 * it (docs/rules.md §Pack detection): say which pack and why; never switch by itself.
 */
import { RULE_PACKS } from '../packs.js';
import { defineRule } from '../types.js';

export const rulesPackSuggested = defineRule({
  meta: {
    code: 'rules-pack-suggested',
    severity: 'info',
    title: { zh: '建议使用省份规则包', en: 'A province rule pack fits this form' },
    fix: { zh: '若此表属该省，用该规则包重新检查（命令行 --rules 或 --rules auto）', en: 'If the form is from that province, check it again with that pack (--rules, or --rules auto)' },
    suggests: false,
    messages: {
      suggested: {
        zh: '此表{reason}，建议使用规则包“{pack}”（{title}）；当前按“{current}”检查',
        en: 'This form looks like {pack}: {reason}; it was checked with {current}',
      },
    },
  },
  check(ctx) {
    const s = ctx.figures.suggestion;
    if (!s) return;
    const cell = ctx.form.funds?.weight?.cell ?? ctx.form.headerCells.weight?.cell ?? ctx.form.headerCells.score?.cell ?? ctx.form.total?.scoreCell;
    if (!cell) return;
    ctx.report({
      messageId: 'suggested',
      data: { reason: s.reason, pack: s.pack, title: RULE_PACKS[s.pack].title, current: ctx.pack.name },
      cell,
      declared: ctx.pack.name,
      expected: s.pack,
      path: [],
      rule: ctx.rule('signature'),
    });
  },
});
