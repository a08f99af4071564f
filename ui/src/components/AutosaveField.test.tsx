import { describe, expect, it, vi } from 'vitest';
import { fireEvent, screen } from '@testing-library/react';
import { Form } from 'antd';
import AutosaveField from './AutosaveField';
import { renderWithProviders } from '../test/render';

function field(onSave: (v: string) => Promise<void>) {
  return renderWithProviders(
    <Form>
      <AutosaveField label="name" stored="" testId="f" onSave={onSave} />
    </Form>,
  );
}

describe('AutosaveField', () => {
  it('saves a value still waiting for its pause when the field goes away', async () => {
    const onSave = vi.fn(() => Promise.resolve());
    const { user, unmount } = field(onSave);
    await user.type(screen.getByTestId('f'), 'abc');
    expect(onSave).not.toHaveBeenCalled();
    unmount();
    expect(onSave).toHaveBeenCalledTimes(1);
    expect(onSave).toHaveBeenCalledWith('abc');
  });

  it('saves a pending value when the page is hidden (the window closing)', async () => {
    const onSave = vi.fn(() => Promise.resolve());
    const { user } = field(onSave);
    await user.type(screen.getByTestId('f'), 'xy');
    fireEvent(window, new Event('pagehide'));
    expect(onSave).toHaveBeenCalledWith('xy');
    // Saved once: nothing is left for the pause to save again.
    await new Promise((r) => setTimeout(r, 1000));
    expect(onSave).toHaveBeenCalledTimes(1);
  });

  it('saves nothing on leaving when nothing is pending', async () => {
    const onSave = vi.fn(() => Promise.resolve());
    const { user, unmount } = field(onSave);
    await user.type(screen.getByTestId('f'), 'q');
    await user.tab();
    expect(onSave).toHaveBeenCalledTimes(1);
    unmount();
    expect(onSave).toHaveBeenCalledTimes(1);
  });
});
