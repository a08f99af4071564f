import { useState } from 'react';
import { App as AntApp, Button, Space, Typography } from 'antd';
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { hasErrorCode, importPeople, localizeError, savePeopleTemplate, type ImportOutcome, type RowError } from '../../../services';
import ImportErrors from '../ImportErrors';

type Props = { enterpriseId: string; onImported: () => void };

/**
 * The personnel register from Excel or CSV: the template, then every row or none. Unknown columns
 * are left out only when the user says so (the same file is read again).
 */
export default function ImportPeople({ enterpriseId, onImported }: Props) {
  const { t } = useTranslation();
  const { message, modal } = AntApp.useApp();
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<RowError[]>([]);

  function confirmIgnoreColumns(error: unknown): Promise<boolean> {
    return new Promise((resolve) => {
      modal.confirm({
        title: t('import.unknownTitle'),
        content: (
          <div data-testid="people-import-unknown-columns">
            <p>{localizeError(error)}</p>
            <p>{t('import.unknownHelp')}</p>
          </div>
        ),
        okText: t('import.unknownIgnore'),
        cancelText: t('import.unknownCancel'),
        okButtonProps: { 'data-testid': 'people-import-ignore-columns' } as never,
        onOk: () => resolve(true),
        onCancel: () => resolve(false),
      });
    });
  }

  async function onImport() {
    setBusy(true);
    setErrors([]);
    try {
      let outcome: ImportOutcome | null;
      try {
        outcome = await importPeople(enterpriseId);
      } catch (error) {
        if (!hasErrorCode(error, 'IMPORT_COLUMNS_UNKNOWN')) throw error;
        if (!(await confirmIgnoreColumns(error))) return;
        outcome = await importPeople(enterpriseId, true);
      }
      if (outcome === null) return; // the dialog was cancelled
      if (outcome.errors.length > 0) {
        setErrors(outcome.errors);
        return;
      }
      onImported();
      void message.success({
        content: <span data-testid="people-import-message">{t('people.importPeople.done', { count: outcome.imported })}</span>,
      });
    } catch (error) {
      void message.error({ content: <span data-testid="people-import-error">{localizeError(error)}</span> });
    } finally {
      setBusy(false);
    }
  }

  async function onTemplate() {
    try {
      const path = await savePeopleTemplate();
      if (path !== null) void message.success(t('people.importPeople.templateSaved', { path }));
    } catch (error) {
      void message.error(localizeError(error));
    }
  }

  return (
    <div data-testid="people-import">
      <Space wrap>
        <Button icon={<UploadOutlined />} loading={busy} onClick={() => void onImport()} data-testid="people-import-button">
          {t('people.importPeople.button')}
        </Button>
        <Button icon={<DownloadOutlined />} onClick={() => void onTemplate()} data-testid="people-import-template">
          {t('people.importPeople.template')}
        </Button>
      </Space>
      <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
        {t('people.importPeople.help')}
      </Typography.Paragraph>
      {errors.length > 0 && (
        <div style={{ marginTop: 8 }}>
          <ImportErrors
            errors={errors}
            onClose={() => setErrors([])}
            title={t('people.importPeople.refused', { count: errors.length })}
          />
        </div>
      )}
    </div>
  );
}
