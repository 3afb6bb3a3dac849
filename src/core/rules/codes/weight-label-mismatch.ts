/** A weight written in a label (“绩效目标合理性（2分）”) that differs from the weight column. */
import { type Dec, eq, show, str } from '../../decimal.js';
import { defineRule } from '../types.js';
import { ruleRows } from './scored-cells.js';

export const weightLabelMismatch = defineRule({
  meta: {
    code: 'weight-label-mismatch',
    severity: 'error',
    title: { zh: '标签分值与分值列不符', en: 'Label weight differs from the weight column' },
    fix: { zh: '让标签中的分值与分值列一致（改其中错的一个）', en: 'Make the label and the weight column agree (fix whichever is wrong)' },
    suggests: false,
    messages: {
      label: {
        zh: '“{name}”标签中的分值 {label} 与分值列的 {column} 不符',
        en: '“{name}” says {label} in its label but {column} in the weight column',
      },
    },
  },
  check(ctx) {
    const report = (cell: string, name: string, label: Dec, column: Dec, path: string[]) =>
      ctx.report({
        messageId: 'label',
        data: { name, label: show(label), column: show(column) },
        cell,
        declared: str(label),
        expected: str(column),
        path,
        rule: ctx.rule('totals.label-weight'),
      });
    for (const { ind } of ruleRows(ctx.figures).labelWeighted) {
      if (ind.weight && ind.labelWeight && ind.nameCell && !eq(ind.weight.value, ind.labelWeight)) {
        report(ind.nameCell.cell, ind.name, ind.labelWeight, ind.weight.value, ind.path);
      }
    }
    for (const { node, path } of ctx.figures.levels) {
      const column = node.subtotal?.weight;
      if (column && node.labelWeight && node.labelCell && !column.value.eq(node.labelWeight)) {
        report(node.labelCell.cell, node.name, node.labelWeight, column.value, path);
      }
    }
  },
});
