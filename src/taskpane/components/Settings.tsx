import { makeStyles, tokens } from '@fluentui/react-components';
import { useId } from 'react';
import { RULE_PACKS, isRulePackName } from '../../core/index.js';
import { SEVERITIES } from '../findings.js';
import type { Settings as PaneSettings } from '../../host/index.js';
import { useStrings } from '../i18n.js';
import { PlainCheckbox, PlainSelect, PlainSwitch } from './Controls.js';

const useStyles = makeStyles({
  panel: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalM,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  fieldset: { border: 'none', margin: 0, padding: 0, display: 'flex', flexWrap: 'wrap', alignItems: 'center' },
  legend: { padding: 0, marginBottom: tokens.spacingVerticalXS, fontWeight: tokens.fontWeightSemibold },
  label: { fontWeight: tokens.fontWeightSemibold },
  note: { margin: 0, fontSize: tokens.fontSizeBase200, lineHeight: tokens.lineHeightBase200 },
});

export interface SettingsProps {
  settings: PaneSettings;
  /** The host reports edits and sheet switches: offer 切换工作表时重新检查. */
  live?: boolean;
  disabled: boolean;
  onChange(next: PaneSettings): void;
}

/**
 * Rule pack, which severities get a highlight and whether switching sheets checks again; the pane
 * saves them with the workbook.
 */
export function Settings({ settings, live, disabled, onChange }: SettingsProps) {
  const t = useStrings();
  const styles = useStyles();
  const packId = useId();
  return (
    <section className={styles.panel} aria-label={t.settings}>
      <label htmlFor={packId} className={styles.label}>
        {t.rulePack}
      </label>
      <PlainSelect
        id={packId}
        value={settings.rules}
        disabled={disabled}
        onChange={(v) => isRulePackName(v) && onChange({ ...settings, rules: v })}
      >
        {Object.values(RULE_PACKS).map((pack) => (
          <option key={pack.name} value={pack.name}>
            {t.locale === 'en-US' ? pack.titleEn : pack.title}
          </option>
        ))}
      </PlainSelect>
      <fieldset className={styles.fieldset} disabled={disabled}>
        <legend className={styles.legend}>{t.highlightIn}</legend>
        {SEVERITIES.map((sev) => (
          <PlainCheckbox
            key={sev}
            label={t.severity[sev]}
            checked={settings.highlight.includes(sev)}
            disabled={disabled}
            onChange={(on) =>
              onChange({
                ...settings,
                highlight: SEVERITIES.filter((s) => (s === sev ? on : settings.highlight.includes(s))),
              })
            }
          />
        ))}
      </fieldset>
      {live ? (
        <PlainSwitch
          label={t.recheckOnActivate}
          checked={settings.recheckOnActivate}
          disabled={disabled}
          onChange={(on) => onChange({ ...settings, recheckOnActivate: on })}
        />
      ) : null}
      <p className={styles.note}>{t.settingsRemembered}</p>
    </section>
  );
}
