// The one place that invokes a Tauri command: every rejection becomes an AppError.
import { invoke } from '@tauri-apps/api/core';
import { toAppError } from './errors';

export async function call<T>(command: string, args: Record<string, unknown> = {}): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (error) {
    throw toAppError(error);
  }
}
