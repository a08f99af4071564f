import { useState } from 'react';
import { Card, Col, Form, Row, Switch, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { localizeError, updateEnterprise, type Enterprise, type EnterpriseField } from '../../services';
import AutosaveField, { SaveIndicator, type SaveState } from '../../components/AutosaveField';
import CreditCodeField from './CreditCodeField';

type Props = { enterprise: Enterprise; onSaved: (e: Enterprise) => void };

const TEXT_FIELDS: [EnterpriseField, boolean][] = [
  ['name', false],
  ['shortName', false],
  ['industry', false],
  ['township', false],
  ['address', false],
  ['legalRepresentative', false],
  ['contact', false],
  ['headcount', false],
  ['keyProducts', true],
];

/** The enterprise's profile (the report's basic information), each field saved by itself. */
export default function ProfileTab({ enterprise, onSaved }: Props) {
  const { t } = useTranslation();
  const [state, setState] = useState<SaveState>('idle');
  const [optInError, setOptInError] = useState<string | null>(null);

  const save = async (field: EnterpriseField, value: string) => {
    onSaved(await updateEnterprise(enterprise.id, field, value));
  };
  const stored = (field: EnterpriseField): string => {
    const v = enterprise[field as keyof Enterprise];
    return v === null || v === undefined ? '' : String(v);
  };

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
          {TEXT_FIELDS.map(([field, area]) => (
            <Col key={field} xs={24} md={area ? 24 : 12}>
              <AutosaveField
                label={t(`profile.${field}`)}
                stored={stored(field)}
                testId={`ef-${field}`}
                area={area}
                onState={setState}
                onSave={(v) => save(field, v)}
              />
            </Col>
          ))}
          <Col xs={24} md={12}>
            <CreditCodeField enterprise={enterprise} onSaved={onSaved} />
          </Col>
        </Row>
        <Form.Item
          label={t('profile.detailOptIn')}
          extra={t('profile.detailOptInHelp')}
          validateStatus={optInError ? 'error' : undefined}
          help={optInError}
        >
          <Switch
            data-testid="ef-detailOptIn"
            checked={enterprise.detailOptIn}
            onChange={(on) =>
              void save('detailOptIn', String(on))
                .then(() => setOptInError(null))
                .catch((e: unknown) => setOptInError(localizeError(e)))
            }
          />
        </Form.Item>
      </Form>
    </Card>
  );
}
