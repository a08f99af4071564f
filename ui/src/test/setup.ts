// Vitest set-up: jsdom shims that antd needs, jest-dom matchers, and a clean slate per test.
import '@testing-library/jest-dom/vitest';
import { afterEach, beforeEach } from 'vitest';
import { cleanup, configure } from '@testing-library/react';
import { clearMocks } from '@tauri-apps/api/mocks';
import { setLanguage } from '../i18n';

// The first render of a file pays for antd's imports; on a busy 2-core machine that exceeds the
// default 1 s of findBy*/waitFor. Waiting longer changes no verdict, only how long a failure takes.
configure({ asyncUtilTimeout: 5000 });

// antd's responsive helpers (Grid, Table) call matchMedia, which jsdom lacks.
Object.defineProperty(window, 'matchMedia', {
  writable: true,
  configurable: true,
  value: (query: string): MediaQueryList =>
    ({
      matches: false,
      media: query,
      onchange: null,
      addListener: () => {},
      removeListener: () => {},
      addEventListener: () => {},
      removeEventListener: () => {},
      dispatchEvent: () => false,
    }) as unknown as MediaQueryList,
});

// jsdom's getComputedStyle throws "Not implemented" for pseudo-elements, which antd asks for
// (scroll-bar measuring in Modal/Table). Ignore the pseudo-element argument.
const originalGetComputedStyle = window.getComputedStyle.bind(window);
window.getComputedStyle = ((element: Element) => originalGetComputedStyle(element)) as typeof window.getComputedStyle;

// jsdom does not implement scrolling.
window.scrollTo = (() => {}) as typeof window.scrollTo;
if (!Element.prototype.scrollTo) Element.prototype.scrollTo = () => {};

beforeEach(async () => {
  window.localStorage.clear();
  await setLanguage('zh-CN');
});

afterEach(() => {
  cleanup();
  clearMocks();
});
