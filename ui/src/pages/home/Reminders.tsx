import { useEffect, useState } from 'react';
import { Card, List, Space, Tag, Typography } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { listReminders, type Reminder } from '../../services';

type Props = {
  /** Opens the enterprise a reminder is about. */
  onOpen: (enterpriseId: string) => void;
};

/**
 * What falls due across every enterprise, soonest first: terms ending, reviews due, non-competes
 * ending, agreements to renew. Hidden when nothing is due (or the list cannot be read: the home
 * page stays usable without it).
 */
export default function Reminders({ onOpen }: Props) {
  const { t } = useTranslation();
  const [items, setItems] = useState<Reminder[]>([]);

  useEffect(() => {
    let live = true;
    listReminders().then(
      (list) => {
        if (live) setItems(list);
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, []);

  if (items.length === 0) return null;
  return (
    <Card
      size="small"
      className="page-alert"
      data-testid="reminders"
      title={
        <Space size={6}>
          <BellOutlined />
          {t('results.reminders.title')}
        </Space>
      }
      styles={{ body: { maxHeight: 220, overflowY: 'auto', paddingBlock: 4 } }}
    >
      <List<Reminder>
        size="small"
        split={false}
        dataSource={items}
        renderItem={(r) => (
          <List.Item
            key={`${r.enterpriseId}-${r.kind}-${r.subject}-${r.due}`}
            style={{ paddingInline: 0, paddingBlock: 4 }}
          >
            <Typography.Link
              data-testid="reminder-row"
              data-kind={r.kind}
              data-enterprise={r.enterpriseId}
              onClick={() => onOpen(r.enterpriseId)}
              style={{ display: 'block', width: '100%' }}
            >
              <Space size={[8, 0]} wrap>
                <strong>{r.enterpriseName}</strong>
                <Typography.Text>{t(`results.reminders.kind.${r.kind}`)}</Typography.Text>
                <Typography.Text code>{r.subject}</Typography.Text>
                <Typography.Text type={r.overdue ? 'danger' : 'secondary'}>{t('results.reminders.due', { date: r.due })}</Typography.Text>
                {r.overdue && (
                  <Tag color="red" data-testid="reminder-overdue">
                    {t('results.reminders.overdue')}
                  </Tag>
                )}
              </Space>
            </Typography.Link>
          </List.Item>
        )}
      />
    </Card>
  );
}
