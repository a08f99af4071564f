import { useEffect, useState } from 'react';
import { Alert, Button, Card, Col, Collapse, Form, Input, Progress, Radio, Row, Select, Space, Spin, Steps, Table, Tag, Typography } from 'antd';

/** How long the password page stays as it is before the warm-up is drawn. */
const WARM_UP_DELAY_MS = 200;

/**
 * One of each component the enterprise pages draw, rendered out of sight (a `hidden` element, no text) while the
 * password page waits for typing. antd writes a component's styles the first time that component is drawn, which
 * costs a large register's first opening about a fifth of a second; done here, it costs the user nothing.
 */
export default function StyleWarmUp() {
  const [shown, setShown] = useState(false);
  useEffect(() => {
    const id = window.setTimeout(() => setShown(true), WARM_UP_DELAY_MS);
    return () => window.clearTimeout(id);
  }, []);
  if (!shown) return null;
  return (
    <div hidden aria-hidden="true" data-warm-up="">
      <Space direction="vertical">
        <Typography.Title level={3} />
        <Typography.Text type="secondary" />
        <Typography.Link />
        <Steps direction="vertical" size="small" current={0} items={[{ title: '', status: 'finish' }, { title: '', status: 'error' }]} />
        <Alert type="info" showIcon message="" />
        <Card size="small" title="" extra={<Tag />}>
          <Input.Search allowClear />
          <Select allowClear options={[]} />
          <Select mode="multiple" allowClear maxTagCount="responsive" options={[]} />
          <Button type="primary" />
          <Table<{ id: number }> rowKey="id" virtual size="small" scroll={{ y: 100 }} columns={[{ dataIndex: 'id', render: () => null }]} dataSource={[{ id: 1 }]} pagination={false} />
        </Card>
        <Form layout="vertical">
          <Row gutter={8}>
            <Col span={12}>
              <Form.Item label="">
                <Input />
              </Form.Item>
            </Col>
          </Row>
        </Form>
        <Collapse items={[{ key: 'a', label: '', children: <Radio.Group options={[]} /> }]} />
        <Progress percent={0} showInfo={false} />
        <Spin />
      </Space>
    </div>
  );
}
