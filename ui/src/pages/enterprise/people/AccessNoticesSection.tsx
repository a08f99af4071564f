import { useEffect, useState } from 'react';
import { Alert, Button, Col, Form, Row, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { addAccessNotice, deleteAccessNotice, listAccessNotices, localizeError, type AccessNotice } from '../../../services';
import { DeleteButton, FormDate, testProps, toDay, useAddForm } from '../../../components/register';

type Values = { signedOn?: Dayjs | null };

type Props = {
  personId: number;
  onChanged: () => void;
};

/**
 * The signed access notices of one person: which secret points, by code only, he or she was told are
 * secret, and when it was signed. The core lists the codes the person knows on the day recorded
 * (and refuses a person who knows none); a notice is listed, added and deleted here.
 */
export default function AccessNoticesSection({ personId, onChanged }: Props) {
  const { t } = useTranslation();
  const [list, setList] = useState<AccessNotice[]>([]);
  // Reading and deleting fail into the same place as adding; a refused date shows beside it.
  const { form, saving, error, setError, submit } = useAddForm<Values>();

  useEffect(() => {
    let live = true;
    listAccessNotices(personId)
      .then((l) => live && setList(l))
      .catch((e: unknown) => live && setError(localizeError(e)));
    return () => {
      live = false;
    };
  }, [personId]); // eslint-disable-line react-hooks/exhaustive-deps

  const add = (v: Values) =>
    submit(async () => {
      const added = await addAccessNotice({ personId, signedOn: toDay(v.signedOn) ?? '' });
      setList((l) => [...l, added]);
      form.resetFields();
      onChanged();
    });

  async function remove(id: number) {
    setError(null);
    try {
      await deleteAccessNotice(id);
      setList((l) => l.filter((n) => n.id !== id));
      onChanged();
    } catch (e) {
      setError(localizeError(e));
    }
  }

  const columns: TableColumnsType<AccessNotice> = [
    { title: t('people.notice.signedOn'), dataIndex: 'signedOn', key: 'signedOn', width: 110 },
    {
      title: t('people.notice.codes'),
      key: 'codes',
      render: (_: unknown, n) => (
        <Space size={[4, 4]} wrap data-testid="access-notice-codes">
          {n.codes.map((code) => (
            <Tag key={code} bordered={false}>
              {code}
            </Tag>
          ))}
        </Space>
      ),
    },
    {
      key: 'delete',
      width: 48,
      render: (_: unknown, n) => (
        <DeleteButton
          testId="access-notice-delete"
          title={t('people.notice.deleteConfirm', { date: n.signedOn })}
          label={t('people.delete')}
          onConfirm={() => remove(n.id)}
        />
      ),
    },
  ];

  return (
    <div data-testid="access-notices">
      <Typography.Paragraph type="secondary" data-testid="access-notices-intro">
        {t('people.notice.intro')}
      </Typography.Paragraph>
      <Table<AccessNotice>
        size="small"
        rowKey="id"
        tableLayout="fixed"
        pagination={false}
        columns={columns}
        dataSource={list}
        locale={{ emptyText: t('people.notice.none') }}
        onRow={(n) => testProps({ 'data-testid': 'access-notice-row', 'data-id': n.id })}
      />
      <Form<Values> form={form} name={`add-access-notice-${personId}`} layout="vertical" style={{ marginTop: 12 }} onFinish={(v) => void add(v)}>
        <Row gutter={12} align="bottom">
          <Col span={12}>
            <Form.Item
              name="signedOn"
              label={t('people.notice.signedOn')}
              tooltip={t('people.notice.addHelp')}
              rules={[{ required: true, message: t('people.notice.signedOnRequired') }]}
            >
              <FormDate testId="access-notice-add-signedOn" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item>
              <Button htmlType="submit" icon={<PlusOutlined />} loading={saving} data-testid="access-notice-add-submit">
                {t('people.notice.add')}
              </Button>
            </Form.Item>
          </Col>
        </Row>
      </Form>
      {error && <Alert type="error" showIcon data-testid="access-notice-error" message={error} />}
    </div>
  );
}
