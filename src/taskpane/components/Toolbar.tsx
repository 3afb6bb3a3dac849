import { Button, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { ArrowSyncRegular, EraserRegular, SettingsRegular } from '@fluentui/react-icons';
import { useStrings } from '../i18n.js';
import { PlainSwitch } from './Controls.js';

const useStyles = makeStyles({
  bar: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalS },
  end: { marginLeft: 'auto' },
  pressed: { backgroundColor: tokens.colorSubtleBackgroundSelected },
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
      <Button appearance="primary" icon={<ArrowSyncRegular />} disabled={p.busy} onClick={p.onCheck}>
        {t.check}
      </Button>
      <Button icon={<EraserRegular />} disabled={p.busy} onClick={p.onClear}>
        {t.clear}
      </Button>
      <Button
        className={mergeClasses(styles.end, p.settingsOpen && styles.pressed)}
        appearance="subtle"
        icon={<SettingsRegular />}
        aria-pressed={p.settingsOpen}
        aria-label={t.settings}
        title={t.settings}
        onClick={p.onToggleSettings}
      />
      <PlainSwitch label={t.wholeWorkbook} checked={p.wholeWorkbook} disabled={p.busy} onChange={p.onWholeWorkbook} />
    </div>
  );
}
