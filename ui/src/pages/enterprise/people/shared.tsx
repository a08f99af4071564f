// What the personnel register's parts share beyond the register toolkit (components/register).
import { today } from '../../../components/register';

/** True when the person has left by today (an exit date in the future is not yet a departure). */
export function hasLeft(exitDate: string | null): boolean {
  return exitDate !== null && exitDate !== '' && exitDate <= today();
}
