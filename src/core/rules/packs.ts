/**
 * Rule packs (docs/rules.md §Rule packs): every number the scoring uses lives in a pack, one file
 * per pack under packs/, not in code. `getPack` resolves a name and fails with a typed error for
 * unknown names; `validatePack` checks a pack's coherence.
 */
import { hubei } from './packs/hubei.js';
import { national } from './packs/national.js';
import { platform } from './packs/platform.js';
import { sichuan } from './packs/sichuan.js';
import { guangxi } from './packs/guangxi.js';
import { hebei } from './packs/hebei.js';
import { zhejiang } from './packs/zhejiang.js';
import { gansu } from './packs/gansu.js';
import { anhui } from './packs/anhui.js';
import { shanxi } from './packs/shanxi.js';
import type { RulePack, RulePackName } from './packs/types.js';

export type { GradeBand, GradeScheme, OptionalRuleKey, PackRuleKey, PackSignature, RulePack, RulePackName, RuleSource, Tier } from './packs/types.js';
export { MOF_GRADES, SEED001_GRADES } from './packs/grade-schemes.js';
export { validatePack } from './packs/validate.js';

/** Every pack shipped; the order is the order `--rules` lists them and detection tries them. */
export const RULE_PACKS: Record<RulePackName, RulePack> = { national, hubei, platform, sichuan, guangxi, hebei, zhejiang, gansu, anhui, shanxi };

export const DEFAULT_PACK: RulePackName = 'national';

export class UnknownRulePackError extends Error {
  constructor(readonly requested: string) {
    super(`未知的规则包：${requested}（可用：${Object.keys(RULE_PACKS).join('、')}）`);
    this.name = 'UnknownRulePackError';
  }
}

export function isRulePackName(name: string): name is RulePackName {
  return Object.prototype.hasOwnProperty.call(RULE_PACKS, name);
}

export function getPack(name: string = DEFAULT_PACK): RulePack {
  if (!isRulePackName(name)) throw new UnknownRulePackError(name);
  return RULE_PACKS[name];
}
