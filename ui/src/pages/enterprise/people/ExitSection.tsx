import { useEffect, useState } from 'react';
import { Button, Checkbox, Form, Typography } from 'antd';
import { DeleteOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { deleteExitRecord, exitRecord, localizeError, recordExit, type ExitRecord, type Person } from '../../../services';
import { DateInput, DeleteConfirm, SavedField, today } from '../../../components/register';

type Flag = 'handoverDone' | 'returnConfirmed' | 'reminderLetterSent';
type Field = Flag | 'accessRevokedOn' | 'recordedOn' | 'delete';
type Values = Omit<ExitRecord, 'personId'>;

const FLAGS: Flag[] = ['handoverDone', 'returnConfirmed', 'reminderLetterSent'];

type Props = {
  person: Person;
  onChanged: () => void;
};

/**
 * The exit record of a person who has an exit date. Every change saves the whole record at once
 * (record_exit makes or replaces it); before the first change there is no record, and the record
 * date starts as today.
 */
export default function ExitSection({ person, onChanged }: Props) {
  const { t } = useTranslation();
  // undefined: still loading; null: no record yet.
  const [record, setRecord] = useState<ExitRecord | null | undefined>(undefined);
  const [errors, setErrors] = useState<Partial<Record<Field | 'load', string>>>({});

  useEffect(() => {
    let live = true;
    setRecord(undefined);
    exitRecord(person.id)
      .then((r) => live && setRecord(r))
      .catch((e: unknown) => {
        if (!live) return;
        setRecord(null);
        setErrors({ load: localizeError(e) });
      });
    return () => {
      live = false;
    };
  }, [person.id, person.exitDate]);

  if (record === undefined) return null;
  const current: Values = record ?? {
    handoverDone: false,
    returnConfirmed: false,
    accessRevokedOn: null,
    reminderLetterSent: false,
    recordedOn: today(),
  };

  async function change(field: Field, patch: Partial<Values>) {
    const next = { ...current, ...patch };
    try {
      setRecord(await recordExit({ personId: person.id, ...next }));
      setErrors({});
      onChanged();
    } catch (e) {
      setErrors({ [field]: localizeError(e) });
    }
  }

  async function remove() {
    try {
      await deleteExitRecord(person.id);
      setRecord(null);
      setErrors({});
      onChanged();
    } catch (e) {
      setErrors({ delete: localizeError(e) });
    }
  }

  const item = (field: Field, label: string, control: React.ReactNode) => (
    <SavedField label={label} error={errors[field]}>
      {control}
    </SavedField>
  );

  return (
    <div data-testid="exit-record" data-recorded={record ? 'true' : 'false'}>
      <Typography.Paragraph type="secondary">{t(record ? 'people.exit.intro' : 'people.exit.notYet')}</Typography.Paragraph>
      {errors.load && <Typography.Paragraph type="danger">{errors.load}</Typography.Paragraph>}
      <Form layout="vertical">
        {FLAGS.map((flag) => (
          <Form.Item key={flag} validateStatus={errors[flag] ? 'error' : undefined} help={errors[flag]} style={{ marginBottom: 8 }}>
            <Checkbox
              data-testid={`exit-${flag}`}
              checked={current[flag]}
              onChange={(e) => void change(flag, { [flag]: e.target.checked })}
            >
              {t(`people.exit.${flag}`)}
            </Checkbox>
          </Form.Item>
        ))}
        {item(
          'accessRevokedOn',
          t('people.exit.accessRevokedOn'),
          <DateInput
            testId="exit-accessRevokedOn"
            value={current.accessRevokedOn}
            onChange={(v) => void change('accessRevokedOn', { accessRevokedOn: v || null })}
          />,
        )}
        {item(
          'recordedOn',
          t('people.exit.recordedOn'),
          <DateInput
            testId="exit-recordedOn"
            allowClear={false}
            value={current.recordedOn}
            onChange={(v) => void change('recordedOn', { recordedOn: v })}
          />,
        )}
      </Form>
      {record && (
        <DeleteConfirm testId="exit-delete" title={t('people.exit.deleteConfirm')} label={t('people.exit.delete')} onConfirm={remove}>
          <Button size="small" danger icon={<DeleteOutlined />} data-testid="exit-delete">
            {t('people.exit.delete')}
          </Button>
        </DeleteConfirm>
      )}
      {errors.delete && (
        <Typography.Paragraph type="danger" data-testid="exit-delete-error">
          {errors.delete}
        </Typography.Paragraph>
      )}
    </div>
  );
}
