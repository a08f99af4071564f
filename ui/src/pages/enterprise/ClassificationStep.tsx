import { useEffect, useMemo, useState } from 'react';
import { Card, Select, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import {
  enumKey,
  listPeople,
  pointChoices,
  STATUSES,
  type Person,
  toRegisterRow,
  type RegisterRow,
  type SecretPoint,
  type Status,
} from '../../services';
import CriteriaPanel from '../../components/CriteriaPanel';
import ClassifyDrawer from './classification/ClassifyDrawer';
import LevelScheme from './classification/LevelScheme';

type Props = {
  enterpriseId: string;
  levels: string[];
  points: RegisterRow[];
  setPoints: (update: (list: RegisterRow[]) => RegisterRow[]) => void;
  onLevels: (levels: string[]) => void;
  onChanged?: () => void;
};

const STATUS_COLOR: Record<Status, string> = {
  proposed: 'gold',
  classified: 'green',
  under_review: 'blue',
  changed: 'cyan',
  declassified: 'default',
  disclosed: 'red',
};

/** Step "classification": the level scheme, then every secret point's level, term, access list and approvals. */
export default function ClassificationStep({ enterpriseId, levels, points, setPoints, onLevels, onChanged }: Props) {
  const { t } = useTranslation();
  const [status, setStatus] = useState<Status | undefined>(undefined);
  const [open, setOpen] = useState<RegisterRow | null>(null);
  const [people, setPeople] = useState<Person[]>([]);
  const [termWords, setTermWords] = useState<string[]>([]);

  useEffect(() => {
    listPeople(enterpriseId).then(setPeople, () => setPeople([]));
    pointChoices(enterpriseId).then((c) => setTermWords(c.termWords), () => setTermWords([]));
  }, [enterpriseId]);

  const shown = useMemo(() => (status ? points.filter((p) => p.status === status) : points), [points, status]);
  const proposed = points.filter((p) => p.status === 'proposed').length;

  const columns: TableColumnsType<RegisterRow> = [
    {
      title: t('enterprise.colCode'),
      dataIndex: 'code',
      width: 150,
      render: (code: string, row) => (
        <Typography.Link data-testid="classify-open" onClick={() => setOpen(row)}>
          {code}
        </Typography.Link>
      ),
    },
    { title: t('enterprise.colName'), dataIndex: 'name', ellipsis: true },
    { title: t('classification.level'), dataIndex: 'level', width: 110 },
    { title: t('classification.term'), dataIndex: 'term', width: 110, render: (v: string | null) => v ?? '—' },
    {
      title: t('classification.status'),
      dataIndex: 'status',
      width: 150,
      render: (s: Status) => (
        <Tag color={STATUS_COLOR[s]} data-testid="classify-row-status" data-status={s}>
          {t(enumKey('status', s))}
        </Tag>
      ),
    },
  ];

  function saved(point: SecretPoint) {
    const p = toRegisterRow(point);
    setPoints((list) => list.map((x) => (x.id === p.id ? p : x)));
    setOpen(p);
    onChanged?.();
  }

  return (
    <Space direction="vertical" size="middle" className="full-width" data-testid="classification">
      <Typography.Paragraph type="secondary">{t('classification.intro')}</Typography.Paragraph>
      <LevelScheme enterpriseId={enterpriseId} levels={levels} onSaved={onLevels} />
      <Card
        size="small"
        title={t('classification.pointsTitle')}
        extra={
          <Typography.Text type={proposed > 0 ? 'warning' : 'secondary'} data-testid="classify-proposed">
            {t('classification.proposedCount', { count: proposed, total: points.length })}
          </Typography.Text>
        }
      >
        <Space className="register-tools">
          <Select
            allowClear
            data-testid="classify-filter-status"
            className="register-filter"
            placeholder={t('classification.status')}
            value={status}
            onChange={(v?: Status) => setStatus(v)}
            options={STATUSES.map((s) => ({ value: s, label: t(enumKey('status', s)) }))}
          />
        </Space>
        <Table<RegisterRow>
          rowKey="id"
          virtual
          size="small"
          scroll={{ y: 420 }}
          columns={columns}
          dataSource={shown}
          pagination={false}
          locale={{ emptyText: t('classification.empty') }}
          onRow={(row) => ({ 'data-testid': 'classify-row', 'data-code': row.code }) as React.HTMLAttributes<HTMLElement>}
        />
      </Card>
      {open && (
        <ClassifyDrawer
          key={open.id}
          point={open}
          levels={levels}
          termWords={termWords}
          people={people}
          onClose={() => setOpen(null)}
          onSaved={saved}
        />
      )}
      <CriteriaPanel enterpriseId={enterpriseId} domainId="D3" onChanged={onChanged} />
    </Space>
  );
}
