import { Alert, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import type { RowError } from '../../services';

type Props = {
  errors: RowError[];
  onClose: () => void;
  /** The heading; by default the register of secret points' refusal. */
  title?: string;
};

/** Why an import was refused: every problem by row, column and reason (nothing was imported). */
export default function ImportErrors({ errors, onClose, title }: Props) {
  const { t } = useTranslation();
  return (
    <div data-testid="import-errors">
      <Alert
        type="error"
        showIcon
        closable
        onClose={onClose}
        message={title ?? t('import.refused', { count: errors.length })}
        description={
          <Table<RowError>
            size="small"
            rowKey={(r) => `${r.row}-${r.column}-${r.reason}`}
            dataSource={errors}
            pagination={errors.length > 10 ? { pageSize: 10, showSizeChanger: false } : false}
            onRow={() => ({ 'data-testid': 'import-error-row' }) as React.HTMLAttributes<HTMLElement>}
            columns={[
              { title: t('import.row'), dataIndex: 'row', width: 80 },
              { title: t('import.column'), dataIndex: 'column', width: 120 },
              { title: t('import.reason'), dataIndex: 'reason' },
            ]}
          />
        }
      />
    </div>
  );
}
