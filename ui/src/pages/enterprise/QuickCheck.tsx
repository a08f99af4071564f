import { useEffect, useState } from 'react';
import { Alert, Card, Progress, Radio, Space, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { answerQuick, localizeError, quickCheck, type QuickView } from '../../services';

/**
 * The quick check: about twenty plain questions, each answer saved at once. Answers become
 * provisional statuses of the full self-assessment, flagged for review there.
 */
export default function QuickCheck({ enterpriseId, onChanged }: { enterpriseId: string; onChanged?: () => void }) {
  const { t } = useTranslation();
  const [view, setView] = useState<QuickView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState<string | null>(null);

  useEffect(() => {
    quickCheck(enterpriseId)
      .then(setView)
      .catch((e: unknown) => setError(localizeError(e)));
  }, [enterpriseId]);

  async function choose(questionId: string, index: number) {
    setSaving(questionId);
    setError(null);
    try {
      setView(await answerQuick(enterpriseId, questionId, index));
      onChanged?.();
    } catch (e) {
      setError(localizeError(e));
    } finally {
      setSaving(null);
    }
  }

  if (!view) return error ? <Alert type="error" showIcon message={error} /> : <Spin />;
  const done = view.questions.filter((q) => q.chosen !== null).length;
  return (
    <Space direction="vertical" size="middle" className="full-width" data-testid="quick-check">
      <Typography.Paragraph type="secondary">{t('quick.intro')}</Typography.Paragraph>
      <div className="quick-progress">
        <Progress percent={Math.round((done / view.questions.length) * 100)} size="small" />
        <Typography.Text data-testid="quick-count">{t('quick.count', { done, total: view.questions.length })}</Typography.Text>
      </div>
      {error && <Alert type="error" showIcon message={error} data-testid="quick-error" />}
      {view.questions.map((q, i) => (
        <Card key={q.id} size="small" data-testid="quick-question" data-id={q.id}>
          <Typography.Text strong>
            {i + 1}. {q.question}
          </Typography.Text>
          <Radio.Group
            className="quick-answers"
            value={q.chosen ?? undefined}
            disabled={saving === q.id}
            onChange={(e) => void choose(q.id, e.target.value as number)}
          >
            {q.answers.map((a, j) => (
              <Radio key={j} value={j} data-testid="quick-answer">
                {a}
              </Radio>
            ))}
          </Radio.Group>
        </Card>
      ))}
    </Space>
  );
}
