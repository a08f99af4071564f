import { useEffect, useRef, useState } from 'react';
import { Alert, App as AntApp, Button, Card, Col, Form, Radio, Row, Space, Spin, Typography, type ButtonProps } from 'antd';
import { FileExcelOutlined, FilePdfOutlined, FileWordOutlined, FolderOpenOutlined, SendOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import {
  exportDossier,
  exportEdition,
  exportSummary,
  exportWorkbook,
  localizeError,
  openLastExport,
  resultsView,
  submissionPreflight,
  updateRound,
  type Contradiction,
  type Edition,
  type ExportResult,
  type ExportWarning,
  type ReportFormat,
  type ResultsView,
  type RoundField,
} from '../../services';
import { LoadFailed, testProps, useLoad } from '../../components/register';
import { exportWarningText } from './resultsText';
import AutosaveField, { SaveIndicator, type SaveState } from '../../components/AutosaveField';

type Props = {
  enterpriseId: string;
};

const EDITIONS: readonly Edition[] = ['submission', 'internal'];
const FORMATS: readonly ReportFormat[] = ['pdf', 'docx'];

/**
 * What was exported last: an edition of the report (as PDF or Word), the per-point dossiers of the
 * core secret points (PDF), the registers' workbook (Excel), or the progress summary for the guidance
 * station; `file` says which kind of file it is.
 */
type Exported = { kind: Edition | 'dossier' | 'workbook' | 'summary'; file: ReportFormat | 'xlsx' | 'summary'; result: ExportResult };

/** A plain list inside an alert. */
const LIST: React.CSSProperties = { margin: 0, paddingLeft: 20 };

/**
 * The preflight's warnings, with the contradictions the results show when the preflight does not
 * count them itself: the user is asked once, about everything.
 */
function withContradictions(warnings: ExportWarning[], contradictions: number): ExportWarning[] {
  if (contradictions === 0 || warnings.some((w) => w.code === 'contradictions')) return warnings;
  return [...warnings, { code: 'contradictions', count: contradictions }];
}

/**
 * Exporting the report: choose the edition (submission, or internal for management) and the format
 * (PDF, final and for printing, or Word, to edit on the enterprise's letterhead), check the round's
 * report texts (saved as typed), export the file and open it; what the core asks to check is listed.
 * Before the submission edition, in either format, the core's preflight is asked: what it finds
 * (answers the registers contradict among them) is listed and the user confirms once; the internal
 * edition asks only about contradictions. The per-point dossiers of every core secret point, the
 * registers' Excel workbook and the progress summary for the guidance station are exported here too.
 */
export default function ExportStep({ enterpriseId }: Props) {
  const { t } = useTranslation();
  const { message, modal } = AntApp.useApp();
  const [view, setView] = useState<ResultsView | null>(null);
  const [edition, setEdition] = useState<Edition>('submission');
  const [format, setFormat] = useState<ReportFormat>('pdf');
  const [exporting, setExporting] = useState(false);
  const [checking, setChecking] = useState(false);
  const [exported, setExported] = useState<Exported | null>(null);
  const [exportError, setExportError] = useState<string | null>(null);
  const [dossierExporting, setDossierExporting] = useState(false);
  const [dossierError, setDossierError] = useState<string | null>(null);
  const [workbookExporting, setWorkbookExporting] = useState(false);
  const [workbookError, setWorkbookError] = useState<string | null>(null);
  const [summaryExporting, setSummaryExporting] = useState(false);
  const [summaryError, setSummaryError] = useState<string | null>(null);
  const [opening, setOpening] = useState(false);
  const [saveState, setSaveState] = useState<SaveState>('idle');
  const resultBox = useRef<HTMLDivElement>(null);

  // The outcome appears below the fold on a small screen: bring it into view.
  useEffect(() => {
    if (exported) resultBox.current?.scrollIntoView?.({ block: 'nearest', behavior: 'smooth' });
  }, [exported]);

  const { loadError, reload } = useLoad(async () => setView(await resultsView(enterpriseId)), [enterpriseId]);

  /** The contradictions named one per line, as the confirmations list them. */
  const contradictionList = (contradictions: Contradiction[]) => (
    <ul style={LIST} data-testid="export-contradictions-list">
      {contradictions.map((x, i) => (
        <li key={`${x.criterion}-${i}`} data-testid="export-contradiction" data-criterion={x.criterion}>
          {t('results.export.contradictionLine', { criterion: x.criterion, title: x.title, fact: x.fact })}
        </li>
      ))}
    </ul>
  );

  /**
   * The submission edition: the core's preflight first; when it finds something, the user is asked
   * once, with everything listed, and the export runs only on confirmation. The internal edition:
   * at once, unless answers the registers contradict remain, which the user is asked about first.
   */
  async function requestExport() {
    const chosen = edition;
    const chosenFormat = format;
    const contradictions = view?.score?.contradictions ?? [];
    if (chosen === 'submission') {
      setChecking(true);
      setExportError(null);
      let warnings: ExportWarning[];
      try {
        warnings = withContradictions(await submissionPreflight(enterpriseId), contradictions.length);
      } catch (error) {
        setExportError(localizeError(error));
        return;
      } finally {
        setChecking(false);
      }
      if (warnings.length === 0) {
        void runExport(chosen, chosenFormat);
        return;
      }
      modal.confirm({
        title: t('results.export.preflightTitle', { count: warnings.length }),
        width: 560,
        content: (
          <>
            <Typography.Paragraph type="secondary">{t('results.export.preflightIntro')}</Typography.Paragraph>
            <ul style={LIST} data-testid="export-preflight-list">
              {warnings.map((w, i) => (
                <li key={`${w.code}-${i}`} data-testid="export-preflight-warning" data-code={w.code}>
                  {exportWarningText(t, w)}
                  {w.code === 'contradictions' && contradictions.length > 0 && contradictionList(contradictions)}
                </li>
              ))}
            </ul>
          </>
        ),
        okText: t('results.export.preflightExport'),
        cancelText: t('results.export.preflightBack'),
        okButtonProps: testProps({ 'data-testid': 'export-preflight-confirm' }) as ButtonProps,
        cancelButtonProps: testProps({ 'data-testid': 'export-preflight-cancel' }) as ButtonProps,
        onOk: () => {
          void runExport(chosen, chosenFormat);
        },
      });
      return;
    }
    if (contradictions.length === 0) {
      void runExport(chosen, chosenFormat);
      return;
    }
    modal.confirm({
      title: t('results.export.contradictionsConfirm', { count: contradictions.length }),
      width: 520,
      content: contradictionList(contradictions),
      okText: t('results.export.contradictionsExport'),
      cancelText: t('results.export.contradictionsCheck'),
      okButtonProps: testProps({ 'data-testid': 'export-contradictions-confirm' }) as ButtonProps,
      cancelButtonProps: testProps({ 'data-testid': 'export-contradictions-cancel' }) as ButtonProps,
      onOk: () => {
        void runExport(chosen, chosenFormat);
      },
    });
  }

  async function runExport(chosen: Edition, chosenFormat: ReportFormat) {
    setExporting(true);
    setExportError(null);
    try {
      const result = await exportEdition(enterpriseId, chosen, chosenFormat);
      // null: the save dialog was cancelled, nothing was written.
      if (result !== null) setExported({ kind: chosen, file: chosenFormat, result });
    } catch (error) {
      setExportError(localizeError(error));
    } finally {
      setExporting(false);
    }
  }

  /** The per-point dossiers of every core secret point (the core refuses with DOSSIER_EMPTY when there is none). */
  async function runDossier() {
    setDossierExporting(true);
    setDossierError(null);
    try {
      const result = await exportDossier(enterpriseId, null);
      if (result !== null) setExported({ kind: 'dossier', file: 'pdf', result });
    } catch (error) {
      setDossierError(localizeError(error));
    } finally {
      setDossierExporting(false);
    }
  }

  /** Every register as one Excel workbook, a sheet per register (null: every sheet). */
  async function runWorkbook() {
    setWorkbookExporting(true);
    setWorkbookError(null);
    try {
      const result = await exportWorkbook(enterpriseId, null);
      if (result !== null) setExported({ kind: 'workbook', file: 'xlsx', result });
    } catch (error) {
      setWorkbookError(localizeError(error));
    } finally {
      setWorkbookExporting(false);
    }
  }

  /** The progress summary the guidance station reads: the submission edition's figures, nothing else. */
  async function runSummary() {
    setSummaryExporting(true);
    setSummaryError(null);
    try {
      const result = await exportSummary(enterpriseId);
      if (result !== null) setExported({ kind: 'summary', file: 'summary', result });
    } catch (error) {
      setSummaryError(localizeError(error));
    } finally {
      setSummaryExporting(false);
    }
  }

  async function open() {
    setOpening(true);
    try {
      await openLastExport();
    } catch (error) {
      void message.error(localizeError(error));
    } finally {
      setOpening(false);
    }
  }

  if (loadError) return <LoadFailed testId="export-load-error" error={loadError} onRetry={reload} />;
  if (view === null) return <Spin />;

  const round = view.round;
  const editionName = (e: Edition) => t(`results.export.${e}`);
  const formatName = (f: ReportFormat) => t(`results.export.format.${f}`);

  // A closed round's texts are fixed with its score (the core refuses changes): shown, not edited.
  const closed = !!round?.closedAt;
  const roundField = (field: RoundField, options: { area?: boolean; placeholder?: string } = {}) =>
    round &&
    (closed ? (
      <Form.Item label={t(`results.export.field.${field}`)}>
        <Typography.Paragraph data-testid={`rf-${field}`} style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>
          {round[field]}
        </Typography.Paragraph>
      </Form.Item>
    ) : (
      <AutosaveField
        key={`${round.id}-${field}`}
        label={t(`results.export.field.${field}`)}
        stored={round[field]}
        testId={`rf-${field}`}
        area={options.area}
        placeholder={options.placeholder}
        onState={setSaveState}
        onSave={async (value) => {
          const saved = await updateRound(round.id, field, value);
          setView((v) => v && { ...v, round: saved });
        }}
      />
    ));

  /** What was exported, as the outcome names it. */
  const exportedText = (e: Exported) => {
    if (e.kind === 'dossier') return t('results.export.dossierExported');
    if (e.kind === 'workbook') return t('results.export.workbookExported');
    if (e.kind === 'summary') return t('results.export.summaryExported');
    return t(e.file === 'docx' ? 'results.export.exportedWord' : 'results.export.exported', { edition: editionName(e.kind) });
  };

  /** Where the last export went, what to check in it, and the glyphs its font lacks; shown under the button that made it. */
  const outcome = (e: Exported) => (
    <div ref={resultBox} data-testid="export-result" data-edition={e.kind}>
      <Space direction="vertical" size="small" className="full-width">
        <Alert
          type="success"
          showIcon
          message={
            <span style={{ wordBreak: 'break-all' }}>
              {exportedText(e)}{' '}
              <Typography.Text code data-testid="export-path">
                {e.result.path}
              </Typography.Text>
            </span>
          }
          action={
            // A summary is a file to send on, not to read.
            e.file !== 'summary' && (
              <Button size="small" icon={<FolderOpenOutlined />} loading={opening} data-testid="export-open" onClick={() => void open()}>
                {e.file === 'pdf' ? t('results.export.open') : t('results.export.openFile')}
              </Button>
            )
          }
        />
        {e.result.warnings.length > 0 && (
          <Alert
            type="warning"
            showIcon
            data-testid="export-warnings"
            message={t('results.export.warningsTitle')}
            description={
              <ul style={LIST}>
                {e.result.warnings.map((w, i) => (
                  <li key={i} data-testid="export-warning">
                    {exportWarningText(t, w)}
                  </li>
                ))}
              </ul>
            }
          />
        )}
        {e.result.missingChars.length > 0 && (
          <Alert
            type="warning"
            showIcon
            data-testid="export-missing-chars"
            message={t('enterprise.missingCharsTitle')}
            description={t('enterprise.missingChars', { chars: e.result.missingChars.join(t('common.listSeparator')) })}
          />
        )}
      </Space>
    </div>
  );

  return (
    <Space direction="vertical" size="middle" className="full-width" data-testid="export-step">
      <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
        {t('results.export.intro')}
      </Typography.Paragraph>
      <Alert type="info" showIcon message={t('results.honesty')} />

      <Card size="small" title={t('results.export.editionLabel')} data-testid="export-editions">
        <Radio.Group
          name="export-edition"
          value={edition}
          onChange={(e) => setEdition(e.target.value as Edition)}
          style={{ display: 'flex', flexDirection: 'column', gap: 12 }}
        >
          {EDITIONS.map((e) => (
            <Radio key={e} value={e}>
              <span data-testid={`export-edition-${e}`} data-value={e}>
                <Typography.Text strong>{editionName(e)}</Typography.Text>
                <br />
                <Typography.Text type="secondary">{t(`results.export.${e}Help`)}</Typography.Text>
              </span>
            </Radio>
          ))}
        </Radio.Group>
        <div style={{ marginTop: 16 }} data-testid="export-formats">
          <Typography.Text strong style={{ marginRight: 12 }}>
            {t('results.export.formatLabel')}
          </Typography.Text>
          <Radio.Group name="export-format" value={format} onChange={(e) => setFormat(e.target.value as ReportFormat)}>
            {FORMATS.map((f) => (
              <Radio key={f} value={f}>
                <span data-testid={`export-format-${f}`} data-value={f}>
                  {formatName(f)}
                </span>
              </Radio>
            ))}
          </Radio.Group>
        </div>
      </Card>
      {format === 'docx' && (
        <Alert
          type="info"
          showIcon
          data-testid="export-docx-note"
          message={t('results.export.docxNoteTitle')}
          description={t('results.export.docxNote')}
        />
      )}
      {edition === 'internal' && (
        <Alert
          type="info"
          showIcon
          data-testid="export-internal-retention"
          message={t('results.export.internalRetentionTitle')}
          description={t('results.export.internalRetention')}
        />
      )}

      {round === null ? (
        <Alert type="info" showIcon data-testid="export-no-round" message={t('results.export.noRound')} />
      ) : (
        <Card
          size="small"
          title={t('results.export.roundTitle', { round: round.roundNo })}
          extra={!closed && <SaveIndicator state={saveState} testId="export-save-state" />}
          data-testid="export-round"
        >
          {closed ? (
            <Alert type="info" showIcon style={{ marginBottom: 12 }} data-testid="export-texts-closed" message={t('results.export.closedTexts')} />
          ) : (
            <Typography.Paragraph type="secondary">{t('results.autosave')}</Typography.Paragraph>
          )}
          <Form layout="vertical">
            <Row gutter={12}>
              <Col xs={24} md={8}>
                {roundField('baseDate', { placeholder: t('results.export.baseDatePlaceholder') })}
              </Col>
              <Col xs={24} md={8}>
                {roundField('filler')}
              </Col>
              <Col xs={24} md={8}>
                {roundField('reviewer')}
              </Col>
            </Row>
            {roundField('highlights', { area: true, placeholder: t('results.export.highlightsPlaceholder') })}
            {roundField('nextSteps', { area: true, placeholder: t('results.export.nextStepsPlaceholder') })}
          </Form>
        </Card>
      )}

      {view.score?.draft && <Alert type="warning" showIcon data-testid="export-draft" message={t('results.export.draftNote')} />}
      {(view.score?.contradictions.length ?? 0) > 0 && (
        <Alert
          type="warning"
          showIcon
          data-testid="export-contradictions"
          message={t('results.export.contradictionsNote', { count: view.score?.contradictions.length })}
        />
      )}

      <div>
        <Button
          type="primary"
          icon={format === 'docx' ? <FileWordOutlined /> : <FilePdfOutlined />}
          loading={exporting || checking}
          disabled={round === null}
          data-testid="export-submit"
          onClick={() => void requestExport()}
        >
          {t(format === 'docx' ? 'results.export.submitWord' : 'results.export.submit', { edition: editionName(edition) })}
        </Button>
      </div>

      {exportError && <Alert type="error" showIcon data-testid="export-error" message={exportError} />}

      {exported && (exported.kind === 'submission' || exported.kind === 'internal') && outcome(exported)}

      <Card size="small" title={t('results.export.dossierTitle')} data-testid="export-dossier-card">
        <Typography.Paragraph type="secondary">{t('results.export.dossierHelp')}</Typography.Paragraph>
        <Space direction="vertical" size="small" className="full-width">
          <div>
            <Button icon={<FilePdfOutlined />} loading={dossierExporting} data-testid="export-dossier" onClick={() => void runDossier()}>
              {t('results.export.dossierSubmit')}
            </Button>
          </div>
          {dossierError && <Alert type="error" showIcon data-testid="export-dossier-error" message={dossierError} />}
          {exported && exported.kind === 'dossier' && outcome(exported)}
        </Space>
      </Card>

      <Card size="small" title={t('results.export.workbookTitle')} data-testid="export-workbook-card">
        <Typography.Paragraph type="secondary">{t('results.export.workbookHelp')}</Typography.Paragraph>
        <Space direction="vertical" size="small" className="full-width">
          <div>
            <Button icon={<FileExcelOutlined />} loading={workbookExporting} data-testid="export-workbook" onClick={() => void runWorkbook()}>
              {t('results.export.workbookSubmit')}
            </Button>
          </div>
          {workbookError && <Alert type="error" showIcon data-testid="export-workbook-error" message={workbookError} />}
          {exported && exported.kind === 'workbook' && outcome(exported)}
        </Space>
      </Card>

      <Card size="small" title={t('results.export.summaryTitle')} data-testid="export-summary-card">
        <Typography.Paragraph type="secondary">{t('results.export.summaryHelp')}</Typography.Paragraph>
        <Space direction="vertical" size="small" className="full-width">
          <div>
            <Button icon={<SendOutlined />} loading={summaryExporting} data-testid="export-summary" onClick={() => void runSummary()}>
              {t('results.export.summarySubmit')}
            </Button>
          </div>
          {summaryError && <Alert type="error" showIcon data-testid="export-summary-error" message={summaryError} />}
          {exported && exported.kind === 'summary' && outcome(exported)}
        </Space>
      </Card>
    </Space>
  );
}
