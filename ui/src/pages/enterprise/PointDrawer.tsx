import { useEffect, useState } from 'react';
import { Alert, AutoComplete, Button, Checkbox, DatePicker, Drawer, Form, Select, Space, Tag, Typography } from 'antd';
import { FilePdfOutlined, FolderOpenOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import {
  categoryKey,
  CATEGORIES,
  enumKey,
  exportDossier,
  localizeError,
  openLastExport,
  subtypesOf,
  updatePoint,
  type ExportResult,
  type PointChoices,
  type PointField,
  type SecretPoint,
} from '../../services';
import HelpTip from '../../components/HelpTip';
import AutosaveField, { SaveIndicator, type SaveState } from '../../components/AutosaveField';
import FingerprintSection from './FingerprintSection';
import { exportWarningText } from './resultsText';

type Props = {
  point: SecretPoint | null;
  choices: PointChoices | null;
  onClose: () => void;
  onSaved: (point: SecretPoint) => void;
};


/** A yes/no value as the store takes it: "true", "false", or empty for none. */
function asText(v: boolean | null): string {
  return v === null ? '' : String(v);
}

/**
 * Every field of a secret point (spec §2), each saved on its own as soon as it changes: selects and dates at
 * once, text after a short pause or when the field is left. One transaction and one audit entry per
 * change; a refused value is explained beside its field and the stored value stays.
 */
export default function PointDrawer({ point, choices, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const [current, setCurrent] = useState<SecretPoint | null>(point);
  const [state, setState] = useState<SaveState>('idle');
  const [errors, setErrors] = useState<Partial<Record<PointField, string>>>({});
  const [drafts, setDrafts] = useState<Partial<Record<PointField, string>>>({});
  // This point's dossier: being written, where it went, or why it was refused.
  const [dossierBusy, setDossierBusy] = useState(false);
  const [dossier, setDossier] = useState<ExportResult | null>(null);
  const [dossierError, setDossierError] = useState<string | null>(null);

  useEffect(() => {
    setCurrent(point);
    setErrors({});
    setDrafts({});
    setState('idle');
    setDossier(null);
    setDossierError(null);
  }, [point?.id]); // eslint-disable-line react-hooks/exhaustive-deps

  if (!current || !choices) return null;
  const p = current;

  async function save(field: PointField, value: string) {
    setState('saving');
    try {
      const saved = await updatePoint(p.id, field, value);
      setCurrent(saved);
      onSaved(saved);
      setErrors((e) => ({ ...e, [field]: undefined }));
      setDrafts((d) => ({ ...d, [field]: undefined }));
      setState('saved');
    } catch (error) {
      setErrors((e) => ({ ...e, [field]: localizeError(error) }));
      setState('idle');
    }
  }

  /** This point's dossier: Rust asks where to save it; null is a cancelled dialog. */
  async function exportPointDossier() {
    setDossierBusy(true);
    setDossierError(null);
    try {
      const result = await exportDossier(p.enterpriseId, p.id);
      if (result !== null) setDossier(result);
    } catch (error) {
      setDossierError(localizeError(error));
    } finally {
      setDossierBusy(false);
    }
  }

  async function openDossier() {
    try {
      await openLastExport();
    } catch (error) {
      setDossierError(localizeError(error));
    }
  }

  /** A text field that saves itself (see AutosaveField). */
  const text = (field: PointField, label: string, stored: string, opts: { area?: boolean; help?: string; placeholder?: string } = {}) => (
    <AutosaveField
      key={`${p.id}-${field}`}
      label={label}
      stored={stored}
      testId={`pf-${field}`}
      area={opts.area}
      help={opts.help}
      placeholder={opts.placeholder}
      onState={setState}
      onSave={async (v) => {
        const saved = await updatePoint(p.id, field, v);
        setCurrent(saved);
        onSaved(saved);
      }}
    />
  );

  const item = (field: PointField, label: string, control: React.ReactNode, help?: string) => (
    <Form.Item
      label={help ? <span>{label}<HelpTip text={help} testId={`help-${field}`} /></span> : label}
      validateStatus={errors[field] ? 'error' : undefined}
      help={errors[field]}
    >
      {control}
    </Form.Item>
  );
  const yesNo = (field: PointField, v: boolean | null) => (
    <Select
      data-testid={`pf-${field}`}
      value={asText(v)}
      onChange={(x: string) => void save(field, x)}
      options={[
        // A field that must be yes or no has no "not filled in".
        ...(field === 'combinationSecret' ? [] : [{ value: '', label: t('point.unset') }]),
        { value: 'true', label: t('point.yes') },
        { value: 'false', label: t('point.no') },
      ]}
    />
  );
  const date = (field: PointField, v: string | null) => (
    <DatePicker
      data-testid={`pf-${field}`}
      value={v ? dayjs(v) : null}
      onChange={(d) => void save(field, d ? d.format('YYYY-MM-DD') : '')}
    />
  );

  return (
    <Drawer
      open
      width={560}
      onClose={onClose}
      title={
        <Space>
          <span data-testid="point-drawer-title">{p.code}</span>
          <Tag>{t(enumKey('status', p.status))}</Tag>
        </Space>
      }
      extra={
        <SaveIndicator state={state} testId="save-state" />
      }
    >
      <Typography.Paragraph type="secondary">{t('point.autosave')}</Typography.Paragraph>
      <Space direction="vertical" size="small" className="full-width" style={{ marginBottom: 16 }}>
        <Space size={4}>
          <Button icon={<FilePdfOutlined />} loading={dossierBusy} data-testid="point-dossier" onClick={() => void exportPointDossier()}>
            {t('point.dossier')}
          </Button>
          <HelpTip text={t('point.dossierHelp')} testId="help-point-dossier" />
        </Space>
        {dossierError && <Alert type="error" showIcon data-testid="point-dossier-error" message={dossierError} />}
        {dossier && (
          <Alert
            type="success"
            showIcon
            data-testid="point-dossier-result"
            message={
              <span style={{ wordBreak: 'break-all' }}>
                {t('point.dossierExported')}{' '}
                <Typography.Text code data-testid="point-dossier-path">
                  {dossier.path}
                </Typography.Text>
              </span>
            }
            description={
              dossier.warnings.length + dossier.missingChars.length > 0 && (
                <ul style={{ margin: 0, paddingLeft: 20 }}>
                  {dossier.warnings.map((w, i) => (
                    <li key={i} data-testid="point-dossier-warning">
                      {exportWarningText(t, w)}
                    </li>
                  ))}
                  {dossier.missingChars.length > 0 && (
                    <li data-testid="point-dossier-missing-chars">
                      {t('enterprise.missingChars', { chars: dossier.missingChars.join(t('common.listSeparator')) })}
                    </li>
                  )}
                </ul>
              )
            }
            action={
              <Button size="small" icon={<FolderOpenOutlined />} data-testid="point-dossier-open" onClick={() => void openDossier()}>
                {t('results.export.open')}
              </Button>
            }
          />
        )}
      </Space>
      <Form layout="vertical">
        {text('name', t('point.name'), p.name)}
        {item(
          'category',
          t('point.category'),
          <Select
            data-testid="pf-category"
            value={p.category}
            onChange={(v: string) => void save('category', v)}
            options={CATEGORIES.map((c) => ({ value: c, label: t(categoryKey(c)) }))}
          />,
        )}
        {item(
          'subtype',
          t('point.subtype'),
          <Select
            data-testid="pf-subtype"
            allowClear
            value={p.subtype ?? undefined}
            onChange={(v?: string) => void save('subtype', v ?? '')}
            options={subtypesOf(choices.subtypes, p.category).map((s) => ({ value: s, label: s }))}
          />,
        )}
        {item(
          'level',
          t('point.level'),
          <Select
            data-testid="pf-level"
            value={p.level}
            onChange={(v: string) => void save('level', v)}
            options={choices.levels.map((l) => ({ value: l, label: l }))}
          />,
          t('terms.level'),
        )}
        {item(
          'itemId',
          t('point.item'),
          <Select
            data-testid="pf-itemId"
            allowClear
            value={p.itemId ?? undefined}
            onChange={(v?: number) => void save('itemId', v === undefined ? '' : String(v))}
            options={choices.items.map(([id, name]) => ({ value: id, label: name }))}
          />,
        )}
        {text('summary', t('point.summary'), p.summary, { area: true, help: t('point.summaryHelp') })}
        {item('term', t('point.term'), (
          <AutoComplete
            data-testid="pf-term"
            value={drafts.term ?? p.term ?? ''}
            options={choices.termWords.map((w) => ({ value: w }))}
            placeholder={t('point.termPlaceholder')}
            onChange={(v: string) => setDrafts((d) => ({ ...d, term: v }))}
            onSelect={(v: string) => void save('term', v)}
            onBlur={() => drafts.term !== undefined && void save('term', drafts.term)}
          />
        ), t('terms.term'))}
        {item('reviewDue', t('point.reviewDue'), date('reviewDue', p.reviewDue))}
        {text('department', t('point.department'), p.department)}
        {text('responsible', t('point.responsible'), p.responsible)}
        {text('carrierIndex', t('point.carrierIndex'), p.carrierIndex, { help: t('terms.carrier') })}
        {item('secrecyCheckedOn', t('point.secrecyCheckedOn'), date('secrecyCheckedOn', p.secrecyCheckedOn), t('point.secrecyHelp'))}
        {text('secrecyCheckedBy', t('point.secrecyCheckedBy'), p.secrecyCheckedBy)}
        {item(
          'secrecyChannels',
          t('point.secrecyChannels'),
          <Checkbox.Group
            data-testid="pf-secrecyChannels"
            className="vertical-checks"
            value={p.secrecyChannels}
            onChange={(v) => void save('secrecyChannels', (v as string[]).join('\n'))}
            options={choices.secrecyChannels.map((c) => ({ value: c, label: c }))}
          />,
        )}
        {item('combinationSecret', t('point.combinationSecret'), yesNo('combinationSecret', p.combinationSecret))}
        {text('valueNote', t('point.valueNote'), p.valueNote, { area: true })}
        {text('origin', t('point.origin'), p.origin, { area: true, help: t('point.originHelp'), placeholder: t('point.originPlaceholder') })}
        {item(
          'protectionPath',
          t('point.protectionPath'),
          <Select
            data-testid="pf-protectionPath"
            allowClear
            value={p.protectionPath ?? undefined}
            onChange={(v?: string) => void save('protectionPath', v ?? '')}
            options={choices.protectionPaths.map((c) => ({ value: c, label: c }))}
          />,
        )}
        {item('reverseEngineerable', t('point.reverseEngineerable'), yesNo('reverseEngineerable', p.reverseEngineerable))}
        {item('patentFiled', t('point.patentFiled'), yesNo('patentFiled', p.patentFiled))}
        {text('pathReason', t('point.pathReason'), p.pathReason, { area: true })}
      </Form>
      <FingerprintSection key={p.id} point={p} />
    </Drawer>
  );
}
