import { useEffect, useState } from 'react';
import { Progress, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { passwordStrength } from '../../services';

const COLORS = ['#cf1322', '#d48806', '#389e0d', '#237804'];

/** The hint under a new password: Rust rates it 0 (too short) to 3 (strong). */
export default function PasswordStrength({ password }: { password: string }) {
  const { t } = useTranslation();
  const [level, setLevel] = useState<number | null>(null);

  useEffect(() => {
    if (!password) {
      setLevel(null);
      return;
    }
    let cancelled = false;
    passwordStrength(password)
      .then((l) => !cancelled && setLevel(l))
      .catch(() => !cancelled && setLevel(null));
    return () => {
      cancelled = true;
    };
  }, [password]);

  if (level === null) return null;
  return (
    <div className="password-strength" data-testid="password-strength" data-level={level}>
      <Progress percent={((level + 1) / 4) * 100} steps={4} showInfo={false} strokeColor={COLORS[level]} size="small" />
      <Typography.Text type="secondary">{t(`vault.strength${level}`)}</Typography.Text>
    </div>
  );
}
