// The edit drawer of a register record whose fields save themselves one at a time: the drawer
// (EditDrawer) and the item of a field that is not free text (SavedField), whose refusal is shown
// beside it. useFieldSaves keeps the state both show.
import { Drawer, Form, Typography } from 'antd';
import { SaveIndicator, type SaveState } from '../AutosaveField';

type Props = {
  /** The register's test-id prefix: the drawer's content is `${testId}-drawer`, its save state `${testId}-save-state`. */
  testId: string;
  /** The record's id, as the content's data-id. */
  id: number;
  title: React.ReactNode;
  width: number;
  /** The line above the fields, saying that they save themselves. */
  intro: string;
  state: SaveState;
  onClose: () => void;
  children: React.ReactNode;
};

/**
 * The drawer that edits one record of a register, each field saving itself as soon as it changes
 * (text after a pause, see AutosaveField; the rest at once, see useFieldSaves): the save state in
 * its header, a line saying so, and the fields in a vertical form. It is shown while a record is
 * being edited and removed when closed.
 */
export default function EditDrawer({ testId, id, title, width, intro, state, onClose, children }: Props) {
  return (
    <Drawer open width={width} title={title} onClose={onClose} extra={<SaveIndicator state={state} testId={`${testId}-save-state`} />}>
      <div data-testid={`${testId}-drawer`} data-id={id}>
        <Typography.Paragraph type="secondary">{intro}</Typography.Paragraph>
        <Form layout="vertical">{children}</Form>
      </div>
    </Drawer>
  );
}

/** A field of such a form other than free text (a select, a switch, a date): its label and, beside it, its refusal. */
export function SavedField({
  label,
  error,
  required,
  children,
}: {
  label: React.ReactNode;
  /** The field's refusal (useFieldSaves' errors[field]), shown beside it. */
  error?: string;
  required?: boolean;
  children: React.ReactNode;
}) {
  return (
    <Form.Item label={label} required={required} validateStatus={error ? 'error' : undefined} help={error}>
      {children}
    </Form.Item>
  );
}
