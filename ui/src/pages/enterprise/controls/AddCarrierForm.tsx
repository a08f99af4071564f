import { useMemo, useState } from 'react';
import { Alert, App as AntApp, Button, Col, Form, Input, Row, Switch } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { addCarrier, type Carrier, type RegisterRow } from '../../../services';
import HelpTip from '../../../components/HelpTip';
import TestIdSelect from '../../../components/TestIdSelect';
import { useAddForm } from '../../../components/register';

type Values = {
  name?: string;
  kind?: string;
  location?: string;
  custodian?: string;
  marked?: boolean;
  points?: string[];
};

/** Registers a carrier: name and kind are required; a refused field is explained beside it. */
export default function AddCarrierForm({
  enterpriseId,
  kinds,
  points,
  onAdded,
}: {
  enterpriseId: string;
  kinds: string[];
  points: RegisterRow[];
  onAdded: (carrier: Carrier) => void;
}) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  // A refused field is named by its key (the form's field name); an unknown kind is the kind's.
  const { form, saving, error, submit } = useAddForm<Values>({ CARRIER_KIND_INVALID: 'kind' });

  const add = (v: Values) =>
    submit(async () => {
      const carrier = await addCarrier({
        enterpriseId,
        name: (v.name ?? '').trim(),
        kind: v.kind ?? '',
        location: (v.location ?? '').trim(),
        custodian: (v.custodian ?? '').trim(),
        marked: v.marked ?? false,
        pointIds: (v.points ?? []).map(Number),
      });
      form.resetFields();
      void message.success(t('controls.carriers.added', { name: carrier.name }));
      onAdded(carrier);
    });

  return (
    <Form<Values>
      form={form}
      name="add-carrier"
      layout="vertical"
      initialValues={{ marked: false, points: [] }}
      onFinish={(v) => void add(v)}
    >
      <Row gutter={12}>
        <Col xs={24} md={12} lg={8}>
          <Form.Item
            name="name"
            label={t('controls.carriers.name')}
            rules={[{ required: true, whitespace: true, message: t('controls.carriers.nameRequired') }]}
          >
            <Input data-testid="carrier-add-name" placeholder={t('controls.carriers.namePlaceholder')} maxLength={200} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12} lg={6}>
          <Form.Item name="kind" label={t('controls.carriers.kind')} rules={[{ required: true, message: t('controls.carriers.kindRequired') }]}>
            <TestIdSelect
              testId="carrier-add-kind"
              placeholder={t('controls.carriers.kindPlaceholder')}
              options={kinds.map((k) => ({ value: k, label: k }))}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={12} lg={5}>
          <Form.Item
            name="location"
            label={
              <span>
                {t('controls.carriers.location')}
                <HelpTip text={t('controls.carriers.locationHelp')} />
              </span>
            }
          >
            <Input data-testid="carrier-add-location" placeholder={t('controls.carriers.locationPlaceholder')} maxLength={200} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12} lg={5}>
          <Form.Item name="custodian" label={t('controls.carriers.custodian')}>
            <Input data-testid="carrier-add-custodian" placeholder={t('controls.carriers.custodianPlaceholder')} maxLength={100} />
          </Form.Item>
        </Col>
        <Col xs={24} md={16} lg={14}>
          <Form.Item name="points" label={t('controls.carriers.points')}>
            <PointSelect points={points} />
          </Form.Item>
        </Col>
        <Col xs={12} md={8} lg={4}>
          <Form.Item
            name="marked"
            valuePropName="checked"
            label={
              <span>
                {t('controls.carriers.marked')}
                <HelpTip text={t('controls.carriers.markedHelp')} />
              </span>
            }
          >
            <Switch data-testid="carrier-add-marked" />
          </Form.Item>
        </Col>
        <Col xs={12} md={24} lg={6}>
          <Form.Item label=" " colon={false}>
            <Button type="primary" htmlType="submit" icon={<PlusOutlined />} loading={saving} data-testid="carrier-add-submit">
              {t('controls.carriers.add')}
            </Button>
          </Form.Item>
        </Col>
      </Row>
      {error && <Alert type="error" showIcon message={error} data-testid="carrier-add-error" />}
    </Form>
  );
}

/** How many secret points the picker lists at once: a register may hold thousands. */
const POINTS_LISTED = 50;

/**
 * Picks secret points by code or name. Only the chosen ones and the first matches of what was
 * typed are offered, so that a register of thousands never fills the list.
 */
function PointSelect({
  points,
  value,
  onChange,
}: {
  points: RegisterRow[];
  value?: string[];
  onChange?: (value: string[]) => void;
}) {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const chosen = useMemo(() => value ?? [], [value]);
  const byId = useMemo(() => new Map(points.map((p) => [String(p.id), p])), [points]);
  const options = useMemo(() => {
    const q = query.trim().toLowerCase();
    const picked = new Set(chosen);
    const label = (p: RegisterRow) => `${p.code} ${p.name}`;
    const matches: RegisterRow[] = [];
    for (const p of points) {
      if (matches.length >= POINTS_LISTED) break;
      if (picked.has(String(p.id))) continue;
      if (!q || p.code.toLowerCase().includes(q) || p.name.toLowerCase().includes(q)) matches.push(p);
    }
    const first = chosen.map((id) => byId.get(id)).filter((p): p is RegisterRow => !!p);
    return [...first, ...matches].map((p) => ({ value: String(p.id), label: label(p) }));
  }, [points, byId, chosen, query]);

  return (
    <TestIdSelect
      testId="carrier-add-points"
      mode="multiple"
      allowClear
      showSearch
      filterOption={false}
      searchValue={query}
      onSearch={setQuery}
      onBlur={() => setQuery('')}
      maxTagCount="responsive"
      placeholder={points.length > POINTS_LISTED ? t('controls.carriers.pointsMore', { count: POINTS_LISTED }) : t('controls.carriers.pointsPlaceholder')}
      // TestIdSelect is typed for one value; in "multiple" mode antd passes a list.
      value={chosen as unknown as string}
      onChange={(v) => onChange?.(v as unknown as string[])}
      options={options}
    />
  );
}
