// Deleting a record only after asking (DeleteConfirm around any button, DeleteButton as a small
// icon) and the edit-and-delete actions of a register's table row (RowActions), with the test ids
// end-to-end tests click: `<prefix>-edit`, `<prefix>-delete`, `<prefix>-delete-confirm`.
import { Button, Popconfirm, Space, Tooltip } from 'antd';
import { DeleteOutlined, EditOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { testProps } from './testProps';

type ConfirmProps = {
  /** The delete button's test id; the confirming button's is `${testId}-confirm`. */
  testId: string;
  /** The question asked. */
  title: string;
  /** The word on the confirming button (and the icon button's label): the screen's "delete". */
  label: string;
  /** Deletes; when it returns a promise the confirming button spins until it settles. */
  onConfirm: () => unknown;
};

/**
 * Deleting a record after asking: a Popconfirm whose danger button (`${testId}-confirm`) runs
 * `onConfirm`, around `children` (the button that opens it).
 */
export function DeleteConfirm({ testId, title, label, onConfirm, children }: ConfirmProps & { children: React.ReactNode }) {
  const { t } = useTranslation();
  return (
    <Popconfirm
      title={title}
      okText={label}
      cancelText={t('common.cancel')}
      okButtonProps={{ danger: true, ...testProps({ 'data-testid': `${testId}-confirm` }) }}
      onConfirm={onConfirm}
    >
      {children}
    </Popconfirm>
  );
}

/** A small delete icon button that asks first (see DeleteConfirm). */
export function DeleteButton(props: ConfirmProps) {
  return (
    <DeleteConfirm {...props}>
      <Button type="text" size="small" danger icon={<DeleteOutlined />} aria-label={props.label} data-testid={props.testId} />
    </DeleteConfirm>
  );
}

/**
 * The actions of a register's table row: edit (opens the record's drawer) and delete (asks first).
 * The buttons are `${testId}-edit`, `${testId}-delete` and `${testId}-delete-confirm`.
 */
export function RowActions({
  testId,
  editLabel,
  deleteLabel,
  confirm,
  onEdit,
  onDelete,
}: {
  testId: string;
  editLabel: string;
  deleteLabel: string;
  /** The question asked before deleting. */
  confirm: string;
  onEdit: () => void;
  onDelete: () => unknown;
}) {
  return (
    <Space size={0}>
      <Tooltip title={editLabel}>
        <Button type="text" size="small" icon={<EditOutlined />} aria-label={editLabel} data-testid={`${testId}-edit`} onClick={onEdit} />
      </Tooltip>
      <DeleteButton testId={`${testId}-delete`} title={confirm} label={deleteLabel} onConfirm={onDelete} />
    </Space>
  );
}
