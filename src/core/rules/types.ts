/**
 * What a finding rule is: its metadata (one record per finding code) and a `check` that compares
 * the figures it is given and reports contradictions by message id. Rules never compute figures
 * (src/core/figures.ts does, once per form) and never touch the recognised form.
 */
import type { Finding, Severity } from '../report.js';
import type { Form } from '../form.js';
import type { FormFigures } from '../figures.js';
import type { RulePack } from './packs/types.js';
import type { MessageData } from './interpolate.js';

export interface Text {
  zh: string;
  en: string;
}

export interface RuleMeta<C extends string = string, M extends string = string> {
  code: C;
  severity: Severity;
  /** Short title for groups in the pane, the CLI and README's table. */
  title: Text;
  /** One line: what the user changes to resolve it. */
  fix: Text;
  /** Whether its findings carry a value to write (采用建议值). */
  suggests: boolean;
  /** Message templates by id; `{name}` is filled from the reported data. */
  messages: Record<M, Text>;
  /**
   * The findings of other codes a finding of this code explains (docs/rules.md §Root causes): the
   * root-cause pass (causes.ts) points each such consequence at it with `causedBy`.
   */
  explains?: readonly Consequence[];
}

/** One kind of finding that follows from a root finding of the declaring rule. */
export interface Consequence {
  /** The consequence's finding code. */
  code: string;
  /** Whether this consequence follows from this root on this form; without it every finding of the code does. */
  when?: (root: Finding, consequence: Finding, figures: FormFigures) => boolean;
  /**
   * 'withdraw': the consequence's own fix would contradict the root's, so it keeps none (its
   * expected value and suggestion are cleared); 'keep': its fix is what the root's fix leads to.
   */
  fix: 'withdraw' | 'keep';
}

/** What a rule reports; the rule's code, severity and the sheet are added by the context. */
export interface Report<M extends string = string> {
  messageId: M;
  data?: MessageData;
  cell: string;
  declared?: string | null;
  expected?: string | null;
  path?: string[];
  inputs?: Record<string, string>;
  /** Which rule decided it, with the pack: "national/project.positive" (see `RuleContext.rule`). */
  rule: string;
  /** The value 采用建议值 writes into `cell` (a number as a string); only rules that suggest. */
  suggest?: string | null;
}

export interface RuleContext<M extends string = string> {
  form: Form;
  pack: RulePack;
  figures: FormFigures;
  report(r: Report<M>): void;
  /** A pack rule's full name: rule('cap') → "national/cap". */
  rule(name: string): string;
}

export interface FindingRule<C extends string = string, M extends string = string> {
  meta: RuleMeta<C, M>;
  check(context: RuleContext<M>): void;
}

/** Keeps the code and the message ids as literal types, so a wrong id is a type error. */
export function defineRule<C extends string, M extends string>(rule: FindingRule<C, M>): FindingRule<C, M> {
  return rule;
}

export type { Finding };
