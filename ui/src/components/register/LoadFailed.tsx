import { Alert, Button } from 'antd';
import { useTranslation } from 'react-i18next';

type Props = {
  testId: string;
  /** Why the screen could not be read (useLoad's loadError). */
  error: string;
  onRetry: () => unknown;
};

/**
 * What a screen shows instead of its content when what it shows could not be read (see useLoad):
 * the reason, and a button that tries again.
 */
export default function LoadFailed({ testId, error, onRetry }: Props) {
  const { t } = useTranslation();
  return (
    <Alert
      type="error"
      showIcon
      data-testid={testId}
      message={t('common.loadFailed')}
      description={error}
      action={<Button onClick={() => void onRetry()}>{t('common.retry')}</Button>}
    />
  );
}
