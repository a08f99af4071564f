import { Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { MIN_PASSWORD_CHARS } from '../../services';
import PasswordStrength from './PasswordStrength';

type Props = {
  /** The current value of the `password` field, for the strength hint. */
  password: string;
  label: string;
  testIds: { password: string; confirm: string };
};

/** A new password (at least the core's MIN_PASSWORD_CHARS characters, with its strength hint) and its repetition. */
export default function NewPasswordFields({ password, label, testIds }: Props) {
  const { t } = useTranslation();
  return (
    <>
      <Form.Item
        name="password"
        label={label}
        extra={<PasswordStrength password={password} />}
        rules={[
          { required: true, message: t('vault.passwordRequired') },
          { min: MIN_PASSWORD_CHARS, message: t('vault.passwordTooShort', { min: MIN_PASSWORD_CHARS }) },
        ]}
      >
        <Input.Password data-testid={testIds.password} autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        name="confirm"
        label={t('vault.confirm')}
        dependencies={['password']}
        rules={[
          { required: true, message: t('vault.confirmRequired') },
          ({ getFieldValue }) => ({
            validator: (_, value) =>
              !value || value === getFieldValue('password') ? Promise.resolve() : Promise.reject(new Error(t('vault.mismatch'))),
          }),
        ]}
      >
        <Input.Password data-testid={testIds.confirm} autoComplete="new-password" />
      </Form.Item>
    </>
  );
}
