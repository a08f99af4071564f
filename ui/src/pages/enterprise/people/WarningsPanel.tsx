import { Alert, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { PersonWarning } from '../../../services';

/** The steps of an exit record, as the store names them in an exitIncomplete warning. */
const EXIT_STEPS = ['handover', 'return', 'access', 'reminder'];

/** One warning in plain words: the person's name and what is wrong. */
export function warningText(t: TFunction, w: PersonWarning): string {
  const sep = t('common.listSeparator');
  const name = w.personName;
  switch (w.kind) {
    case 'agreementExpired':
    case 'agreementExpiresSoon':
      return t(`people.warning.${w.kind}`, { name, date: w.detail[0] ?? '' });
    case 'exitIncomplete':
      return t('people.warning.exitIncomplete', {
        name,
        steps: w.detail.map((k) => (EXIT_STEPS.includes(k) ? t(`people.exitStep.${k}`) : k)).join(sep),
      });
    case 'noncompeteUnpaid':
      return t('people.warning.noncompeteUnpaid', { name, n: w.detail.length, months: w.detail.join(sep) });
    default:
      return t(`people.warning.${w.kind}`, { name });
  }
}

type Props = {
  warnings: PersonWarning[];
  onOpen: (personId: number) => void;
};

/** The register's warnings as one amber box; each line opens the person it is about. */
export default function WarningsPanel({ warnings, onOpen }: Props) {
  const { t } = useTranslation();
  if (warnings.length === 0) return null;
  return (
    <div data-testid="people-warnings">
      <Alert
        type="warning"
        showIcon
        message={t('people.warningsTitle', { n: warnings.length })}
        description={
          <ul className="people-warning-list" style={{ margin: 0, paddingInlineStart: 20, maxHeight: 220, overflowY: 'auto' }}>
            {warnings.map((w, i) => (
              <li key={`${w.personId}-${w.kind}-${i}`}>
                <Typography.Link
                  data-testid="people-warning"
                  data-kind={w.kind}
                  data-person-id={w.personId}
                  onClick={() => onOpen(w.personId)}
                >
                  {warningText(t, w)}
                </Typography.Link>
              </li>
            ))}
          </ul>
        }
      />
    </div>
  );
}
