import { useEffect, useRef, useState } from 'react';
import { Form, Input } from 'antd';
import { CheckCircleOutlined, LoadingOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { localizeError } from '../services';
import HelpTip from './HelpTip';

/** How long typing may pause before a text field saves itself. */
export const PAUSE_MS = 800;

export type SaveState = 'idle' | 'saving' | 'saved';

type Props = {
  label: string;
  /** The value as stored; the field shows it until the user types. */
  stored: string;
  /** Save a new value (one transaction in Rust); rejects with the reason when refused. */
  onSave: (value: string) => Promise<void>;
  onState?: (state: SaveState) => void;
  testId: string;
  area?: boolean;
  placeholder?: string;
  help?: string;
};

/**
 * A text field that saves itself after a short pause in typing or when it is left, never per
 * keystroke. A refused value is explained beside the field and stays there to be corrected.
 */
export default function AutosaveField({ label, stored, onSave, onState, testId, area, placeholder, help }: Props) {
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const timer = useRef<number | undefined>(undefined);
  // A value typed but not yet saved (its pause still running), and the latest onSave.
  const pending = useRef<string | null>(null);
  const saveLatest = useRef(onSave);
  saveLatest.current = onSave;

  // Nothing typed is lost: when the field goes away (a drawer closes, a step changes) or the page
  // is being hidden or unloaded (the window closes), a value still waiting for its pause is saved
  // at once.
  useEffect(() => {
    const flush = () => {
      window.clearTimeout(timer.current);
      const value = pending.current;
      pending.current = null;
      if (value !== null) saveLatest.current(value).catch(() => undefined);
    };
    window.addEventListener('pagehide', flush);
    return () => {
      window.removeEventListener('pagehide', flush);
      flush();
    };
  }, []);

  async function save(value: string) {
    window.clearTimeout(timer.current);
    pending.current = null;
    onState?.('saving');
    try {
      await onSave(value);
      setDraft(null);
      setError(null);
      onState?.('saved');
    } catch (e) {
      setError(localizeError(e));
      onState?.('idle');
    }
  }

  const change = (v: string) => {
    setDraft(v);
    pending.current = v;
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => void save(v), PAUSE_MS);
  };
  const common = {
    value: draft ?? stored,
    placeholder,
    'data-testid': testId,
    onBlur: () => {
      if (draft !== null && draft !== stored) void save(draft);
    },
  };
  return (
    <Form.Item
      label={help ? <span>{label}<HelpTip text={help} testId={`help-${testId}`} /></span> : label}
      validateStatus={error ? 'error' : undefined}
      help={error}
    >
      {area ? (
        <Input.TextArea {...common} autoSize={{ minRows: 2, maxRows: 6 }} onChange={(e) => change(e.target.value)} />
      ) : (
        <Input {...common} onChange={(e) => change(e.target.value)} />
      )}
    </Form.Item>
  );
}

/** The visible saved state of a form that saves itself: saving, or saved. */
export function SaveIndicator({ state, testId }: { state: SaveState; testId: string }) {
  const { t } = useTranslation();
  return (
    <span className="save-state" data-testid={testId} data-state={state}>
      {state === 'saving' && (
        <>
          <LoadingOutlined /> {t('point.saving')}
        </>
      )}
      {state === 'saved' && (
        <>
          <CheckCircleOutlined /> {t('point.saved')}
        </>
      )}
    </span>
  );
}
