import { useCallback, useEffect, useState } from 'react';
import { Alert, App as AntApp, Button, Card, Space, Spin, Table, Typography, type TableColumnsType } from 'antd';
import { ArrowLeftOutlined, DownloadOutlined, FilePdfOutlined, UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import {
  categoryKey,
  exportReport,
  getEnterprise,
  importPoints,
  listLevels,
  listSecretPoints,
  localizeError,
  saveImportTemplate,
  type Enterprise,
  type RowError,
  type SecretPoint,
} from '../../services';
import ImportErrors from './ImportErrors';
import HelpTip from '../../components/HelpTip';
import AddSecretPointForm from './AddSecretPointForm';

type Props = {
  enterpriseId: string;
  onBack: () => void;
};

type Loaded = {
  enterprise: Enterprise;
  levels: string[];
};

/** One enterprise: its secret-point register, adding a secret point, exporting the report. */
export default function EnterprisePage({ enterpriseId, onBack }: Props) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [points, setPoints] = useState<SecretPoint[]>([]);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [exporting, setExporting] = useState(false);
  const [missingChars, setMissingChars] = useState<string[]>([]);
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [importing, setImporting] = useState(false);
  const [importErrors, setImportErrors] = useState<RowError[]>([]);

  const load = useCallback(async () => {
    setLoadError(null);
    try {
      const [enterprise, levels, list] = await Promise.all([
        getEnterprise(enterpriseId),
        listLevels(enterpriseId),
        listSecretPoints(enterpriseId),
      ]);
      setLoaded({ enterprise, levels });
      setPoints(list);
    } catch (error) {
      setLoadError(localizeError(error));
    }
  }, [enterpriseId]);

  useEffect(() => {
    void load();
  }, [load]);

  async function onExport() {
    setExporting(true);
    try {
      const result = await exportReport(enterpriseId);
      if (result === null) return; // the user cancelled the save dialog
      setMissingChars(result.missingChars);
      void message.success({
        content: <span data-testid="export-message">{t('enterprise.exported', { path: result.path })}</span>,
        duration: 8,
      });
    } catch (error) {
      void message.error(localizeError(error));
    } finally {
      setExporting(false);
    }
  }

  async function onImport() {
    setImporting(true);
    setImportErrors([]);
    try {
      const outcome = await importPoints(enterpriseId);
      if (outcome === null) return; // the user cancelled the dialog
      if (outcome.errors.length > 0) {
        setImportErrors(outcome.errors);
        return;
      }
      setPoints(await listSecretPoints(enterpriseId));
      void message.success({
        content: <span data-testid="import-message">{t('import.done', { count: outcome.imported })}</span>,
      });
    } catch (error) {
      void message.error(localizeError(error));
    } finally {
      setImporting(false);
    }
  }

  async function onTemplate() {
    try {
      const path = await saveImportTemplate();
      if (path !== null) void message.success(t('import.templateSaved', { path }));
    } catch (error) {
      void message.error(localizeError(error));
    }
  }

  function onAdded(point: SecretPoint) {
    const next = [...points, point];
    setPoints(next);
    setPage(Math.max(1, Math.ceil(next.length / pageSize)));
  }

  const back = (
    <Typography.Link data-testid="back" onClick={onBack}>
      <ArrowLeftOutlined /> {t('enterprise.back')}
    </Typography.Link>
  );

  if (loadError) {
    return (
      <Space direction="vertical" size="middle" className="full-width">
        {back}
        <Alert
          type="error"
          showIcon
          data-testid="load-error"
          message={t('common.loadFailed')}
          description={loadError}
          action={<Button onClick={() => void load()}>{t('common.retry')}</Button>}
        />
      </Space>
    );
  }

  if (!loaded) {
    return (
      <Space direction="vertical" size="middle" className="full-width">
        {back}
        <Spin />
      </Space>
    );
  }

  const { enterprise, levels } = loaded;

  const columns: TableColumnsType<SecretPoint> = [
    {
      title: t('enterprise.colCode'),
      dataIndex: 'code',
      key: 'code',
      width: 180,
      render: (code: string) => <span data-testid="sp-row-code">{code}</span>,
    },
    {
      title: t('enterprise.colName'),
      dataIndex: 'name',
      key: 'name',
      render: (name: string) => <span data-testid="sp-row-name">{name}</span>,
    },
    {
      title: t('enterprise.colCategory'),
      dataIndex: 'category',
      key: 'category',
      width: 200,
      render: (category: SecretPoint['category']) => t(categoryKey(category)),
    },
    { title: t('enterprise.colLevel'), dataIndex: 'level', key: 'level', width: 160 },
  ];

  return (
    <Space direction="vertical" size="middle" className="full-width">
      {back}
      <div className="page-header">
        <div>
          <Typography.Title level={3}>
            <span data-testid="enterprise-title">{enterprise.name}</span>
          </Typography.Title>
          <Typography.Text type="secondary" data-testid="enterprise-credit-code">
            {t('enterprise.creditCodeLine', { code: enterprise.creditCode ?? t('enterprise.noCreditCode') })}
          </Typography.Text>
        </div>
        <Space>
          <Button icon={<DownloadOutlined />} data-testid="import-template" onClick={() => void onTemplate()}>
            {t('import.template')}
          </Button>
          <Button
            icon={<UploadOutlined />}
            data-testid="import-points"
            loading={importing}
            onClick={() => void onImport()}
          >
            {t('import.import')}
          </Button>
          <Button
          type="primary"
          icon={<FilePdfOutlined />}
          data-testid="export-report"
          loading={exporting}
          onClick={() => void onExport()}
        >
          {t('enterprise.exportReport')}
        </Button>
        </Space>
      </div>
      {importErrors.length > 0 && <ImportErrors errors={importErrors} onClose={() => setImportErrors([])} />}
      {missingChars.length > 0 && (
        <div data-testid="missing-chars">
          <Alert
            type="warning"
            showIcon
            closable
            onClose={() => setMissingChars([])}
            message={t('enterprise.missingCharsTitle')}
            description={t('enterprise.missingChars', { chars: missingChars.join(t('common.listSeparator')) })}
          />
        </div>
      )}
      <Card
        title={
          <span>
            {t('enterprise.secretPoints')}
            <HelpTip text={t('enterprise.secretPointsHelp')} testId="help-secret-point" />
          </span>
        }
      >
        <Table<SecretPoint>
          rowKey="id"
          columns={columns}
          dataSource={points}
          locale={{ emptyText: t('enterprise.empty') }}
          pagination={{
            current: page,
            pageSize,
            hideOnSinglePage: true,
            showSizeChanger: true,
            pageSizeOptions: [20, 50, 100],
            onChange: (nextPage, nextSize) => {
              setPage(nextPage);
              setPageSize(nextSize);
            },
          }}
          onRow={(row) =>
            ({ 'data-testid': 'secret-point-row', 'data-code': row.code }) as React.HTMLAttributes<HTMLElement>
          }
        />
      </Card>
      <Card title={t('enterprise.addTitle')}>
        <AddSecretPointForm enterpriseId={enterprise.id} levels={levels} onAdded={onAdded} />
      </Card>
    </Space>
  );
}
