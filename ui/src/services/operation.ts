// The long operation running now (hand-over export, register import, bulk letters): how far it
// is, polled while it runs, and the request to stop it (src-tauri/src/commands/operation.rs).
import type { OperationProgress } from './bindings/OperationProgress';
import { call } from './call';

export function operationProgress(): Promise<OperationProgress> {
  return call('operation_progress');
}

/** Ask the running operation to stop: it rejects with CANCELLED, having written nothing. */
export function cancelOperation(): Promise<void> {
  return call('cancel_operation');
}
