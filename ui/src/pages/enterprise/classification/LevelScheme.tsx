import { useEffect, useState } from 'react';
import { Alert, Button, Card, Input, Space, Typography } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { localizeError, MAX_LEVELS, setLevels } from '../../../services';
import HelpTip from '../../../components/HelpTip';

type Props = { enterpriseId: string; levels: string[]; onSaved: (levels: string[]) => void };

/**
 * The enterprise's level scheme, highest first. Saved as a whole: renaming a level keeps its rank
 * and renames it on every record; a level still in use cannot be dropped; state-secret names are
 * refused with the reason.
 */
export default function LevelScheme({ enterpriseId, levels, onSaved }: Props) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<string[]>(levels);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  useEffect(() => setDraft(levels), [levels]);

  const changed = draft.length !== levels.length || draft.some((l, i) => l !== levels[i]);
  const move = (i: number, by: number) =>
    setDraft((d) => {
      const next = [...d];
      [next[i], next[i + by]] = [next[i + by], next[i]];
      return next;
    });

  async function save() {
    setSaving(true);
    try {
      const stored = await setLevels(enterpriseId, draft);
      setError(null);
      onSaved(stored);
    } catch (e) {
      setError(localizeError(e));
    } finally {
      setSaving(false);
    }
  }

  return (
    <Card
      size="small"
      data-testid="level-scheme"
      title={
        <span>
          {t('classification.schemeTitle')}
          <HelpTip text={t('terms.level')} testId="help-level-scheme" />
        </span>
      }
    >
      <Typography.Paragraph type="secondary">{t('classification.schemeIntro', { max: MAX_LEVELS })}</Typography.Paragraph>
      <Space direction="vertical" className="full-width">
        {draft.map((name, i) => (
          <Space key={i} wrap>
            <Typography.Text type="secondary">{t('classification.rank', { rank: i + 1 })}</Typography.Text>
            <Input
              data-testid={`level-name-${i}`}
              value={name}
              maxLength={12}
              status={error ? 'error' : undefined}
              onChange={(e) => setDraft((d) => d.map((x, j) => (j === i ? e.target.value : x)))}
              className="level-input"
            />
            <Button size="small" icon={<ArrowUpOutlined />} disabled={i === 0} onClick={() => move(i, -1)} aria-label={t('classification.up')} />
            <Button
              size="small"
              icon={<ArrowDownOutlined />}
              disabled={i === draft.length - 1}
              onClick={() => move(i, 1)}
              aria-label={t('classification.down')}
            />
            <Button
              size="small"
              icon={<DeleteOutlined />}
              disabled={draft.length === 1}
              data-testid={`level-remove-${i}`}
              onClick={() => setDraft((d) => d.filter((_, j) => j !== i))}
              aria-label={t('classification.remove')}
            />
          </Space>
        ))}
        {error && <Alert type="error" showIcon message={error} data-testid="level-error" />}
        <Space>
          <Button
            icon={<PlusOutlined />}
            disabled={draft.length >= MAX_LEVELS}
            data-testid="level-add"
            onClick={() => setDraft((d) => [...d, ''])}
          >
            {t('classification.addLevel')}
          </Button>
          <Button type="primary" disabled={!changed} loading={saving} data-testid="level-save" onClick={() => void save()}>
            {t('classification.saveScheme')}
          </Button>
          {changed && (
            <Button onClick={() => { setDraft(levels); setError(null); }} data-testid="level-reset">
              {t('classification.reset')}
            </Button>
          )}
        </Space>
      </Space>
    </Card>
  );
}
