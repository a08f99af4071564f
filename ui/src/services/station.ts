// The typed layer over the guidance station's commands (src-tauri/src/commands/station.rs):
// the progress summary an enterprise sends, and the station's import, dashboard, exports
// and shared PostgreSQL database.
import type { Dashboard } from './bindings/Dashboard';
import type { ExportResult } from './bindings/ExportResult';
import type { PullOutcome } from './bindings/PullOutcome';
import type { PushOutcome } from './bindings/PushOutcome';
import type { ReportFormat } from './bindings/ReportFormat';
import type { StationImport } from './bindings/StationImport';
import { call } from './call';

/** The station's name and the shared database's last address (null when never set). */
export interface StationSettings {
  name: string | null;
  pgUrl: string | null;
}

/** Rust shows the save dialog and writes the enterprise's progress summary (.midun-summary); null means cancelled. */
export function exportSummary(enterpriseId: string): Promise<ExportResult | null> {
  return call('export_summary', { enterpriseId });
}

/** Rust shows the open dialog (several files) and imports every summary, or none when one is refused; null means cancelled. */
export function stationImport(): Promise<StationImport | null> {
  return call('station_import');
}

/** Every followed enterprise's latest summary, its trend and domain scores. */
export function stationDashboard(): Promise<Dashboard> {
  return call('station_dashboard');
}

/** Rust shows the save dialog and writes the station workbook (one sheet per view). */
export function stationExportWorkbook(): Promise<ExportResult | null> {
  return call('station_export_workbook');
}

/** Rust shows the save dialog and writes the station progress report as PDF or Word. */
export function stationExportReport(format: ReportFormat = 'pdf'): Promise<ExportResult | null> {
  return call('station_export_report', { format });
}

export function stationSettings(): Promise<StationSettings> {
  return call('station_settings');
}

/** Keep the station's name (trimmed; refused with STATION_NAME_INVALID). */
export function setStationName(name: string): Promise<string> {
  return call('set_station_name', { name });
}

/** Write this station's summaries into the shared PostgreSQL database (idempotent). */
export function stationPush(url: string, ca: string | null = null): Promise<PushOutcome> {
  return call('station_push', { url, ca });
}

/** Read every station's summaries back from the shared database. */
export function stationPull(url: string, ca: string | null = null): Promise<PullOutcome> {
  return call('station_pull', { url, ca });
}
