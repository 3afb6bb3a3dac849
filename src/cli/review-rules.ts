/**
 * Which rule pack checks a form under `--rules auto`.
 *
 * TEMPORARY: every form gets the default pack until the accuracy work (issue 9) can tell a
 * province's layout from the form itself; replace this one function then.
 */
import { DEFAULT_PACK, type FormReport, type RulePackName } from '../core/index.js';

export interface PackChoice {
  pack: RulePackName;
  /** Why, in Chinese, for the 一览. */
  reason: string;
}

export function choosePack(_form: FormReport): PackChoice {
  return { pack: DEFAULT_PACK, reason: '自动：暂用默认规则包，尚不能从表样识别省份' };
}
