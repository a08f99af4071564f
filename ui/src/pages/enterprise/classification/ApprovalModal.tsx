import { useState } from 'react';
import { DatePicker, Form, Input, Modal, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { enumKey, localizeError, transitionPoint, type RegisterRow, type SecretPoint, type StatusMove } from '../../../services';

type Values = {
  proposingDepartment: string;
  proposer: string;
  approver: string;
  filedBy: string;
  basis: string;
  decidedOn: Dayjs;
  changeSummary?: string;
};

type Props = {
  point: RegisterRow;
  /** The move being approved (it needs an approval). The parent mounts the modal per move. */
  move: StatusMove;
  onClose: () => void;
  onDone: (point: SecretPoint) => void;
};

/** The approval record of a classification, change or declassification: who proposed, who approved, who filed it, on what basis, when. */
export default function ApprovalModal({ point, move, onClose, onDone }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  if (!move.approval) return null;
  const kind = move.approval;

  async function submit(v: Values) {
    setSaving(true);
    try {
      const saved = await transitionPoint(point.id, move.to, {
        proposingDepartment: v.proposingDepartment ?? '',
        proposer: v.proposer ?? '',
        approver: v.approver ?? '',
        filedBy: v.filedBy ?? '',
        basis: v.basis ?? '',
        decidedOn: v.decidedOn ? v.decidedOn.format('YYYY-MM-DD') : '',
        changeSummary: v.changeSummary ?? '',
      });
      onDone(saved);
    } catch (e) {
      setError(localizeError(e));
    } finally {
      setSaving(false);
    }
  }

  const required = (label: string) => [{ required: true, whitespace: true, message: t('classification.required', { field: label }) }];
  const field = (name: keyof Values, label: string, extra?: string) => (
    <Form.Item name={name} label={label} rules={required(label)} extra={extra}>
      <Input data-testid={`approval-${name}`} />
    </Form.Item>
  );

  return (
    <Modal
      open
      title={t('classification.approvalTitle', { kind: t(enumKey('approvalKind', kind)), code: point.code })}
      okText={t('classification.approve', { kind: t(enumKey('approvalKind', kind)) })}
      okButtonProps={{ 'data-testid': 'approval-submit', loading: saving }}
      onOk={() => form.submit()}
      onCancel={onClose}
    >
      <Typography.Paragraph type="secondary">{t('classification.approvalIntro')}</Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ proposingDepartment: point.department, proposer: point.responsible, decidedOn: dayjs() }}
        onFinish={(v) => void submit(v)}
      >
        {field('proposingDepartment', t('classification.proposingDepartment'))}
        {field('proposer', t('classification.proposer'))}
        {field('approver', t('classification.approver'), t('classification.approverHelp'))}
        {field('filedBy', t('classification.filedBy'))}
        <Form.Item name="basis" label={t('classification.basis')} rules={required(t('classification.basis'))} extra={t('classification.basisHelp')}>
          <Input.TextArea data-testid="approval-basis" autoSize={{ minRows: 2 }} />
        </Form.Item>
        <Form.Item
          name="decidedOn"
          label={t('classification.decidedOn')}
          rules={[{ required: true, message: t('classification.required', { field: t('classification.decidedOn') }) }]}
        >
          <DatePicker data-testid="approval-decidedOn" />
        </Form.Item>
        {kind !== 'classify' && (
          <Form.Item name="changeSummary" label={t('classification.changeSummary')} extra={t('classification.changeSummaryHelp')}>
            <Input.TextArea data-testid="approval-changeSummary" autoSize={{ minRows: 2 }} />
          </Form.Item>
        )}
        {error && <Typography.Text type="danger" data-testid="approval-error">{error}</Typography.Text>}
      </Form>
    </Modal>
  );
}
