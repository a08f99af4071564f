import { Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import { currentLanguage, setLanguage, type Language } from '../i18n';

/** The Chinese / English switch in the header. */
export default function LanguageSwitch() {
  const { t } = useTranslation();
  const value = currentLanguage();
  return (
    <Segmented<Language>
      data-testid="lang-switch"
      aria-label={t('app.language')}
      size="small"
      value={value}
      onChange={(lng) => void setLanguage(lng)}
      options={[
        { value: 'zh-CN', label: <span data-testid="lang-zh-CN">{t('app.langZh')}</span> },
        { value: 'en', label: <span data-testid="lang-en">{t('app.langEn')}</span> },
      ]}
    />
  );
}
