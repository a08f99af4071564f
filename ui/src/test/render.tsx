import { render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ConfigProvider } from 'antd';
import App, { Providers } from '../App';

/**
 * Animations never finish in jsdom (no transition events), so an opening modal would stay
 * "appearing" and a closing one would never hide. The app's own theme is nested inside this
 * one and inherits `motion: false`.
 */
function NoMotion({ children }: { children: React.ReactNode }) {
  return <ConfigProvider theme={{ token: { motion: false } }}>{children}</ConfigProvider>;
}

/** Renders the whole app and returns a userEvent instance with it. */
export function renderApp() {
  const user = userEvent.setup();
  return {
    user,
    ...render(
      <NoMotion>
        <App />
      </NoMotion>,
    ),
  };
}

/** Renders `ui` inside the app's providers and returns a userEvent instance with it. */
export function renderWithProviders(ui: React.ReactElement) {
  const user = userEvent.setup();
  return {
    user,
    ...render(
      <NoMotion>
        <Providers>{ui}</Providers>
      </NoMotion>,
    ),
  };
}
