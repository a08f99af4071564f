import { useMemo, useState } from 'react';
import { Button, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ControlException, ControlItem, PointCoverage } from '../../../services';
import ExceptionModal from './ExceptionModal';
import { testProps } from './shared';

type Props = {
  coverage: PointCoverage[];
  controls: ControlItem[];
  exceptions: ControlException[];
  /** Record an exception; rejects with the core's refusal. */
  onExcept: (row: PointCoverage, controlId: string, reason: string) => Promise<void>;
};

/** Above this many rows the table renders only what is in view. */
const VIRTUAL_FROM = 50;
/** How many control ids a cell shows before "+n", so that every row keeps one line. */
const UNCOVERED_SHOWN = 4;
const EXCEPTED_SHOWN = 2;

/** Green only when every required control is in place (a share rounded up to 100.0 is not). */
function percentColor(row: PointCoverage): 'success' | 'warning' | 'danger' {
  if (row.uncovered.length === 0) return 'success';
  return row.inPlace > 0 ? 'warning' : 'danger';
}

/** Control ids as tags, the first few shown and the rest behind "+n". */
function IdTags({
  ids,
  shown,
  color,
  testId,
  more,
  titleOf,
}: {
  ids: string[];
  shown: number;
  color?: string;
  testId: string;
  more: (n: number) => string;
  /** A tooltip for a tag, e.g. the reason of an exception. */
  titleOf?: (id: string) => string | undefined;
}) {
  const rest = ids.length - shown;
  return (
    <span data-testid={testId} style={{ whiteSpace: 'nowrap' }}>
      {ids.slice(0, shown).map((id) => (
        <Tooltip key={id} title={titleOf?.(id)}>
          <Tag color={color} bordered={false} style={{ marginInlineEnd: 4 }}>
            {id}
          </Tag>
        </Tooltip>
      ))}
      {rest > 0 && (
        <Tooltip title={ids.slice(shown).join(' ')}>
          <Tag bordered={false}>{more(rest)}</Tag>
        </Tooltip>
      )}
    </span>
  );
}

/** Per secret point: the controls required, in place, not in place and excepted. */
export default function CoverageTable({ coverage, controls, exceptions, onExcept }: Props) {
  const { t } = useTranslation();
  const [excepting, setExcepting] = useState<PointCoverage | null>(null);
  const more = (n: number) => t('controls.coverage.more', { count: n });
  const virtual = coverage.length > VIRTUAL_FROM;
  const reasons = useMemo(() => new Map(exceptions.map((e) => [`${e.pointId}#${e.controlId}`, e.reason])), [exceptions]);

  const columns: TableColumnsType<PointCoverage> = [
    { title: t('controls.coverage.code'), dataIndex: 'code', key: 'code', width: 110, ellipsis: true },
    { title: t('controls.coverage.level'), dataIndex: 'level', key: 'level', width: 90, ellipsis: true },
    { title: t('controls.coverage.required'), dataIndex: 'required', key: 'required', width: 64, align: 'right' },
    { title: t('controls.coverage.inPlace'), dataIndex: 'inPlace', key: 'inPlace', width: 72, align: 'right' },
    {
      title: t('controls.coverage.percent'),
      key: 'percent',
      width: 80,
      align: 'right',
      render: (_: unknown, row) => {
        // The core computes the share (rounded half up to one decimal): shown as it is, never recomputed.
        return (
          <Typography.Text type={percentColor(row)} data-testid="coverage-percent" data-percent={row.percent}>
            {t('controls.coverage.percentValue', { percent: row.percent.toFixed(1) })}
          </Typography.Text>
        );
      },
    },
    {
      title: t('controls.coverage.uncovered'),
      key: 'uncovered',
      // The tags are clipped at the cell (the "+n" tag lists the rest); the table never widens.
      ellipsis: true,
      render: (_: unknown, row) =>
        row.uncovered.length === 0 ? (
          <Typography.Text type="success" data-testid="coverage-all">
            {t('controls.coverage.allCovered')}
          </Typography.Text>
        ) : (
          <IdTags ids={row.uncovered} shown={UNCOVERED_SHOWN} color="red" testId="coverage-uncovered" more={more} />
        ),
    },
    {
      title: t('controls.coverage.excepted'),
      key: 'excepted',
      width: 130,
      render: (_: unknown, row) =>
      row.excepted.length > 0 ? (
        <IdTags ids={row.excepted} shown={EXCEPTED_SHOWN} testId="coverage-excepted" more={more} titleOf={(id) => reasons.get(`${row.pointId}#${id}`)} />
      ) : null,
    },
    {
      title: t('controls.coverage.actions'),
      key: 'actions',
      // "Exception" in English.
      width: 92,
      render: (_: unknown, row) => (
        <Button type="link" size="small" data-testid="coverage-except" onClick={() => setExcepting(row)}>
          {t('controls.coverage.except')}
        </Button>
      ),
    },
  ];

  return (
    <>
      <Table<PointCoverage>
        size="small"
        rowKey="pointId"
        tableLayout="fixed"
        columns={columns}
        dataSource={coverage}
        pagination={false}
        virtual={virtual}
        scroll={virtual ? { y: 420 } : undefined}
        locale={{ emptyText: t('controls.coverage.empty') }}
        onRow={(row) => testProps({ 'data-testid': 'coverage-row', 'data-code': row.code, 'data-id': row.pointId })}
      />
      {excepting && (
        <ExceptionModal
          row={excepting}
          controls={controls}
          exceptions={exceptions}
          onClose={() => setExcepting(null)}
          onSubmit={async (controlId, reason) => {
            await onExcept(excepting, controlId, reason);
            setExcepting(null);
          }}
        />
      )}
    </>
  );
}
