import { useState } from 'react';
import { Card, Col, Divider, Form, Row, Switch, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { localizeError, updateEnterprise, type Enterprise, type EnterpriseField } from '../../services';
import AutosaveField, { SaveIndicator, type SaveState } from '../../components/AutosaveField';
import CreditCodeField from './CreditCodeField';

type Props = { enterprise: Enterprise; onSaved: (e: Enterprise) => void };

/** A text field of the profile: its field code, whether it is a text area, and whether it has a placeholder text. */
type TextField = { field: EnterpriseField; area?: boolean; placeholder?: boolean };

const TEXT_FIELDS: TextField[] = [
  { field: 'name' },
  { field: 'shortName' },
  { field: 'industry' },
  { field: 'township' },
  { field: 'address' },
  { field: 'legalRepresentative' },
  { field: 'contact' },
  { field: 'headcount' },
  { field: 'keyProducts', area: true },
];

/** What the submission edition needs: whom its cover letter is addressed to, how to reach the enterprise, who leads the work. */
const SUBMISSION_FIELDS: TextField[] = [
  { field: 'reportRecipient', placeholder: true },
  { field: 'contactPhone' },
  { field: 'workLead', placeholder: true },
  { field: 'workOffice', placeholder: true },
  { field: 'leadingGroup', area: true, placeholder: true },
];

/** The profile's yes/no fields; the core takes them as "true" / "false". */
type SwitchField = Extract<EnterpriseField, 'detailOptIn' | 'coverLetter'>;

/** The enterprise's profile (the report's basic information), each field saved by itself. */
export default function ProfileTab({ enterprise, onSaved }: Props) {
  const { t } = useTranslation();
  const [state, setState] = useState<SaveState>('idle');
  const [switchErrors, setSwitchErrors] = useState<Partial<Record<SwitchField, string>>>({});

  const save = async (field: EnterpriseField, value: string) => {
    onSaved(await updateEnterprise(enterprise.id, field, value));
  };
  const stored = (field: EnterpriseField): string => {
    const v = enterprise[field as keyof Enterprise];
    return v === null || v === undefined ? '' : String(v);
  };

  const textField = ({ field, area, placeholder }: TextField) => (
    <Col key={field} xs={24} md={area ? 24 : 12}>
      <AutosaveField
        label={t(`profile.${field}`)}
        stored={stored(field)}
        testId={`ef-${field}`}
        area={area}
        placeholder={placeholder ? t(`profile.${field}Placeholder`) : undefined}
        onState={setState}
        onSave={(v) => save(field, v)}
      />
    </Col>
  );

  const switchField = (field: SwitchField) => (
    <Form.Item
      label={t(`profile.${field}`)}
      extra={t(`profile.${field}Help`)}
      validateStatus={switchErrors[field] ? 'error' : undefined}
      help={switchErrors[field]}
    >
      <Switch
        data-testid={`ef-${field}`}
        checked={enterprise[field]}
        onChange={(on) => {
          setState('saving');
          void save(field, String(on))
            .then(() => {
              setSwitchErrors((e) => ({ ...e, [field]: undefined }));
              setState('saved');
            })
            .catch((e: unknown) => {
              setSwitchErrors((errors) => ({ ...errors, [field]: localizeError(e) }));
              setState('idle');
            });
        }}
      />
    </Form.Item>
  );

  return (
    <Card
      data-testid="profile"
      title={t('profile.title')}
      extra={
        <SaveIndicator state={state} testId="profile-save-state" />
      }
    >
      <Typography.Paragraph type="secondary">{t('profile.intro')}</Typography.Paragraph>
      <Form layout="vertical">
        <Row gutter={16}>
          {TEXT_FIELDS.map(textField)}
          <Col xs={24} md={12}>
            <CreditCodeField enterprise={enterprise} onSaved={onSaved} />
          </Col>
        </Row>
        {switchField('detailOptIn')}

        <div data-testid="profile-submission">
          <Divider orientation="left" style={{ margin: '8px 0 12px' }}>
            {t('profile.submissionTitle')}
          </Divider>
          <Typography.Paragraph type="secondary">{t('profile.submissionIntro')}</Typography.Paragraph>
          <Row gutter={16}>{SUBMISSION_FIELDS.map(textField)}</Row>
          {switchField('coverLetter')}
        </div>
      </Form>
    </Card>
  );
}
