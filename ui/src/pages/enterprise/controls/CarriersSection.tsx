import { useMemo } from 'react';
import { Card, Divider, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Carrier, RegisterRow } from '../../../services';
import { DeleteButton } from '../../../components/register';
import AddCarrierForm from './AddCarrierForm';
import { testProps } from './shared';

type Props = {
  enterpriseId: string;
  carriers: Carrier[];
  /** The carrier kinds the core accepts. */
  kinds: string[];
  points: RegisterRow[];
  onAdded: (carrier: Carrier) => void;
  /** Deletes a carrier the user confirmed; the confirmation waits for the promise. */
  onDelete: (carrier: Carrier) => Promise<void>;
};

/** How many codes a row shows before "+n". */
const CODES_SHOWN = 2;

/** The carriers register: what carries each secret, which decides the checklist. */
export default function CarriersSection({ enterpriseId, carriers, kinds, points, onAdded, onDelete }: Props) {
  const { t } = useTranslation();
  const codes = useMemo(() => new Map(points.map((p) => [p.id, p.code])), [points]);

  const columns: TableColumnsType<Carrier> = [
    { title: t('controls.carriers.name'), dataIndex: 'name', key: 'name', ellipsis: true },
    { title: t('controls.carriers.kind'), dataIndex: 'kind', key: 'kind', width: 120, ellipsis: true },
    { title: t('controls.carriers.location'), dataIndex: 'location', key: 'location', width: 120, ellipsis: true },
    { title: t('controls.carriers.custodian'), dataIndex: 'custodian', key: 'custodian', width: 90, ellipsis: true },
    {
      title: t('controls.carriers.marked'),
      key: 'marked',
      // "Not marked" in English.
      width: 104,
      render: (_: unknown, c) =>
        c.marked ? (
          <Tag color="green" data-testid="carrier-marked">
            {t('controls.carriers.markedYes')}
          </Tag>
        ) : (
          <Tag color="warning" data-testid="carrier-unmarked">
            {t('controls.carriers.markedNo')}
          </Tag>
        ),
    },
    {
      title: t('controls.carriers.points'),
      key: 'points',
      width: 190,
      render: (_: unknown, c) => {
        if (c.pointIds.length === 0) return <Typography.Text type="secondary">{t('controls.carriers.pointsNone')}</Typography.Text>;
        const all = c.pointIds.map((id) => codes.get(id) ?? String(id));
        const rest = all.length - CODES_SHOWN;
        return (
          <span data-testid="carrier-points" style={{ display: 'block', whiteSpace: 'nowrap', overflow: 'hidden' }}>
            {all.slice(0, CODES_SHOWN).map((code) => (
              <Tag key={code} style={{ marginInlineEnd: 4 }}>
                {code}
              </Tag>
            ))}
            {rest > 0 && (
              <Tooltip title={all.join(t('common.listSeparator'))}>
                <Tag>{t('controls.coverage.more', { count: rest })}</Tag>
              </Tooltip>
            )}
          </span>
        );
      },
    },
    {
      title: t('controls.carriers.actions'),
      key: 'actions',
      width: 80,
      onHeaderCell: () => ({ style: { whiteSpace: 'nowrap' } }),
      render: (_: unknown, c) => (
        <DeleteButton
          testId="carrier-delete"
          title={t('controls.carriers.deleteConfirm', { name: c.name })}
          label={t('controls.carriers.delete')}
          onConfirm={() => onDelete(c)}
        />
      ),
    },
  ];

  return (
    <Card size="small" title={t('controls.carriers.title')} data-testid="carriers">
      <Typography.Paragraph type="secondary">{t('controls.carriers.intro')}</Typography.Paragraph>
      <Table<Carrier>
        size="small"
        rowKey="id"
        columns={columns}
        dataSource={carriers}
        pagination={false}
        locale={{ emptyText: t('controls.carriers.empty') }}
        onRow={(c) => testProps({ 'data-testid': 'carrier-row', 'data-id': c.id })}
      />
      <Divider style={{ margin: '12px 0' }} />
      <AddCarrierForm enterpriseId={enterpriseId} kinds={kinds} points={points} onAdded={onAdded} />
    </Card>
  );
}
