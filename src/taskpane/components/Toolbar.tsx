import { makeStyles, tokens } from '@fluentui/react-components';
import { ArrowSyncRegular, EraserRegular, SettingsRegular } from '@fluentui/react-icons';
import { useStrings } from '../i18n.js';
import { PlainButton, PlainSwitch } from './Controls.js';

const useStyles = makeStyles({
  bar: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalS },
  end: { marginLeft: 'auto' },
});

export interface ToolbarProps {
  busy: boolean;
  wholeWorkbook: boolean;
  settingsOpen: boolean;
  onCheck(): void;
  onClear(): void;
  onWholeWorkbook(on: boolean): void;
  onToggleSettings(): void;
}

export function Toolbar(p: ToolbarProps) {
  const t = useStrings();
  const styles = useStyles();
  return (
    <div className={styles.bar} role="toolbar" aria-label={t.appName}>
      <PlainButton appearance="primary" icon={<ArrowSyncRegular />} disabled={p.busy} onClick={p.onCheck}>
        {t.check}
      </PlainButton>
      <PlainButton icon={<EraserRegular />} disabled={p.busy} onClick={p.onClear}>
        {t.clear}
      </PlainButton>
      <PlainButton
        className={styles.end}
        appearance="subtle"
        icon={<SettingsRegular />}
        pressed={p.settingsOpen}
        aria-pressed={p.settingsOpen}
        aria-label={t.settings}
        title={t.settings}
        onClick={p.onToggleSettings}
      />
      <PlainSwitch label={t.wholeWorkbook} checked={p.wholeWorkbook} disabled={p.busy} onChange={p.onWholeWorkbook} />
    </div>
  );
}
