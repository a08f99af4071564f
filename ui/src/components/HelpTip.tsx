import { Tooltip } from 'antd';
import { QuestionCircleOutlined } from '@ant-design/icons';

type Props = {
  text: string;
  testId?: string;
};

/** A small "?" beside a term that explains it in plain words on hover or keyboard focus. */
export default function HelpTip({ text, testId }: Props) {
  return (
    <Tooltip title={text} trigger={['hover', 'focus']} styles={{ root: { maxWidth: 360 } }}>
      <QuestionCircleOutlined className="help-icon" role="img" aria-label={text} tabIndex={0} data-testid={testId} />
    </Tooltip>
  );
}
