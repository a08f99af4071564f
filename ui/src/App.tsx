import { useCallback, useEffect, useState } from 'react';
import { App as AntApp, Button, ConfigProvider, Layout, Result, Spin, Typography } from 'antd';
// The ES modules: the CommonJS entry (antd/locale/…) loses the date-picker texts in the
// production bundle's interop, leaving "Select date" in the Chinese UI.
import zhCNLocale from 'antd/es/locale/zh_CN';
import enUSLocale from 'antd/es/locale/en_US';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from './i18n';
import { getSettings, localizeError, lock, vaultStatus, type Settings, type VaultStatus } from './services';
import SecurityMenu from './components/SecurityMenu';
import SetupPage from './pages/vault/SetupPage';
import UnlockPage from './pages/vault/UnlockPage';
import StyleWarmUp from './components/StyleWarmUp';
import { useIdleLock } from './hooks/useIdleLock';
import NoticeModal from './components/NoticeModal';
import LanguageSwitch from './components/LanguageSwitch';
import HomePage from './pages/home';
import EnterprisePage from './pages/enterprise';
import StationPage from './pages/station';

export const FONT_FAMILY = '"Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", sans-serif';

/** Where the user is. Kept in state: the app is served from a custom protocol, no URL routing. */
type Route = { page: 'home' } | { page: 'enterprise'; enterpriseId: string } | { page: 'station' };

/** The app once the database is unlocked. `onLocked` runs after locking (by hand or when idle). */
function Shell({ onLocked, onRestored }: { onLocked: () => void; onRestored: () => void }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const [route, setRoute] = useState<Route>({ page: 'home' });
  const [noticeOpen, setNoticeOpen] = useState(false);
  const [settings, setSettings] = useState<Settings | null>(null);

  const lockNow = useCallback(() => {
    lock()
      .catch(() => undefined)
      .finally(onLocked);
  }, [onLocked]);
  useIdleLock(settings?.idleLockMinutes ?? null, lockNow);

  useEffect(() => {
    document.title = t('app.name');
  }, [t]);

  useEffect(() => {
    let cancelled = false;
    getSettings()
      .then((settings) => {
        if (cancelled) return;
        setSettings(settings);
        setNoticeOpen(!settings.noticeAcknowledged);
      })
      .catch((error: unknown) => {
        if (cancelled) return;
        // Without settings we cannot know whether the notice was read: show it.
        setNoticeOpen(true);
        void message.error(localizeError(error));
      });
    return () => {
      cancelled = true;
    };
  }, [message]);

  return (
    <Layout className="app-layout">
      <Layout.Header className="app-header">
        <div className="app-brand">
          <span className="app-name" data-testid="app-title">
            {t('app.name')}
          </span>
          <span className="app-subtitle">{t('app.subtitle')}</span>
        </div>
        <div className="app-header-tools">
          <SecurityMenu settings={settings} onSettings={setSettings} onLock={lockNow} onRestored={onRestored} />
          <LanguageSwitch />
        </div>
      </Layout.Header>
      <Layout.Content className="app-content">
        {route.page === 'home' ? (
          <HomePage
            onOpen={(enterpriseId) => setRoute({ page: 'enterprise', enterpriseId })}
            onStation={() => setRoute({ page: 'station' })}
          />
        ) : route.page === 'station' ? (
          <StationPage onBack={() => setRoute({ page: 'home' })} />
        ) : (
          <EnterprisePage
            key={route.enterpriseId}
            enterpriseId={route.enterpriseId}
            onBack={() => setRoute({ page: 'home' })}
          />
        )}
      </Layout.Content>
      <Layout.Footer className="app-footer">
        <Typography.Text type="secondary">{t('app.footer')}</Typography.Text>
      </Layout.Footer>
      <NoticeModal open={noticeOpen} onAcknowledged={(s) => setNoticeOpen(!s.noticeAcknowledged)} />
    </Layout>
  );
}

/** antd set-up: its locale follows the UI language; `App` gives message/modal their context. */
export function Providers({ children }: { children: React.ReactNode }) {
  // Re-render on language change so that antd's locale follows.
  useTranslation();
  const language = currentLanguage();
  return (
    <ConfigProvider
      locale={language === 'en' ? enUSLocale : zhCNLocale}
      theme={{ token: { fontFamily: FONT_FAMILY, colorPrimary: '#1f5aa6', borderRadius: 4 } }}
    >
      <AntApp>{children}</AntApp>
    </ConfigProvider>
  );
}

/** Before the app: set up the encryption (first start), or unlock. */
function Gate() {
  const { t } = useTranslation();
  const [status, setStatus] = useState<VaultStatus | null>(null);
  const [error, setError] = useState<string | null>(null);
  // A restored backup remounts the app so that every page reads the new data.
  const [generation, setGeneration] = useState(0);

  const load = useCallback(() => {
    setError(null);
    vaultStatus()
      .then(setStatus)
      .catch((e: unknown) => setError(localizeError(e)));
  }, []);
  useEffect(load, [load]);
  const onLocked = useCallback(() => setStatus((s) => s && { ...s, state: 'locked' }), []);

  if (error) {
    return (
      <Result
        status="error"
        title={t('common.loadFailed')}
        subTitle={error}
        extra={<Button onClick={load}>{t('common.retry')}</Button>}
      />
    );
  }
  if (!status) return <Spin className="app-loading" />;
  const open = () => setStatus({ ...status, state: 'open' });
  switch (status.state) {
    case 'new':
    case 'legacy':
      return (
        <>
          <SetupPage status={status} onDone={open} />
          <StyleWarmUp />
        </>
      );
    case 'locked':
      return (
        <>
          <UnlockPage status={status} onUnlocked={open} />
          <StyleWarmUp />
        </>
      );
    default:
      return <Shell key={generation} onLocked={onLocked} onRestored={() => setGeneration((g) => g + 1)} />;
  }
}

/** The whole app. */
export default function App() {
  return (
    <Providers>
      <Gate />
    </Providers>
  );
}
