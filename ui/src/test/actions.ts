// What a user does in the register screens, as the component tests drive them: one helper per
// gesture, shared so that every test types a date or picks an option the same way.
import { screen, within } from '@testing-library/react';
import type { UserEvent } from '@testing-library/user-event';

/** Types a date into an antd DatePicker (found by its input's test id) and confirms it, as a user with a keyboard would. */
export async function typeDate(user: UserEvent, testId: string, value: string) {
  const input = screen.getByTestId(testId);
  await user.click(input);
  await user.clear(input);
  await user.type(input, `${value}{Enter}`);
}

/** Opens a TestIdSelect and clicks the option with the given index, as an E2E test would. */
export async function choose(user: UserEvent, testId: string, index: number) {
  await user.click(within(screen.getByTestId(testId)).getByRole('combobox'));
  await user.click(await screen.findByTestId(`${testId}-option-${index}`));
}

/** The antd form item around an element: where a refusal is shown. */
export const formItemOf = (el: HTMLElement) => el.closest('.ant-form-item') as HTMLElement;
