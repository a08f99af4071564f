// The typed layer over the commands of the flow's end (src-tauri/src/results.rs): results,
// closing a round, the round's report texts, exporting an edition, and the reminders on home.
import type { Assessment } from './bindings/Assessment';
import type { Edition } from './bindings/Edition';
import type { ExportResult } from './bindings/ExportResult';
import type { ExportWarning } from './bindings/ExportWarning';
import type { LetterKind } from './bindings/LetterKind';
import type { Reminder } from './bindings/Reminder';
import type { ReportFormat } from './bindings/ReportFormat';
import type { ResultsView } from './bindings/ResultsView';
import type { RoundField } from './bindings/RoundField';
import type { Sheet } from './bindings/Sheet';
import { call } from './call';

/** The latest round's score, and the step where each criterion is answered. */
export function resultsView(enterpriseId: string): Promise<ResultsView> {
  return call('results_view', { enterpriseId });
}

/** Close the latest round (refused with ROUND_INCOMPLETE while anything is unassessed or awaits review). */
export function closeRound(enterpriseId: string): Promise<Assessment> {
  return call('close_round', { enterpriseId });
}

/** Autosave one field of a round: base date, filler, reviewer, highlights, next steps. */
export function updateRound(roundId: number, field: RoundField, value: string): Promise<Assessment> {
  return call('update_round', { roundId, field, value });
}

/** Rust shows the save dialog and writes the edition as PDF or Word; null means the user cancelled. */
export function exportEdition(enterpriseId: string, edition: Edition, format: ReportFormat = 'pdf'): Promise<ExportResult | null> {
  return call('export_edition', { enterpriseId, edition, format });
}

/** What to settle before exporting the submission edition, as codes; empty when nothing. */
export function submissionPreflight(enterpriseId: string): Promise<ExportWarning[]> {
  return call('submission_preflight', { enterpriseId });
}

/** Rust shows the save dialog and writes the per-point dossier of one point, or of every core point when `pointId` is null. */
export function exportDossier(enterpriseId: string, pointId: number | null): Promise<ExportResult | null> {
  return call('export_dossier', { enterpriseId, pointId });
}

/** Rust shows the save dialog and writes the registers' Excel workbook (the sheets given, or all); null means cancelled. */
export function exportWorkbook(enterpriseId: string, sheets: Sheet[] | null = null): Promise<ExportResult | null> {
  return call('export_workbook', { enterpriseId, sheets });
}

/** Rust shows the save dialog and writes letters of one kind as one Word document (one person, or all it applies to). */
export function exportLetters(enterpriseId: string, kind: LetterKind, personId: number | null = null): Promise<ExportResult | null> {
  return call('export_letters', { enterpriseId, kind, personId });
}

/** Open the file exported last in this session (PDF, Word or Excel) with the system's application for it. */
export function openLastExport(): Promise<void> {
  return call('open_last_export');
}

/** Every enterprise's reminders as of today, soonest first. */
export function listReminders(): Promise<Reminder[]> {
  return call('list_reminders');
}
