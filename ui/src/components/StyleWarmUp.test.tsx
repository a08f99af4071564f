import { describe, expect, it } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import StyleWarmUp from './StyleWarmUp';
import { renderWithProviders } from '../test/render';

const styleText = () => [...document.querySelectorAll('style')].map((s) => s.textContent ?? '').join('\n');

describe('the style warm-up behind the password page', () => {
  it('draws the enterprise pages’ components out of sight after a pause, so that their styles exist before they are needed', async () => {
    renderWithProviders(<StyleWarmUp />);
    // Nothing at first: the password page draws alone.
    expect(document.querySelector('[data-warm-up]')).toBeNull();
    const warm = await waitFor(() => {
      const el = document.querySelector<HTMLElement>('[data-warm-up]');
      expect(el).not.toBeNull();
      return el as HTMLElement;
    });
    // Out of sight and out of reach: hidden, no words, nothing a screen reader or a test query by role finds.
    expect(warm.hidden).toBe(true);
    expect(warm.getAttribute('aria-hidden')).toBe('true');
    expect(warm.textContent?.trim()).toBe('');
    expect(screen.queryAllByRole('table')).toHaveLength(0);
    expect(screen.queryAllByRole('combobox')).toHaveLength(0);
    expect(warm.querySelector('[data-testid]')).toBeNull();
    // The register's table, selects and search have their styles written.
    await waitFor(() => {
      const css = styleText();
      for (const cls of ['.ant-table', '.ant-select', '.ant-input-search', '.ant-steps', '.ant-collapse']) expect(css).toContain(cls);
    });
  });
});
