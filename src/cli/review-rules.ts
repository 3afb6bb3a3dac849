/**
 * Which rule pack checks a form under `--rules auto`: the pack its layout suggests (suggestPack,
 * from the province signatures the packs declare), else the default. The form was checked with
 * the default first, so its report carries the suggestion.
 */
import { DEFAULT_PACK, suggestPack, type FormReport, type RulePackName } from '../core/index.js';

export interface PackChoice {
  pack: RulePackName;
  /** Why, in Chinese, for the 一览. */
  reason: string;
}

export function choosePack(form: FormReport): PackChoice {
  const s = suggestPack(null, form);
  if (s) return { pack: s.pack, reason: `自动：${s.reason.zh}` };
  return { pack: DEFAULT_PACK, reason: '自动：表样未见省份特征，用默认规则包' };
}
