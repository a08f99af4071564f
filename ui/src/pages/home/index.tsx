import { useCallback, useEffect, useState } from 'react';
import { Alert, Button, Card, Table, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { listEnterprises, localizeError, type EnterpriseSummary } from '../../services';
import NewEnterpriseModal from './NewEnterpriseModal';

type Props = {
  onOpen: (enterpriseId: string) => void;
};

/** The enterprise list: every enterprise in the database, and the way to create a new one. */
export default function HomePage({ onOpen }: Props) {
  const { t } = useTranslation();
  const [rows, setRows] = useState<EnterpriseSummary[]>([]);
  const [loading, setLoading] = useState(true);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);

  const load = useCallback(async () => {
    setLoading(true);
    setLoadError(null);
    try {
      setRows(await listEnterprises());
    } catch (error) {
      setLoadError(localizeError(error));
    } finally {
      setLoading(false);
    }
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  const columns: TableColumnsType<EnterpriseSummary> = [
    {
      title: t('home.colName'),
      dataIndex: 'name',
      key: 'name',
      render: (name: string) => <span data-testid="enterprise-row-name">{name}</span>,
    },
    {
      title: t('home.colCreditCode'),
      dataIndex: 'creditCode',
      key: 'creditCode',
      render: (code: string | null) =>
        code ? <span className="mono">{code}</span> : <Typography.Text type="secondary">{t('home.noCreditCode')}</Typography.Text>,
    },
    {
      title: t('home.colSecretPoints'),
      dataIndex: 'secretPointCount',
      key: 'secretPointCount',
      align: 'right',
      width: 120,
    },
    {
      title: t('home.colAction'),
      key: 'action',
      width: 100,
      render: (_: unknown, row) => (
        <Button type="link" data-testid="open-enterprise" onClick={() => onOpen(row.id)}>
          {t('home.open')}
        </Button>
      ),
    },
  ];

  return (
    <>
      <div className="page-header">
        <div>
          <Typography.Title level={3}>{t('home.title')}</Typography.Title>
          <Typography.Text type="secondary">{t('home.intro')}</Typography.Text>
        </div>
        <Button type="primary" icon={<PlusOutlined />} data-testid="new-enterprise" onClick={() => setCreating(true)}>
          {t('home.newEnterprise')}
        </Button>
      </div>
      {loadError && (
        <Alert
          type="error"
          showIcon
          className="page-alert"
          message={t('common.loadFailed')}
          description={loadError}
          action={<Button onClick={() => void load()}>{t('common.retry')}</Button>}
        />
      )}
      <Card>
        <Table<EnterpriseSummary>
          rowKey="id"
          data-testid="enterprise-table"
          columns={columns}
          dataSource={rows}
          loading={loading}
          pagination={{ defaultPageSize: 20, hideOnSinglePage: true, showSizeChanger: true }}
          locale={{ emptyText: loading ? ' ' : t('home.empty') }}
          onRow={(row) =>
            ({ 'data-testid': 'enterprise-row', 'data-id': row.id }) as React.HTMLAttributes<HTMLElement>
          }
        />
      </Card>
      <NewEnterpriseModal
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(enterprise) => {
          setCreating(false);
          onOpen(enterprise.id);
        }}
      />
    </>
  );
}
