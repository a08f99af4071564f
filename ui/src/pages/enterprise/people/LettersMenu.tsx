import { useState } from 'react';
import { Alert, Button, Dropdown, Space, Typography, type MenuProps } from 'antd';
import { DownOutlined, FileWordOutlined, FolderOpenOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useOperation } from '../../../components/OperationProgress';
import { exportLetters, localizeError, openLastExport, type LetterKind } from '../../../services';

/** Every kind of letter, in the order the menus offer them (the order carries no meaning). */
const LETTER_KINDS: LetterKind[] = ['nda', 'entry_pledge', 'access_notice', 'noncompete', 'exit_reminder'];

type Props = {
  enterpriseId: string;
  /** One person's letter, or (null) a page for everyone the kind applies to. */
  personId: number | null;
  /** Whether a kind is offered; every kind when not given. */
  offer?: (kind: LetterKind) => boolean;
  /** The prefix of the test ids: `<prefix>-letters`, `<prefix>-letter-<kind>`, `<prefix>-letter-result` … */
  testId: 'person' | 'people';
  /** The button's text. */
  label: string;
  /** Shown under each kind in the menu (who the kind is written for), when given. */
  scopeOf?: (kind: LetterKind) => string;
  /** Shown beside the button (a help tip). */
  extra?: React.ReactNode;
};

/** The letter last written: which kind, and where it went. */
type Written = { kind: LetterKind; path: string };

/**
 * A dropdown of letters to generate as one Word document. Rust asks where to save it (null is a
 * cancelled dialog) and refuses a kind that does not apply, with the reason; the outcome is shown
 * under the button: the path with a way to open the file, or the refusal.
 */
export default function LettersMenu({ enterpriseId, personId, offer, testId, label, scopeOf, extra }: Props) {
  const { t } = useTranslation();
  const operation = useOperation();
  const [busy, setBusy] = useState(false);
  const [written, setWritten] = useState<Written | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function generate(kind: LetterKind) {
    setBusy(true);
    setError(null);
    try {
      const result = await operation.run(() => exportLetters(enterpriseId, kind, personId));
      if (result !== null) setWritten({ kind, path: result.path });
    } catch (e) {
      setWritten(null);
      setError(localizeError(e));
    } finally {
      setBusy(false);
    }
  }

  async function open() {
    try {
      await openLastExport();
    } catch (e) {
      setError(localizeError(e));
    }
  }

  const kinds = offer ? LETTER_KINDS.filter(offer) : LETTER_KINDS;
  const items: MenuProps['items'] = kinds.map((kind) => ({
    key: kind,
    'data-testid': `${testId}-letter-${kind}`,
    label: scopeOf ? (
      <div>
        <div>{t(`people.letters.kind.${kind}`)}</div>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {scopeOf(kind)}
        </Typography.Text>
      </div>
    ) : (
      t(`people.letters.kind.${kind}`)
    ),
  }));

  const onClick: MenuProps['onClick'] = ({ key }) => {
    const kind = kinds.find((k) => k === key);
    if (kind) void generate(kind);
  };

  return (
    <>
      {operation.element}
      <Space direction="vertical" size="small" className="full-width">
      <Space size={4}>
        <Dropdown menu={{ items, onClick }} trigger={['click']} disabled={busy}>
          <Button icon={<FileWordOutlined />} loading={busy} data-testid={`${testId}-letters`}>
            <Space size={4}>
              {label}
              <DownOutlined />
            </Space>
          </Button>
        </Dropdown>
        {extra}
      </Space>
      {error && <Alert type="error" showIcon data-testid={`${testId}-letter-error`} message={error} />}
      {written && (
        <Alert
          type="success"
          showIcon
          data-testid={`${testId}-letter-result`}
          data-kind={written.kind}
          message={
            <span style={{ wordBreak: 'break-all' }}>
              {t('people.letters.saved', { letter: t(`people.letters.kind.${written.kind}`) })}{' '}
              <Typography.Text code data-testid={`${testId}-letter-path`}>
                {written.path}
              </Typography.Text>
            </span>
          }
          action={
            <Button size="small" icon={<FolderOpenOutlined />} data-testid={`${testId}-letter-open`} onClick={() => void open()}>
              {t('people.letters.open')}
            </Button>
          }
        />
      )}
    </Space>
    </>
  );
}
