import { useState } from 'react';
import { Alert, Button, Form, Input, Space, Typography } from 'antd';
import { CheckCircleFilled } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { checkCreditCode, hasErrorCode, localizeError, setCreditCode, type CodeCheck, type Enterprise } from '../../services';

type Props = { enterprise: Enterprise; onSaved: (e: Enterprise) => void };

/**
 * The credit code after creation: checked as it is left; a code that fails the check is kept only
 * with a note (the user may know better, e.g. from the business licence), as at creation.
 */
export default function CreditCodeField({ enterprise, onSaved }: Props) {
  const { t } = useTranslation();
  const [code, setCode] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const [check, setCheck] = useState<CodeCheck | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [noteError, setNoteError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const value = code ?? enterprise.creditCode ?? '';
  const noteValue = note ?? enterprise.creditCodeNote ?? '';
  const failing = check !== null && check.status !== 'valid';
  const changed = code !== null || note !== null;

  async function runCheck(v: string) {
    if (v.trim() === '') {
      setCheck(null);
      return;
    }
    try {
      setCheck(await checkCreditCode(v));
    } catch (e) {
      setError(localizeError(e));
    }
  }

  async function save() {
    setSaving(true);
    try {
      const saved = await setCreditCode(enterprise.id, value, failing || enterprise.creditCodeNote ? noteValue : null);
      setCode(null);
      setNote(null);
      setError(null);
      setNoteError(null);
      onSaved(saved);
    } catch (e) {
      if (hasErrorCode(e, 'CREDIT_CODE_NEEDS_NOTE')) {
        setNoteError(t('enterpriseForm.noteRequired'));
        void runCheck(value);
      }
      else setError(localizeError(e));
    } finally {
      setSaving(false);
    }
  }

  return (
    <Form.Item
      label={t('enterpriseForm.creditCode')}
      validateStatus={error ? 'error' : undefined}
      help={error}
      extra={
        check?.status === 'valid' ? (
          <Typography.Text type="success" data-testid="ef-creditCode-check" data-status="valid">
            <CheckCircleFilled /> {t('enterpriseForm.checkValid', { code: check.normalized })}
          </Typography.Text>
        ) : failing ? (
          <div data-testid="ef-creditCode-check" data-status={check.status}>
            <Alert
              type="warning"
              showIcon
              message={t('enterpriseForm.checkWarningTitle')}
              description={
                <>
                  <div>{check.reason || t('enterpriseForm.checkNoReason')}</div>
                  <div>{t('enterpriseForm.checkWarningHint')}</div>
                </>
              }
            />
          </div>
        ) : enterprise.creditCodeNote ? (
          <Typography.Text type="secondary" data-testid="ef-creditCode-note-shown">
            {t('profile.creditCodeKeptWithNote', { note: enterprise.creditCodeNote })}
          </Typography.Text>
        ) : undefined
      }
    >
      <Space direction="vertical" className="full-width">
        <Space.Compact className="full-width">
          <Input
            data-testid="ef-creditCode"
            value={value}
            placeholder={t('enterpriseForm.creditCodePlaceholder')}
            onChange={(e) => {
              setCode(e.target.value);
              setCheck(null);
            }}
            onBlur={() => void runCheck(value)}
          />
          <Button type="primary" disabled={!changed} loading={saving} data-testid="ef-creditCode-save" onClick={() => void save()}>
            {t('enterpriseForm.save')}
          </Button>
        </Space.Compact>
        {(failing || enterprise.creditCodeNote) && (
          <Form.Item
            label={t('enterpriseForm.note')}
            validateStatus={noteError ? 'error' : undefined}
            help={noteError}
            className="nested-item"
          >
            <Input.TextArea
              data-testid="ef-creditCode-note"
              value={noteValue}
              autoSize={{ minRows: 1 }}
              placeholder={t('enterpriseForm.notePlaceholder')}
              onChange={(e) => setNote(e.target.value)}
            />
          </Form.Item>
        )}
      </Space>
    </Form.Item>
  );
}
