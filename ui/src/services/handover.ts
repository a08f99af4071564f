// The typed layer over the hand-over commands (src-tauri/src/handover.rs): export an enterprise to
// an encrypted .midun file, choose one, and import it.
import type { HandoverExport } from './bindings/HandoverExport';
import type { HandoverImportMode } from './bindings/HandoverImportMode';
import type { HandoverOutcome } from './bindings/HandoverOutcome';
import { call } from './call';

/** Rust checks the passphrase, shows the save dialog and writes the file; null means cancelled. */
export function exportHandover(enterpriseId: string, passphrase: string): Promise<HandoverExport | null> {
  return call('export_handover', { enterpriseId, passphrase });
}

/** Rust shows the open dialog and remembers the file; its name, or null when cancelled. */
export function chooseHandoverFile(): Promise<string | null> {
  return call('choose_handover_file');
}

/**
 * Import the chosen file. 'refuse' fails with ENTERPRISE_EXISTS when the enterprise is already
 * here; then ask, and call again with 'asCopy' or 'replace'.
 */
export function importHandover(passphrase: string, mode: HandoverImportMode): Promise<HandoverOutcome> {
  return call('import_handover', { passphrase, mode });
}
