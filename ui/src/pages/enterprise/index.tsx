import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Alert, App as AntApp, Button, Card, Input, Select, Space, Spin, Table, Tabs, Typography, type InputRef, type TableColumnsType } from 'antd';
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
  pointChoices,
  saveImportTemplate,
  type Enterprise,
  type PointChoices,
  type RowError,
  type SecretPoint,
} from '../../services';
import ImportErrors from './ImportErrors';
import PointDrawer from './PointDrawer';
import QuickCheck from './QuickCheck';
import ProfileTab from './ProfileTab';
import BulkAddModal from './BulkAddModal';

type Filters = { text: string; level?: string; category?: string; department?: string; status?: string };

/** The rows that match the search text (code, name, summary, department, responsible) and the filters. */
function applyFilters(points: SecretPoint[], f: Filters): SecretPoint[] {
  const q = f.text.trim().toLowerCase();
  return points.filter(
    (p) =>
      (!f.level || p.level === f.level) &&
      (!f.category || p.category === f.category) &&
      (!f.department || p.department === f.department) &&
      (!f.status || p.status === f.status) &&
      (!q || [p.code, p.name, p.summary, p.department, p.responsible].some((v) => v.toLowerCase().includes(q))),
  );
}

const distinct = (values: string[]) => [...new Set(values.filter((v) => v !== ''))].sort();
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
  const [filters, setFilters] = useState<Filters>({ text: '' });
  const [open, setOpen] = useState<SecretPoint | null>(null);
  const [choices, setChoices] = useState<PointChoices | null>(null);
  const search = useRef<InputRef>(null);
  const shown = useMemo(() => applyFilters(points, filters), [points, filters]);

  // Ctrl+F (⌘F) searches the register instead of the web view's find bar.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'f') {
        e.preventDefault();
        search.current?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  async function openPoint(p: SecretPoint) {
    setOpen(p);
    if (!choices) {
      try {
        setChoices(await pointChoices(enterpriseId));
      } catch (error) {
        setOpen(null);
        void message.error(localizeError(error));
      }
    }
  }

  function onSaved(saved: SecretPoint) {
    setPoints((list) => list.map((p) => (p.id === saved.id ? saved : p)));
  }
  const [importing, setImporting] = useState(false);
  const [importErrors, setImportErrors] = useState<RowError[]>([]);
  const [bulkOpen, setBulkOpen] = useState(false);

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
    setPoints((list) => [...list, point]);
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
      render: (code: string, row) => (
        <Typography.Link data-testid="open-point" title={t('point.open')} onClick={() => void openPoint(row)}>
          <span data-testid="sp-row-code">{code}</span>
        </Typography.Link>
      ),
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
      <Tabs
        data-testid="enterprise-tabs"
        items={[
          {
            key: 'register',
            label: t('enterprise.tabRegister'),
            children: (
              <Space direction="vertical" size="middle" className="full-width">
                <Card
                  title={
                    <span>
                      {t('enterprise.secretPoints')}
                      <HelpTip text={t('enterprise.secretPointsHelp')} testId="help-secret-point" />
                    </span>
                  }
                >
                  <div className="register-tools">
                    <Input.Search
                      ref={search}
                      allowClear
                      data-testid="register-search"
                      placeholder={t('register.search')}
                      value={filters.text}
                      onChange={(e) => setFilters({ ...filters, text: e.target.value })}
                      className="register-search"
                    />
                    {(
                      [
                        ['level', levels],
                        ['category', distinct(points.map((p) => p.category))],
                        ['department', distinct(points.map((p) => p.department))],
                        ['status', distinct(points.map((p) => p.status))],
                      ] as const
                    ).map(([key, values]) => (
                      <Select
                        key={key}
                        allowClear
                        data-testid={`filter-${key}`}
                        className="register-filter"
                        placeholder={t(`register.${key}`)}
                        value={filters[key]}
                        onChange={(v?: string) => setFilters({ ...filters, [key]: v })}
                        options={values.map((v) => ({ value: v, label: key === 'category' ? t(categoryKey(v as SecretPoint['category'])) : v }))}
                      />
                    ))}
                    <Typography.Text type="secondary" data-testid="register-count">
                      {t('register.count', { shown: shown.length, total: points.length })}
                    </Typography.Text>
                  </div>
                  <Table<SecretPoint>
                    rowKey="id"
                    virtual
                    scroll={{ y: 480 }}
                    columns={columns}
                    dataSource={shown}
                    locale={{ emptyText: points.length ? t('register.noMatch') : t('enterprise.empty') }}
                    pagination={false}
                    onRow={(row) =>
                      ({ 'data-testid': 'secret-point-row', 'data-code': row.code }) as React.HTMLAttributes<HTMLElement>
                    }
                  />
                </Card>
                <BulkAddModal
                  open={bulkOpen}
                  enterpriseId={enterprise.id}
                  levels={levels}
                  onClose={() => setBulkOpen(false)}
                  onAdded={(count) => {
                    setBulkOpen(false);
                    void message.success(t('bulk.done', { count }));
                    void listSecretPoints(enterpriseId).then(setPoints);
                  }}
                />
                <PointDrawer point={open} choices={choices} onClose={() => setOpen(null)} onSaved={onSaved} />
                <Card
                  title={t('enterprise.addTitle')}
                  extra={
                    <Button data-testid="bulk-add" onClick={() => setBulkOpen(true)}>
                      {t('bulk.title')}
                    </Button>
                  }
                >
                  <AddSecretPointForm enterpriseId={enterprise.id} levels={levels} onAdded={onAdded} />
                </Card>
              </Space>
            ),
          },
          {
            key: 'profile',
            label: <span data-testid="tab-profile">{t('enterprise.tabProfile')}</span>,
            children: (
              <ProfileTab enterprise={enterprise} onSaved={(e) => setLoaded((l) => (l ? { ...l, enterprise: e } : l))} />
            ),
          },
          {
            key: 'quick',
            label: <span data-testid="tab-quick">{t('enterprise.tabQuick')}</span>,
            children: <QuickCheck enterpriseId={enterprise.id} />,
          },
        ]}
      />
    </Space>
  );
}
