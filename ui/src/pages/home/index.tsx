import { useCallback, useEffect, useState } from 'react';
import { Alert, App as AntApp, Button, Card, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { ExperimentOutlined, ImportOutlined, PlusOutlined, TeamOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import {
  addDemo,
  deleteEnterprise,
  enterpriseOverview,
  enumKey,
  exportSummary,
  exportWorkbook,
  localizeError,
  type EnterpriseOverview,
} from '../../services';
import { ExportHandoverModal, ImportHandoverModal } from './HandoverModals';
import NewEnterpriseModal from './NewEnterpriseModal';
import NewRoundModal from './NewRoundModal';
import Reminders from './Reminders';

type Props = {
  onOpen: (enterpriseId: string) => void;
  /** Opens the guidance station's page (the progress of many enterprises). */
  onStation?: () => void;
};

/**
 * The enterprise list: every enterprise with its latest round's total, tier and verdict; create,
 * open, start a new round, export its registers as an Excel workbook or its progress summary for the
 * guidance station, hand it over, delete (after confirmation). An empty list offers the demo.
 */
export default function HomePage({ onOpen, onStation }: Props) {
  const { t } = useTranslation();
  const { message, modal } = AntApp.useApp();
  const [rows, setRows] = useState<EnterpriseOverview[]>([]);
  const [roundFor, setRoundFor] = useState<EnterpriseOverview | null>(null);
  const [loading, setLoading] = useState(true);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const [exporting, setExporting] = useState<EnterpriseOverview | null>(null);
  const [importing, setImporting] = useState(false);
  /** The enterprise whose workbook is being written. */
  const [workbookFor, setWorkbookFor] = useState<string | null>(null);
  /** The enterprise whose progress summary is being written. */
  const [summaryFor, setSummaryFor] = useState<string | null>(null);
  /** Which demo is being added (answered or not). */
  const [addingDemo, setAddingDemo] = useState<boolean | null>(null);

  const load = useCallback(async () => {
    setLoading(true);
    setLoadError(null);
    try {
      setRows(await enterpriseOverview());
    } catch (error) {
      setLoadError(localizeError(error));
    } finally {
      setLoading(false);
    }
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  /** Every register of one enterprise as one Excel workbook; Rust asks where to save it (null: cancelled). */
  async function exportRegisters(row: EnterpriseOverview) {
    setWorkbookFor(row.id);
    try {
      const result = await exportWorkbook(row.id, null);
      if (result !== null) {
        void message.success({
          content: <span data-testid="home-workbook-message">{t('home.workbookExported', { name: row.name, path: result.path })}</span>,
          duration: 8,
        });
      }
    } catch (error) {
      void message.error({ content: <span data-testid="home-workbook-error">{localizeError(error)}</span> });
    } finally {
      setWorkbookFor(null);
    }
  }

  /** The progress summary the guidance station reads: scores and counts only; Rust asks where to save it. */
  async function exportProgress(row: EnterpriseOverview) {
    setSummaryFor(row.id);
    try {
      const result = await exportSummary(row.id);
      if (result !== null) {
        void message.success({
          content: <span data-testid="home-summary-message">{t('home.summaryExported', { name: row.name, path: result.path })}</span>,
          duration: 10,
        });
      }
    } catch (error) {
      void message.error({ content: <span data-testid="home-summary-error">{localizeError(error)}</span> });
    } finally {
      setSummaryFor(null);
    }
  }

  /** The fictional demo enterprise, answered (to browse results) or not (to practise). */
  async function addDemoEnterprise(answered: boolean) {
    setAddingDemo(answered);
    try {
      const enterprise = await addDemo(answered);
      void message.success(t('home.demoAdded', { name: enterprise.name }));
      await load();
    } catch (error) {
      void message.error({ content: <span data-testid="home-demo-error">{localizeError(error)}</span> });
    } finally {
      setAddingDemo(null);
    }
  }

  function confirmDelete(row: EnterpriseOverview) {
    modal.confirm({
      title: t('home.deleteTitle', { name: row.name }),
      content: t('home.deleteContent', { count: row.secretPointCount }),
      okText: t('home.delete'),
      okButtonProps: { danger: true, ...({ 'data-testid': 'delete-enterprise-ok' } as Record<string, string>) },
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          await deleteEnterprise(row.id);
          void message.success(t('home.deleted', { name: row.name }));
          await load();
        } catch (error) {
          void message.error(localizeError(error));
        }
      },
    });
  }

  const columns: TableColumnsType<EnterpriseOverview> = [
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
      title: t('home.colLatest'),
      key: 'latest',
      width: 300,
      render: (_: unknown, row) =>
        row.latest ? (
          <span data-testid="latest-round">
            <Typography.Text strong>{t('home.total', { total: row.latest.total })}</Typography.Text>{' '}
            <Tag color="blue" data-testid="latest-tier" data-tier={row.latest.tier}>
              {t(enumKey('tier', row.latest.tier))}
            </Tag>
            {row.latest.verdict !== 'by_tier' && (
              <Tag color="orange" data-testid="latest-verdict" data-verdict={row.latest.verdict}>
                {t(enumKey('verdict', row.latest.verdict))}
              </Tag>
            )}
            {row.latest.draft && <Tag color="red">{t('home.draft')}</Tag>}
            <br />
            <Typography.Text type="secondary">
              {t(row.latest.closed ? 'home.roundClosed' : 'home.roundOpen', {
                n: row.latest.roundNo,
                date: row.latest.baseDate,
              })}
            </Typography.Text>
          </span>
        ) : (
          <Typography.Text type="secondary">{t('home.noRound')}</Typography.Text>
        ),
    },
    {
      title: t('home.colAction'),
      key: 'action',
      width: 360,
      render: (_: unknown, row) => (
        <Space size={0} wrap className="row-actions">
          <Button type="link" data-testid="open-enterprise" onClick={() => onOpen(row.id)}>
            {t('home.open')}
          </Button>
          <Button type="link" data-testid="new-round" onClick={() => setRoundFor(row)}>
            {t('home.newRound')}
          </Button>
          <Button
            type="link"
            data-testid="home-workbook"
            loading={workbookFor === row.id}
            disabled={workbookFor !== null && workbookFor !== row.id}
            onClick={() => void exportRegisters(row)}
          >
            {t('home.workbook')}
          </Button>
          <Button
            type="link"
            data-testid="home-summary"
            loading={summaryFor === row.id}
            disabled={summaryFor !== null && summaryFor !== row.id}
            onClick={() => void exportProgress(row)}
          >
            {t('home.summary')}
          </Button>
          <Button type="link" data-testid="export-handover" onClick={() => setExporting(row)}>
            {t('handover.export')}
          </Button>
          <Button type="link" danger data-testid="delete-enterprise" onClick={() => confirmDelete(row)}>
            {t('home.delete')}
          </Button>
        </Space>
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
        <Space wrap>
          {onStation && (
            <Button icon={<TeamOutlined />} data-testid="open-station" onClick={onStation}>
              {t('home.station')}
            </Button>
          )}
          <Button icon={<ImportOutlined />} data-testid="import-handover" onClick={() => setImporting(true)}>
            {t('handover.import')}
          </Button>
          <Button type="primary" icon={<PlusOutlined />} data-testid="new-enterprise" onClick={() => setCreating(true)}>
            {t('home.newEnterprise')}
          </Button>
        </Space>
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
      <Reminders onOpen={onOpen} />
      {!loading && !loadError && rows.length === 0 && (
        <Card className="page-alert" data-testid="demo-card">
          <Typography.Title level={5}>
            <ExperimentOutlined /> {t('home.demoTitle')}
          </Typography.Title>
          <Typography.Paragraph type="secondary">{t('home.demoIntro')}</Typography.Paragraph>
          <Space wrap>
            <Button
              data-testid="add-demo-answered"
              loading={addingDemo === true}
              disabled={addingDemo === false}
              onClick={() => void addDemoEnterprise(true)}
            >
              {t('home.demoAnswered')}
            </Button>
            <Button
              data-testid="add-demo-unanswered"
              loading={addingDemo === false}
              disabled={addingDemo === true}
              onClick={() => void addDemoEnterprise(false)}
            >
              {t('home.demoUnanswered')}
            </Button>
          </Space>
        </Card>
      )}
      <Card>
        <Table<EnterpriseOverview>
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
      <NewRoundModal
        enterprise={roundFor}
        onClose={() => setRoundFor(null)}
        onStarted={() => {
          const name = roundFor?.name ?? '';
          setRoundFor(null);
          void message.success(t('round.started', { name }));
          void load();
        }}
      />
      <ExportHandoverModal enterprise={exporting} onClose={() => setExporting(null)} />
      <ImportHandoverModal open={importing} onClose={() => setImporting(false)} onImported={() => void load()} />
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
