import { useEffect, useState } from 'react';
import { Alert, Button, Col, Form, Row, Table, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import {
  addAgreement,
  AGREEMENT_KINDS,
  deleteAgreement,
  enumKey,
  listAgreements,
  localizeError,
  type Agreement,
  type AgreementKind,
} from '../../../services';
import TestIdSelect from '../../../components/TestIdSelect';
import { DeleteButton, FormDate, toDay, useAddForm } from '../../../components/register';

type Values = { kind: AgreementKind; signedOn?: Dayjs | null; expiresOn?: Dayjs | null };

/** The label key of each field. */
const LABELS: Record<keyof Values, string> = {
  kind: 'people.agreement.kind',
  signedOn: 'people.agreement.signedOn',
  expiresOn: 'people.agreement.expiresOn',
};

type Props = {
  personId: number;
  /** Called with the person's agreements whenever they are read or changed. */
  onList: (list: Agreement[]) => void;
  onChanged: () => void;
};

/** The confidentiality agreements of one person: list, add, delete. */
export default function AgreementsSection({ personId, onList, onChanged }: Props) {
  const { t } = useTranslation();
  const [list, setList] = useState<Agreement[]>([]);
  // Reading and deleting fail into the same place as adding.
  const { form, saving, error, setError, submit } = useAddForm<Values>();

  const show = (next: Agreement[]) => {
    setList(next);
    onList(next);
  };

  useEffect(() => {
    let live = true;
    listAgreements(personId)
      .then((l) => live && show(l))
      .catch((e: unknown) => live && setError(localizeError(e)));
    return () => {
      live = false;
    };
  }, [personId]); // eslint-disable-line react-hooks/exhaustive-deps

  const add = (v: Values) =>
    submit(async () => {
      const added = await addAgreement({
        personId,
        kind: v.kind,
        signedOn: toDay(v.signedOn) ?? '',
        expiresOn: toDay(v.expiresOn),
      });
      show([...list, added]);
      form.resetFields(['signedOn', 'expiresOn']);
      onChanged();
    });

  async function remove(id: number) {
    setError(null);
    try {
      await deleteAgreement(id);
      show(list.filter((a) => a.id !== id));
      onChanged();
    } catch (e) {
      setError(localizeError(e));
    }
  }

  const columns: TableColumnsType<Agreement> = [
    { title: t(LABELS.kind), dataIndex: 'kind', key: 'kind', ellipsis: true, render: (k: AgreementKind) => t(enumKey('agreementKind', k)) },
    { title: t(LABELS.signedOn), dataIndex: 'signedOn', key: 'signedOn', width: 110 },
    {
      title: t(LABELS.expiresOn),
      dataIndex: 'expiresOn',
      key: 'expiresOn',
      width: 110,
      render: (d: string | null) => d ?? t('people.agreement.noEnd'),
    },
    {
      key: 'delete',
      width: 48,
      render: (_: unknown, a) => (
        <DeleteButton
          testId="agreement-delete"
          title={t('people.agreement.deleteConfirm')}
          label={t('people.delete')}
          onConfirm={() => void remove(a.id)}
        />
      ),
    },
  ];

  return (
    <div data-testid="agreements">
      <Table<Agreement>
        size="small"
        rowKey="id"
        tableLayout="fixed"
        pagination={false}
        columns={columns}
        dataSource={list}
        locale={{ emptyText: t('people.agreement.none') }}
        onRow={(a) => ({ 'data-testid': 'agreement-row', 'data-id': a.id }) as React.HTMLAttributes<HTMLElement>}
      />
      <Form<Values>
        form={form}
        name={`add-agreement-${personId}`}
        layout="vertical"
        style={{ marginTop: 12 }}
        initialValues={{ kind: 'nda' }}
        onFinish={(v) => void add(v)}
      >
        <Row gutter={12}>
          <Col span={8}>
            <Form.Item name="kind" label={t(LABELS.kind)}>
              <TestIdSelect
                testId="agreement-add-kind"
                options={AGREEMENT_KINDS.map((k) => ({ value: k, label: t(enumKey('agreementKind', k)) }))}
              />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item
              name="signedOn"
              label={t(LABELS.signedOn)}
              rules={[{ required: true, message: t('people.agreement.signedOnRequired') }]}
            >
              <FormDate testId="agreement-add-signedOn" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="expiresOn" label={t(LABELS.expiresOn)} tooltip={t('people.agreement.expiresHelp')}>
              <FormDate testId="agreement-add-expiresOn" />
            </Form.Item>
          </Col>
        </Row>
        <Button htmlType="submit" icon={<PlusOutlined />} loading={saving} data-testid="agreement-add-submit">
          {t('people.agreement.add')}
        </Button>
      </Form>
      {error && <Alert type="error" showIcon data-testid="agreement-error" message={error} />}
    </div>
  );
}
