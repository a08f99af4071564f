// A fake Rust backend for component tests, built on @tauri-apps/api's mockIPC.
import { mockIPC } from '@tauri-apps/api/mocks';
import type { AppError } from '../services';

export type Call = { cmd: string; args: Record<string, unknown> };
type Handler = (args: Record<string, unknown>) => unknown;

/**
 * Installs handlers keyed by command name: a function gets the args, any other value is returned
 * as it is. An unexpected command fails loudly. Returns the log of every call, in order.
 */
export function mockBackend(handlers: Record<string, unknown>): Call[] {
  const calls: Call[] = [];
  mockIPC((cmd, payload) => {
    const args = (payload ?? {}) as Record<string, unknown>;
    calls.push({ cmd, args });
    if (!(cmd in handlers)) throw new Error(`unexpected command in test: ${cmd}`);
    const handler = handlers[cmd];
    return typeof handler === 'function' ? (handler as Handler)(args) : handler;
  });
  return calls;
}

/** The calls of one command. */
export function callsOf(calls: Call[], cmd: string): Call[] {
  return calls.filter((call) => call.cmd === cmd);
}

/** A handler that rejects the way the Tauri shell does: with `{code, message, params}`. */
export function rejectWith(error: AppError): () => Promise<never> {
  return () => Promise.reject(error);
}
