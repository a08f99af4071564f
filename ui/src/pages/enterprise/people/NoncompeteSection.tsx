import { useEffect, useState } from 'react';
import { Alert, App as AntApp, Button, Card, Col, Form, Input, InputNumber, Row, Space, Tag, Typography } from 'antd';
import { CloseOutlined, PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import {
  addNoncompete,
  addNoncompetePayment,
  deleteNoncompete,
  deleteNoncompetePayment,
  listNoncompetes,
  localizeError,
  type Noncompete,
  type NoncompetePayment,
  type Person,
} from '../../../services';
import { DateInput, DeleteButton, DeleteConfirm, FormDate, toDay, today, useAddForm } from '../../../components/register';

type Values = { startsOn?: Dayjs | null; endsOn?: Dayjs | null; monthlyCompensation?: number | null; scope?: string };

type Props = {
  person: Person;
  enterpriseId: string;
  onChanged: () => void;
  /** This person's non-competes, once read and after every change (never while unknown). */
  onList?: (list: Noncompete[]) => void;
};

/** The non-competes of one person, with the monthly compensation paid for each. */
export default function NoncompeteSection({ person, enterpriseId, onChanged, onList }: Props) {
  const { t } = useTranslation();
  const [list, setList] = useState<Noncompete[]>([]);
  const [loaded, setLoaded] = useState(false);
  // A term over the legal maximum is the end date's refusal; reading and deleting fail into the same place as adding.
  const { form, saving, error, setError, submit } = useAddForm<Values>({ NONCOMPETE_TOO_LONG: 'endsOn' });

  useEffect(() => {
    let live = true;
    listNoncompetes(enterpriseId)
      .then((all) => {
        if (!live) return;
        setList(all.filter((n) => n.personId === person.id));
        setLoaded(true);
      })
      .catch((e: unknown) => live && setError(localizeError(e)));
    return () => {
      live = false;
    };
  }, [enterpriseId, person.id, setError]);

  useEffect(() => {
    if (loaded) onList?.(list);
  }, [loaded, list, onList]);

  const add = (v: Values) =>
    submit(async () => {
      const added = await addNoncompete({
        personId: person.id,
        startsOn: toDay(v.startsOn) ?? '',
        endsOn: toDay(v.endsOn) ?? '',
        monthlyCompensation: v.monthlyCompensation ?? 0,
        scope: (v.scope ?? '').trim(),
      });
      setList((l) => [...l, added]);
      form.resetFields();
      onChanged();
    });

  async function remove(id: number) {
    setError(null);
    try {
      await deleteNoncompete(id);
      setList((l) => l.filter((n) => n.id !== id));
      onChanged();
    } catch (e) {
      setError(localizeError(e));
    }
  }

  const replace = (n: Noncompete) => setList((l) => l.map((x) => (x.id === n.id ? n : x)));

  return (
    <div data-testid="noncompetes">
      {person.noncompeteEligibility === 'not_eligible' && (
        <Typography.Paragraph type="secondary" data-testid="noncompete-ineligible-note">
          {t('people.nc.ineligibleNote')}
        </Typography.Paragraph>
      )}
      <Space direction="vertical" className="full-width">
        {list.map((n) => (
          <NoncompeteCard key={n.id} noncompete={n} onPaid={(x) => { replace(x); onChanged(); }} onDelete={() => void remove(n.id)} />
        ))}
      </Space>
      <Form<Values>
        form={form}
        name={`add-noncompete-${person.id}`}
        layout="vertical"
        style={{ marginTop: 12 }}
        onFinish={(v) => void add(v)}
      >
        <Row gutter={12}>
          <Col span={8}>
            <Form.Item name="startsOn" label={t('people.nc.startsOn')} rules={[{ required: true, message: t('people.nc.startsOnRequired') }]}>
              <FormDate testId="noncompete-add-startsOn" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item
              name="endsOn"
              label={t('people.nc.endsOn')}
              tooltip={t('people.nc.endsOnHelp')}
              rules={[{ required: true, message: t('people.nc.endsOnRequired') }]}
            >
              <FormDate testId="noncompete-add-endsOn" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item
              name="monthlyCompensation"
              label={t('people.nc.compensation')}
              rules={[{ required: true, message: t('people.nc.compensationRequired') }]}
            >
              <InputNumber data-testid="noncompete-add-compensation" min={1} precision={0} className="full-width" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="scope" label={t('people.nc.scope')}>
          <Input data-testid="noncompete-add-scope" maxLength={200} placeholder={t('people.nc.scopePlaceholder')} />
        </Form.Item>
        <Button htmlType="submit" icon={<PlusOutlined />} loading={saving} data-testid="noncompete-add-submit">
          {t('people.nc.add')}
        </Button>
      </Form>
      {error && <Alert type="error" showIcon style={{ marginTop: 12 }} data-testid="noncompete-error" message={error} />}
    </div>
  );
}

type CardProps = {
  noncompete: Noncompete;
  onPaid: (n: Noncompete) => void;
  onDelete: () => void;
};

/** One non-compete: its term, compensation and scope, the months paid, and a way to record a payment. */
function NoncompeteCard({ noncompete: n, onPaid, onDelete }: CardProps) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const [month, setMonth] = useState('');
  const [paidOn, setPaidOn] = useState(today());
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  async function pay() {
    setSaving(true);
    setError(null);
    try {
      const payment = await addNoncompetePayment(n.id, month, paidOn);
      const payments = [...n.payments, payment].sort((a, b) => a.month.localeCompare(b.month));
      onPaid({ ...n, payments });
      setMonth('');
    } catch (e) {
      setError(localizeError(e));
    } finally {
      setSaving(false);
    }
  }

  async function unpay(p: NoncompetePayment) {
    setError(null);
    try {
      await deleteNoncompetePayment(p.id);
      onPaid({ ...n, payments: n.payments.filter((x) => x.id !== p.id) });
      void message.success(t('people.nc.paymentDeleted', { month: p.month }));
    } catch (e) {
      setError(localizeError(e));
    }
  }

  return (
    <Card
      size="small"
      data-testid="noncompete-row"
      data-id={n.id}
      title={t('people.nc.term', { starts: n.startsOn, ends: n.endsOn })}
      extra={<DeleteButton testId="noncompete-delete" title={t('people.nc.deleteConfirm')} label={t('people.delete')} onConfirm={onDelete} />}
    >
      <Typography.Paragraph style={{ marginBottom: 8 }}>
        {t('people.nc.compensationLine', { amount: n.monthlyCompensation })}
        {n.scope && (
          <>
            <br />
            <Typography.Text type="secondary">{t('people.nc.scopeLine', { scope: n.scope })}</Typography.Text>
          </>
        )}
      </Typography.Paragraph>
      <div style={{ marginBottom: 8 }}>
        <Typography.Text type="secondary">{t('people.nc.payments')}</Typography.Text>{' '}
        {n.payments.length === 0 ? (
          <Typography.Text type="secondary">{t('people.nc.noPayments')}</Typography.Text>
        ) : (
          n.payments.map((p) => (
            <Tag key={p.id} data-testid="noncompete-payment" data-month={p.month} title={t('people.nc.paidOnTitle', { date: p.paidOn })}>
              {p.month}
              <DeleteConfirm
                testId={`noncompete-payment-delete-${p.month}`}
                title={t('people.nc.paymentDeleteConfirm', { month: p.month })}
                label={t('people.nc.paymentDelete')}
                onConfirm={() => unpay(p)}
              >
                <CloseOutlined
                  role="button"
                  aria-label={t('people.nc.paymentDeleteLabel', { month: p.month })}
                  data-testid={`noncompete-payment-delete-${p.month}`}
                  style={{ marginLeft: 4, fontSize: 10, cursor: 'pointer' }}
                />
              </DeleteConfirm>
            </Tag>
          ))
        )}
      </div>
      <Form layout="vertical" component="div">
        <Row gutter={8} align="bottom">
          <Col span={8}>
            <Form.Item label={t('people.nc.month')} style={{ marginBottom: 0 }}>
              <DateInput month testId="noncompete-pay-month" value={month} onChange={setMonth} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item label={t('people.nc.paidOn')} style={{ marginBottom: 0 }}>
              <DateInput testId="noncompete-pay-paidOn" allowClear={false} value={paidOn} onChange={setPaidOn} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Button disabled={!month || !paidOn} loading={saving} data-testid="noncompete-pay-submit" onClick={() => void pay()}>
              {t('people.nc.recordPayment')}
            </Button>
          </Col>
        </Row>
      </Form>
      {error && (
        <Typography.Text type="danger" data-testid="noncompete-pay-error">
          {error}
        </Typography.Text>
      )}
    </Card>
  );
}
