import { useRef, useState } from 'react';
import { Alert, App as AntApp, Button, Form, Input, Modal, Typography } from 'antd';
import { CheckCircleFilled, LoadingOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import {
  checkCreditCode,
  createEnterprise,
  hasErrorCode,
  localizeError,
  type CodeCheck,
  type Enterprise,
} from '../../services';

type Props = {
  open: boolean;
  onClose: () => void;
  onCreated: (enterprise: Enterprise) => void;
};

type Values = {
  name?: string;
  creditCode?: string;
  creditCodeNote?: string;
};

/** Whether a check result still describes what is in the field. */
function matches(check: CodeCheck | null, code: string): check is CodeCheck {
  return check !== null && (check.input.trim() === code || check.normalized === code);
}

/**
 * New enterprise form. The credit code is checked on blur; a code that fails the check may still be saved
 * (the business licence decides) but only with a note, which is sent along.
 */
export default function NewEnterpriseModal({ open, onClose, onCreated }: Props) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<Values>();
  const [check, setCheck] = useState<CodeCheck | null>(null);
  const [checking, setChecking] = useState(false);
  const [saving, setSaving] = useState(false);
  // Whether the note is required (and shown). The validator reads the ref: state would be stale
  // inside an async save.
  const [noteNeeded, setNoteNeeded] = useState(false);
  const needsNote = useRef(false);

  function requireNote(required: boolean) {
    needsNote.current = required;
    setNoteNeeded(required);
  }

  function applyCheck(result: CodeCheck | null) {
    requireNote(result !== null && result.status !== 'valid');
    setCheck(result);
  }

  /** Checks the code now in the field, unless the last check already covers it. */
  async function ensureChecked(): Promise<CodeCheck | null> {
    const code = (form.getFieldValue('creditCode') ?? '').trim();
    if (!code) {
      applyCheck(null);
      return null;
    }
    if (matches(check, code)) return check;
    setChecking(true);
    try {
      const result = await checkCreditCode(code);
      // Ignore a late answer for a code the user has since changed.
      if ((form.getFieldValue('creditCode') ?? '').trim() !== code) return null;
      applyCheck(result);
      if (result.status === 'valid' && result.normalized !== code) {
        form.setFieldValue('creditCode', result.normalized);
      }
      return result;
    } catch (error) {
      void message.error(localizeError(error));
      return null;
    } finally {
      setChecking(false);
    }
  }

  function reset() {
    form.resetFields();
    applyCheck(null);
  }

  async function save() {
    const result = await ensureChecked();
    let values: Values;
    try {
      values = await form.validateFields();
    } catch {
      return; // the messages are shown beside the fields
    }
    const code = (values.creditCode ?? '').trim();
    const note = (values.creditCodeNote ?? '').trim();
    setSaving(true);
    try {
      const enterprise = await createEnterprise({
        name: (values.name ?? '').trim(),
        creditCode: code ? (result?.normalized || code) : null,
        creditCodeNote: code && needsNote.current ? note : null,
      });
      reset();
      onCreated(enterprise);
    } catch (error) {
      const text = localizeError(error);
      if (hasErrorCode(error, 'ENTERPRISE_NAME_EMPTY')) {
        form.setFields([{ name: 'name', errors: [text] }]);
      } else if (hasErrorCode(error, 'CREDIT_CODE_NEEDS_NOTE')) {
        requireNote(true);
        form.setFields([{ name: 'creditCodeNote', errors: [text] }]);
      } else {
        void message.error(text);
      }
    } finally {
      setSaving(false);
    }
  }

  const showNote = noteNeeded;

  let checkResult: React.ReactNode = null;
  if (checking) {
    checkResult = (
      <Typography.Text type="secondary" data-testid="code-check-pending">
        <LoadingOutlined /> {t('enterpriseForm.checking')}
      </Typography.Text>
    );
  } else if (check && check.status === 'valid') {
    checkResult = (
      <div data-testid="code-check-result" data-status="valid">
        <Typography.Text type="success">
          <CheckCircleFilled /> {t('enterpriseForm.checkValid', { code: check.normalized })}
        </Typography.Text>
      </div>
    );
  } else if (check) {
    checkResult = (
      <div data-testid="code-check-result" data-status={check.status}>
        <Alert
          type="warning"
          showIcon
          message={t('enterpriseForm.checkWarningTitle')}
          description={
            <>
              <div data-testid="code-check-reason">{check.reason || t('enterpriseForm.checkNoReason')}</div>
              <div>{t('enterpriseForm.checkWarningHint')}</div>
            </>
          }
        />
      </div>
    );
  }

  return (
    <Modal
      open={open}
      title={t('enterpriseForm.title')}
      maskClosable={false}
      onCancel={() => {
        reset();
        onClose();
      }}
      footer={[
        <Button
          key="cancel"
          onClick={() => {
            reset();
            onClose();
          }}
        >
          {t('common.cancel')}
        </Button>,
        <Button key="save" type="primary" data-testid="save-enterprise" loading={saving} onClick={() => void save()}>
          {t('enterpriseForm.save')}
        </Button>,
      ]}
    >
      <Form<Values> form={form} layout="vertical" requiredMark="optional">
        <Form.Item
          name="name"
          label={t('enterpriseForm.name')}
          rules={[{ required: true, whitespace: true, message: t('enterpriseForm.nameRequired') }]}
        >
          <Input data-testid="enterprise-name" placeholder={t('enterpriseForm.namePlaceholder')} maxLength={200} />
        </Form.Item>
        <Form.Item name="creditCode" label={t('enterpriseForm.creditCode')} extra={checkResult}>
          <Input
            data-testid="credit-code"
            placeholder={t('enterpriseForm.creditCodePlaceholder')}
            maxLength={40}
            onChange={() => {
              if (check) applyCheck(null);
            }}
            onBlur={() => void ensureChecked()}
          />
        </Form.Item>
        <Form.Item
          name="creditCodeNote"
          label={t('enterpriseForm.note')}
          hidden={!showNote}
          required={showNote}
          rules={[
            {
              validator: (_, value: string | undefined) =>
                needsNote.current && !(value ?? '').trim()
                  ? Promise.reject(new Error(t('enterpriseForm.noteRequired')))
                  : Promise.resolve(),
            },
          ]}
        >
          <Input.TextArea
            data-testid="credit-code-note"
            rows={3}
            maxLength={500}
            placeholder={t('enterpriseForm.notePlaceholder')}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
