import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Collapse,
  Input,
  Radio,
  Select,
  Space,
  Table,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import { ArrowLeftOutlined, CloudDownloadOutlined, CloudUploadOutlined, FileExcelOutlined, FileTextOutlined, ImportOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import {
  localizeError,
  setStationName,
  stationDashboard,
  stationExportReport,
  stationExportWorkbook,
  stationImport,
  stationPull,
  stationPush,
  stationSettings,
  type Dashboard,
  type ReportFormat,
  type StationRow,
} from '../../services';
import StationChart, { fromTenths, heatOption, trendOption } from './StationCharts';

type Props = { onBack: () => void };

/** How many enterprises the heat map draws at most (one line each). */
export const HEAT_MAX_ROWS = 30;

const distinct = (values: string[]) => [...new Set(values.filter((v) => v.trim() !== ''))].sort((a, b) => a.localeCompare(b, 'zh-CN'));

/** The width of an element, followed as the window changes (a fallback where it cannot be measured). */
function useWidth(fallback: number) {
  const ref = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(fallback);
  useEffect(() => {
    const el = ref.current;
    if (!el) return undefined;
    const measure = () => {
      if (el.clientWidth > 0) setWidth(el.clientWidth);
    };
    measure();
    if (typeof ResizeObserver === 'undefined') return undefined;
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return { ref, width };
}

/**
 * The guidance station: the progress summaries of the enterprises it follows — a table with
 * the latest round of each, filtered by township and industry; the trend of one enterprise and the
 * domain scores across enterprises; the workbook and the progress report; the shared PostgreSQL
 * database. It holds figures only: no secret point names, no registers, no personal data.
 */
export default function StationPage({ onBack }: Props) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const [dashboard, setDashboard] = useState<Dashboard | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [name, setName] = useState('');
  const [township, setTownship] = useState<string | undefined>();
  const [industry, setIndustry] = useState<string | undefined>();
  const [selected, setSelected] = useState<string | null>(null);
  const [busy, setBusy] = useState<'import' | 'workbook' | 'report' | 'name' | 'push' | 'pull' | null>(null);
  const [format, setFormat] = useState<ReportFormat>('pdf');
  const [pgUrl, setPgUrl] = useState('');
  const [pgCa, setPgCa] = useState('');
  const [pgOutcome, setPgOutcome] = useState<string | null>(null);
  const [pgError, setPgError] = useState<string | null>(null);
  const trendBox = useWidth(560);
  const heatBox = useWidth(1100);

  const load = useCallback(async () => {
    setLoading(true);
    setLoadError(null);
    try {
      setDashboard(await stationDashboard());
    } catch (error) {
      setLoadError(localizeError(error));
    } finally {
      setLoading(false);
    }
  }, []);

  useEffect(() => {
    void load();
    stationSettings().then(
      (s) => {
        setName(s.name ?? '');
        setPgUrl(s.pgUrl ?? '');
      },
      () => undefined,
    );
  }, [load]);

  const rows = useMemo(() => dashboard?.rows ?? [], [dashboard]);
  const shown = useMemo(
    () => rows.filter((r) => (!township || r.township === township) && (!industry || r.industry === industry)),
    [rows, township, industry],
  );
  const chosen = shown.find((r) => r.creditCode === selected) ?? null;
  const heatRows = shown.slice(0, HEAT_MAX_ROWS);
  const trend = useMemo(
    () => (chosen ? trendOption(chosen, t('station.trendSeries'), (n) => t('station.roundN', { n })) : null),
    [chosen, t],
  );
  const heat = useMemo(() => heatOption(heatRows, dashboard?.domains ?? []), [heatRows, dashboard]);

  async function run<T>(what: NonNullable<typeof busy>, action: () => Promise<T>, done: (result: T) => void) {
    setBusy(what);
    try {
      done(await action());
    } catch (error) {
      void message.error({ content: <span data-testid="station-error">{localizeError(error)}</span>, duration: 8 });
    } finally {
      setBusy(null);
    }
  }

  const onImport = () =>
    run('import', stationImport, (result) => {
      if (result === null) return; // the dialog was cancelled
      void message.success({ content: <span data-testid="station-imported">{t('station.imported', { ...result })}</span>, duration: 8 });
      void load();
    });

  const onWorkbook = () =>
    run('workbook', stationExportWorkbook, (result) => {
      if (result !== null) void message.success({ content: <span data-testid="station-exported">{t('station.workbookExported', { path: result.path })}</span>, duration: 8 });
    });

  const onReport = () =>
    run(
      'report',
      () => stationExportReport(format),
      (result) => {
        if (result !== null) void message.success({ content: <span data-testid="station-exported">{t('station.reportExported', { path: result.path })}</span>, duration: 8 });
      },
    );

  const onName = () =>
    run(
      'name',
      () => setStationName(name),
      (saved) => {
        setName(saved);
        void message.success(t('station.nameSaved'));
      },
    );

  async function onShared(kind: 'push' | 'pull') {
    setPgOutcome(null);
    setPgError(null);
    if (!pgUrl.trim()) {
      setPgError(t('station.pgUrlRequired'));
      return;
    }
    setBusy(kind);
    try {
      const ca = pgCa.trim() || null;
      if (kind === 'push') {
        const r = await stationPush(pgUrl.trim(), ca);
        setPgOutcome(t('station.pushed', { ...r }));
      } else {
        const r = await stationPull(pgUrl.trim(), ca);
        setPgOutcome(t('station.pulled', { read: r.read, added: r.added, stations: r.stations.join(t('common.listSeparator')) }));
        void load();
      }
    } catch (error) {
      // The core's messages name the host and database, never the password of the address.
      setPgError(localizeError(error));
    } finally {
      setBusy(null);
    }
  }

  const columns: TableColumnsType<StationRow> = [
    {
      title: t('station.colName'),
      dataIndex: 'name',
      key: 'name',
      width: 230,
      ellipsis: true,
      render: (value: string, row) => (
        <span>
          <Typography.Text ellipsis={{ tooltip: value }}>
            <span data-testid="station-row-name">{value}</span>
          </Typography.Text>
          {row.draft && <Tag color="orange">{t('station.draft')}</Tag>}
          <br />
          <Typography.Text type="secondary" className="mono" title={t('station.colCreditCode')}>
            {row.creditCode}
          </Typography.Text>
        </span>
      ),
    },
    { title: t('station.township'), dataIndex: 'township', key: 'township', width: 110, ellipsis: true },
    { title: t('station.industry'), dataIndex: 'industry', key: 'industry', width: 116, ellipsis: true },
    {
      title: t('station.colRound'),
      key: 'round',
      width: 110,
      render: (_: unknown, row) => (
        <span>
          {t('station.roundN', { n: row.roundNo })}
          <br />
          <Typography.Text type="secondary">{row.baseDate}</Typography.Text>
        </span>
      ),
    },
    {
      title: t('station.colTotal'),
      dataIndex: 'totalTenths',
      key: 'total',
      width: 96,
      align: 'right',
      sorter: (a, b) => a.totalTenths - b.totalTenths,
      render: (v: number) => <span data-testid="station-row-total">{fromTenths(v).toFixed(1)}</span>,
    },
    {
      title: t('station.colChange'),
      dataIndex: 'changeTenths',
      key: 'change',
      width: 96,
      align: 'right',
      sorter: (a, b) => (a.changeTenths ?? -Infinity) - (b.changeTenths ?? -Infinity),
      render: (v: number | null) =>
        v === null ? (
          <Typography.Text type="secondary">{t('station.noChange')}</Typography.Text>
        ) : (
          <Typography.Text type={v < 0 ? 'danger' : v > 0 ? 'success' : undefined} data-testid="station-row-change">
            {v > 0 ? '+' : ''}
            {fromTenths(v).toFixed(1)}
          </Typography.Text>
        ),
    },
    {
      title: t('station.colBasic'),
      dataIndex: 'basicNotMet',
      key: 'basic',
      width: 118,
      align: 'right',
      sorter: (a, b) => a.basicNotMet - b.basicNotMet,
    },
    {
      title: t('station.colOverdue'),
      dataIndex: 'overdueTasks',
      key: 'overdue',
      width: 118,
      align: 'right',
      sorter: (a, b) => a.overdueTasks - b.overdueTasks,
    },
    {
      title: t('station.colGenerated'),
      dataIndex: 'generatedOn',
      key: 'generated',
      width: 108,
      sorter: (a, b) => a.generatedOn.localeCompare(b.generatedOn),
    },
  ];

  return (
    <Space direction="vertical" size="middle" className="full-width" data-testid="station-page">
      <div className="page-header">
        <div>
          <Typography.Link data-testid="station-back" onClick={onBack}>
            <ArrowLeftOutlined /> {t('station.back')}
          </Typography.Link>
          <Typography.Title level={3} style={{ marginTop: 8 }}>
            {t('station.title')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('station.intro')}</Typography.Text>
        </div>
        <Space.Compact className="station-name">
          <Input
            data-testid="station-name"
            aria-label={t('station.name')}
            addonBefore={t('station.name')}
            placeholder={t('station.namePlaceholder')}
            value={name}
            maxLength={40}
            onChange={(e) => setName(e.target.value)}
            onPressEnter={() => void onName()}
          />
          <Button data-testid="station-name-save" loading={busy === 'name'} onClick={() => void onName()}>
            {t('station.nameSave')}
          </Button>
        </Space.Compact>
      </div>
      <Alert type="info" showIcon data-testid="station-note" message={t('station.note')} />
      {loadError && (
        <Alert
          type="error"
          showIcon
          data-testid="station-load-error"
          message={t('common.loadFailed')}
          description={loadError}
          action={<Button onClick={() => void load()}>{t('common.retry')}</Button>}
        />
      )}
      <Card>
        <div className="register-tools">
          <Button type="primary" icon={<ImportOutlined />} data-testid="station-import" loading={busy === 'import'} onClick={() => void onImport()}>
            {t('station.import')}
          </Button>
          <Button icon={<FileExcelOutlined />} data-testid="station-export-workbook" loading={busy === 'workbook'} disabled={rows.length === 0} onClick={() => void onWorkbook()}>
            {t('station.exportWorkbook')}
          </Button>
          <Space.Compact>
            <Radio.Group
              data-testid="station-report-format"
              optionType="button"
              value={format}
              onChange={(e) => setFormat(e.target.value as ReportFormat)}
              options={[
                { value: 'pdf', label: <span data-testid="station-format-pdf">{t('station.formatPdf')}</span> },
                { value: 'docx', label: <span data-testid="station-format-docx">{t('station.formatDocx')}</span> },
              ]}
            />
            <Button icon={<FileTextOutlined />} data-testid="station-export-report" loading={busy === 'report'} disabled={rows.length === 0} onClick={() => void onReport()}>
              {t('station.exportReport')}
            </Button>
          </Space.Compact>
        </div>
        <div className="register-tools">
          <Select
            allowClear
            data-testid="station-filter-township"
            className="register-filter"
            placeholder={t('station.allTownships')}
            value={township}
            onChange={(v?: string) => setTownship(v)}
            options={distinct(rows.map((r) => r.township)).map((v) => ({ value: v, label: v }))}
          />
          <Select
            allowClear
            data-testid="station-filter-industry"
            className="register-filter"
            placeholder={t('station.allIndustries')}
            value={industry}
            onChange={(v?: string) => setIndustry(v)}
            options={distinct(rows.map((r) => r.industry)).map((v) => ({ value: v, label: v }))}
          />
          <Typography.Text type="secondary" data-testid="station-count">
            {t('station.count', { shown: shown.length, total: rows.length, summaries: dashboard?.summaries ?? 0 })}
          </Typography.Text>
        </div>
        <Table<StationRow>
          rowKey="creditCode"
          size="middle"
          data-testid="station-table"
          columns={columns}
          dataSource={shown}
          loading={loading}
          tableLayout="fixed"
          scroll={{ x: 1000 }}
          pagination={{ defaultPageSize: 20, hideOnSinglePage: true, showSizeChanger: true }}
          locale={{ emptyText: loading ? ' ' : t('station.empty') }}
          rowClassName={(row) => (row.creditCode === selected ? 'ant-table-row-selected' : '')}
          onRow={(row) =>
            ({
              'data-testid': 'station-row',
              'data-code': row.creditCode,
              style: { cursor: 'pointer' },
              onClick: () => setSelected(row.creditCode),
            }) as React.HTMLAttributes<HTMLElement>
          }
        />
      </Card>
      {rows.length > 0 && (
        <Card size="small" title={chosen ? t('station.trendTitle', { name: chosen.name }) : t('station.trendSeries')} data-testid="station-trend-card">
          <div ref={trendBox.ref}>
            {chosen && trend ? (
              <StationChart option={trend} label={t('station.trendLabel')} testId="station-trend" width={Math.min(trendBox.width, 720)} height={260} />
            ) : (
              <Typography.Text type="secondary">{t('station.trendHint')}</Typography.Text>
            )}
          </div>
        </Card>
      )}
      {heatRows.length > 0 && (
        <Card size="small" title={t('station.heatTitle')} data-testid="station-heat-card">
          <div ref={heatBox.ref}>
            <StationChart
              option={heat}
              label={t('station.heatLabel')}
              testId="station-heat"
              width={heatBox.width}
              height={Math.max(220, heatRows.length * 26 + 120)}
            />
          </div>
          <Typography.Text type="secondary">
            {t('station.heatNa')}
            {shown.length > HEAT_MAX_ROWS && <span data-testid="station-heat-capped"> · {t('station.heatCapped', { n: HEAT_MAX_ROWS })}</span>}
          </Typography.Text>
        </Card>
      )}
      <Collapse
        data-testid="station-pg"
        items={[
          {
            key: 'pg',
            label: t('station.pgTitle'),
            children: (
              <Space direction="vertical" size="small" className="full-width">
                <Typography.Paragraph type="secondary">{t('station.pgIntro')}</Typography.Paragraph>
                <Input.Password
                  data-testid="station-pg-url"
                  aria-label={t('station.pgUrl')}
                  addonBefore={t('station.pgUrl')}
                  placeholder={t('station.pgUrlPlaceholder')}
                  value={pgUrl}
                  onChange={(e) => setPgUrl(e.target.value)}
                />
                <Input
                  data-testid="station-pg-ca"
                  aria-label={t('station.pgCa')}
                  addonBefore={t('station.pgCa')}
                  placeholder={t('station.pgCaPlaceholder')}
                  value={pgCa}
                  onChange={(e) => setPgCa(e.target.value)}
                />
                <Space wrap>
                  <Button icon={<CloudUploadOutlined />} data-testid="station-push" loading={busy === 'push'} onClick={() => void onShared('push')}>
                    {t('station.push')}
                  </Button>
                  <Button icon={<CloudDownloadOutlined />} data-testid="station-pull" loading={busy === 'pull'} onClick={() => void onShared('pull')}>
                    {t('station.pull')}
                  </Button>
                </Space>
                {pgOutcome && <Alert type="success" showIcon data-testid="station-pg-outcome" message={pgOutcome} />}
                {pgError && <Alert type="error" showIcon data-testid="station-pg-error" message={pgError} />}
              </Space>
            ),
          },
        ]}
      />
    </Space>
  );
}
