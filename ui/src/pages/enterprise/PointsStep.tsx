import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Alert, App as AntApp, Button, Card, Input, Select, Space, Table, Typography, type InputRef, type TableColumnsType } from 'antd';
import { DownloadOutlined, FilePdfOutlined, UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import {
  categoryKey,
  exportReport,
  enumKey,
  hasErrorCode,
  importPoints,
  getSecretPoint,
  listRegister,
  localizeError,
  pointChoices,
  saveImportTemplate,
  type ImportOutcome,
  type MissingPeople,
  type MissingPerson,
  type PointChoices,
  type RowError,
  type RegisterRow,
  type SecretPoint,
  toRegisterRow,
} from '../../services';
import HelpTip from '../../components/HelpTip';
import { useOperation } from '../../components/OperationProgress';
import CriteriaPanel from '../../components/CriteriaPanel';
import AddSecretPointForm from './AddSecretPointForm';
import BulkAddModal from './BulkAddModal';
import ImportErrors from './ImportErrors';
import PointDrawer from './PointDrawer';

type Filters = { text: string; level?: string; category?: string; department?: string; status?: string };

/** Columns the user may add beside code, name, category and level; the choice is kept on this computer. */
const OPTIONAL_COLUMNS = ['department', 'responsible', 'status', 'term', 'reviewDue'] as const;
type OptionalColumn = (typeof OPTIONAL_COLUMNS)[number];
const COLUMNS_KEY = 'midun.registerColumns';
const COLUMN_TITLES: Record<OptionalColumn, string> = {
  department: 'register.colDepartment',
  responsible: 'register.colResponsible',
  status: 'register.colStatus',
  term: 'register.colTerm',
  reviewDue: 'register.colReviewDue',
};

function storedColumns(): OptionalColumn[] {
  try {
    const v: unknown = JSON.parse(window.localStorage.getItem(COLUMNS_KEY) ?? '[]');
    return Array.isArray(v) ? OPTIONAL_COLUMNS.filter((c) => v.includes(c)) : [];
  } catch {
    return [];
  }
}

/** The rows that match the search text (code, name, summary, department, responsible) and the filters. */
function applyFilters(points: RegisterRow[], f: Filters): RegisterRow[] {
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
type Props = {
  enterpriseId: string;
  levels: string[];
  points: RegisterRow[];
  setPoints: (update: (list: RegisterRow[]) => RegisterRow[]) => void;
  onChanged?: () => void;
};

/** Step "secret points": the register (virtualised, searchable, filtered), the per-point form, adding, bulk add and import. */
export default function PointsStep({ enterpriseId, levels, points, setPoints, onChanged }: Props) {
  const { t } = useTranslation();
  const { message, modal } = AntApp.useApp();
  const [filters, setFilters] = useState<Filters>({ text: '' });
  const [open, setOpen] = useState<SecretPoint | null>(null);
  const [choices, setChoices] = useState<PointChoices | null>(null);
  const [importing, setImporting] = useState(false);
  const [importErrors, setImportErrors] = useState<RowError[]>([]);
  const [extraColumns, setExtraColumns] = useState<OptionalColumn[]>(storedColumns);
  const operation = useOperation();
  const [bulkOpen, setBulkOpen] = useState(false);
  const [exporting, setExporting] = useState(false);
  const [missingChars, setMissingChars] = useState<string[]>([]);
  const search = useRef<InputRef>(null);
  const shown = useMemo(() => applyFilters(points, filters), [points, filters]);
  // The filters' options change only with the register, not with each filter.
  const options = useMemo(
    () => ({
      category: distinct(points.map((p) => p.category)),
      department: distinct(points.map((p) => p.department)),
      status: distinct(points.map((p) => p.status)),
    }),
    [points],
  );
  // The criteria below the fold are drawn once the register has drawn (a large register opens first).
  const [criteriaShown, setCriteriaShown] = useState(false);
  useEffect(() => {
    const id = window.setTimeout(() => setCriteriaShown(true), 0);
    return () => window.clearTimeout(id);
  }, []);

  // Ctrl+F (Cmd+F) searches the register instead of the web view's find bar.
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

  /** The register holds rows: the whole secret point (and the form's choices, once) are read when it opens. */
  async function openPoint(row: RegisterRow) {
    try {
      const [point, loaded] = await Promise.all([getSecretPoint(row.id), choices ?? pointChoices(enterpriseId)]);
      setChoices(loaded);
      setOpen(point);
    } catch (error) {
      setOpen(null);
      void message.error(localizeError(error));
    }
  }

  function onSaved(saved: SecretPoint) {
    const row = toRegisterRow(saved);
    setPoints((list) => list.map((p) => (p.id === row.id ? row : p)));
    onChanged?.();
  }

  async function reload() {
    const list = await listRegister(enterpriseId);
    setPoints(() => list);
    onChanged?.();
  }

  /** Unknown columns refuse the file; the user may choose to leave them out (the file is read again). */
  function confirmIgnoreColumns(error: unknown): Promise<boolean> {
    return new Promise((resolve) => {
      modal.confirm({
        title: t('import.unknownTitle'),
        content: (
          <div data-testid="import-unknown-columns">
            <p>{localizeError(error)}</p>
            <p>{t('import.unknownHelp')}</p>
          </div>
        ),
        okText: t('import.unknownIgnore'),
        cancelText: t('import.unknownCancel'),
        okButtonProps: { 'data-testid': 'import-ignore-columns' } as never,
        onOk: () => resolve(true),
        onCancel: () => resolve(false),
      });
    });
  }

  /**
   * People the scope of knowledge names who are not in the personnel register, and nothing else wrong: add them
   * (name and department), keep them as unlinked names, or import nothing. Resolves with the choice.
   */
  function chooseMissingPeople(people: MissingPerson[]): Promise<MissingPeople | null> {
    return new Promise((resolve) => {
      let settled = false;
      const finish = (choice: MissingPeople | null) => {
        if (settled) return;
        settled = true;
        dialog.destroy();
        resolve(choice);
      };
      const dialog = modal.confirm({
        title: t('import.missingTitle', { count: people.length }),
        width: 620,
        content: (
          <div data-testid="import-missing-people">
            <p>{t('import.missingHelp')}</p>
            <ul className="missing-people-list">
              {people.map((p) => (
                <li key={`${p.department}:${p.name}`} data-testid="import-missing-person">
                  {t('import.missingPerson', { department: p.department, name: p.name })}{' '}
                  <Typography.Text type="secondary">{t('import.missingRows', { rows: p.rows.join(', ') })}</Typography.Text>
                </li>
              ))}
            </ul>
            <p>
              <Typography.Text strong>{t('import.missingAdd')}</Typography.Text>
              <br />
              {t('import.missingAddHelp')}
            </p>
            <p>
              <Typography.Text strong>{t('import.missingKeep')}</Typography.Text>
              <br />
              {t('import.missingKeepHelp')}
            </p>
          </div>
        ),
        onCancel: () => finish(null),
        footer: (
          <Space wrap className="modal-footer-actions">
            <Button data-testid="import-missing-cancel" onClick={() => finish(null)}>
              {t('import.missingCancel')}
            </Button>
            <Button data-testid="import-missing-keep" onClick={() => finish('keep')}>
              {t('import.missingKeep')}
            </Button>
            <Button type="primary" data-testid="import-missing-add" onClick={() => finish('add')}>
              {t('import.missingAdd')}
            </Button>
          </Space>
        ),
      });
    });
  }

  async function onImport() {
    setImporting(true);
    setImportErrors([]);
    try {
      let outcome: ImportOutcome | null;
      let ignoreUnknownColumns = false;
      try {
        outcome = await operation.run(() => importPoints(enterpriseId));
      } catch (error) {
        if (!hasErrorCode(error, 'IMPORT_COLUMNS_UNKNOWN')) throw error;
        if (!(await confirmIgnoreColumns(error))) return; // the user will correct the file
        ignoreUnknownColumns = true;
        outcome = await operation.run(() => importPoints(enterpriseId, { ignoreUnknownColumns, missingPeople: 'refuse' }, true));
      }
      if (outcome === null) return; // the user cancelled the dialog
      if (outcome.missingPeople.length > 0) {
        const choice = await chooseMissingPeople(outcome.missingPeople);
        if (choice === null) {
          setImportErrors(outcome.errors);
          return;
        }
        outcome = await operation.run(() => importPoints(enterpriseId, { ignoreUnknownColumns, missingPeople: choice }, true));
        if (outcome === null) return;
      }
      if (outcome.errors.length > 0) {
        setImportErrors(outcome.errors);
        return;
      }
      await reload();
      const done =
        outcome.peopleAdded > 0
          ? t('import.doneWithPeople', { count: outcome.imported, people: outcome.peopleAdded })
          : t('import.done', { count: outcome.imported });
      void message.success({ content: <span data-testid="import-message">{done}</span> });
    } catch (error) {
      void message.error(localizeError(error));
    } finally {
      setImporting(false);
    }
  }

  const onAdded = useCallback(
    (point: SecretPoint) => {
      setPoints((list) => [...list, toRegisterRow(point)]);
      onChanged?.();
    },
    [setPoints, onChanged],
  );

  /** The register as an internal PDF (the self-assessment report is exported in its own step). */
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

  async function onTemplate() {
    try {
      const path = await saveImportTemplate();
      if (path !== null) void message.success(t('import.templateSaved', { path }));
    } catch (error) {
      void message.error(localizeError(error));
    }
  }

  function chooseColumns(next: OptionalColumn[]) {
    setExtraColumns(OPTIONAL_COLUMNS.filter((c) => next.includes(c)));
    try {
      window.localStorage.setItem(COLUMNS_KEY, JSON.stringify(next));
    } catch {
      // Without storage the choice lasts this session only.
    }
  }

  const filterLabel = (key: string, v: string) =>
    key === 'category' ? t(categoryKey(v as RegisterRow['category'])) : key === 'status' ? t(enumKey('status', v)) : v;

  const columns: TableColumnsType<RegisterRow> = [
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
      render: (category: RegisterRow['category']) => t(categoryKey(category)),
    },
    { title: t('enterprise.colLevel'), dataIndex: 'level', key: 'level', width: 160 },
    ...extraColumns.map(
      (c): TableColumnsType<RegisterRow>[number] => ({
        title: t(COLUMN_TITLES[c]),
        key: c,
        width: c === 'status' ? 110 : 130,
        ellipsis: true,
        render: (_: unknown, row: RegisterRow) => {
          const value = c === 'status' ? t(enumKey('status', row.status)) : row[c];
          return <span data-testid={`sp-row-${c}`}>{value ?? ''}</span>;
        },
      }),
    ),
  ];

  return (
    <>
      {operation.element}
      <Space direction="vertical" size="middle" className="full-width">
      <Space wrap>
        <Button icon={<DownloadOutlined />} data-testid="import-template" onClick={() => void onTemplate()}>
          {t('import.template')}
        </Button>
        <Button icon={<UploadOutlined />} data-testid="import-points" loading={importing} onClick={() => void onImport()}>
          {t('import.import')}
        </Button>
        <Button icon={<FilePdfOutlined />} data-testid="export-register" loading={exporting} onClick={() => void onExport()}>
          {t('enterprise.exportRegister')}
        </Button>
      </Space>
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
      {importErrors.length > 0 && <ImportErrors errors={importErrors} onClose={() => setImportErrors([])} />}
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
              ['category', options.category],
              ['department', options.department],
              ['status', options.status],
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
              options={values.map((v) => ({ value: v, label: filterLabel(key, v) }))}
            />
          ))}
          <Select<OptionalColumn[]>
            mode="multiple"
            allowClear
            maxTagCount="responsive"
            data-testid="register-columns"
            className="register-filter"
            placeholder={t('register.columns')}
            value={extraColumns}
            onChange={chooseColumns}
            options={OPTIONAL_COLUMNS.map((c) => ({ value: c, label: t(COLUMN_TITLES[c]) }))}
          />
          <Typography.Text type="secondary" data-testid="register-count">
            {t('register.count', { shown: shown.length, total: points.length })}
          </Typography.Text>
        </div>
        <Table<RegisterRow>
          rowKey="id"
          virtual
          // Compact rows: at 1366x768 the table shows a dozen secret points at once.
          size="small"
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
        enterpriseId={enterpriseId}
        levels={levels}
        onClose={() => setBulkOpen(false)}
        onAdded={(count) => {
          setBulkOpen(false);
          void message.success(t('bulk.done', { count }));
          void reload();
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
        <AddSecretPointForm enterpriseId={enterpriseId} levels={levels} onAdded={onAdded} />
      </Card>
      {criteriaShown && <CriteriaPanel enterpriseId={enterpriseId} domainId="D2" onChanged={onChanged} />}
    </Space>
    </>
  );
}
