/** Text where a weight or score belongs (“满分”, “见附件”): left out of the sums (docs/rules.md §Reading values). */
import { defineRule } from '../types.js';

export const numberNotReadable = defineRule({
  meta: {
    code: 'number-not-readable',
    severity: 'warning',
    title: { zh: '无法识别的数字', en: 'Unreadable number' },
    fix: { zh: '在该格填写数字（如“10”而不是“满分”）', en: 'Write a number in this cell (“10”, not “full marks”)' },
    suggests: false,
    messages: {
      unreadable: {
        zh: '“{text}”不是可识别的数字，本格未计入合计',
        en: '“{text}” is not a readable number and was left out of the sums',
      },
    },
  },
  check(ctx) {
    for (const u of ctx.form.unreadable) {
      const text = u.text.trim();
      ctx.report({ messageId: 'unreadable', data: { text }, cell: u.cell, declared: text, rule: ctx.rule('values') });
    }
  },
});
