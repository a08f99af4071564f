// The typed layer over the Tauri commands. This folder is the only importer of @tauri-apps/api
// (a test enforces it). One function per command; arguments are passed in camelCase, as Tauri
// expects. Every rejection is normalised to an AppError (see ./errors).
import type { BackupInfo } from './bindings/BackupInfo';
import type { Category } from './bindings/Category';
import type { CodeCheck } from './bindings/CodeCheck';
import type { Enterprise } from './bindings/Enterprise';
import type { EnterpriseSummary } from './bindings/EnterpriseSummary';
import type { Assessment } from './bindings/Assessment';
import type { EnterpriseOverview } from './bindings/EnterpriseOverview';
import type { NewRoundInput } from './bindings/NewRoundInput';
import type { PointChoices } from './bindings/PointChoices';
import type { PointField } from './bindings/PointField';
import type { PointImportOptions } from './bindings/PointImportOptions';
import type { QuickView } from './bindings/QuickView';
import type { EnterpriseField } from './bindings/EnterpriseField';
import type { ExportResult } from './bindings/ExportResult';
import type { ImportOutcome } from './bindings/ImportOutcome';
import type { NewEnterprise } from './bindings/NewEnterprise';
import type { NewSecretPoint } from './bindings/NewSecretPoint';
import type { RegisterRow } from './bindings/RegisterRow';
import type { SecretPoint } from './bindings/SecretPoint';
import type { Settings } from './bindings/Settings';
import type { UnlockSecret } from './bindings/UnlockSecret';
import type { VaultStatus } from './bindings/VaultStatus';
import { call } from './call';

/** Whether the database is new, an earlier unencrypted one, locked, or open. */
export function vaultStatus(): Promise<VaultStatus> {
  return call('vault_status');
}

/** First start: encrypt with the password; resolves to the recovery key, to show once. */
export function setUpVault(password: string, operator: string): Promise<string> {
  return call('set_up_vault', { password, operator });
}

/** Rust shows the save dialog and writes the recovery key as a one-page PDF (file name and date, never the password); null means cancelled. */
export function saveRecoveryKey(key: string): Promise<string | null> {
  return call('save_recovery_key', { key });
}

export function unlock(secret: UnlockSecret): Promise<void> {
  return call('unlock', { secret });
}

/** Close the database; every data command answers DB_LOCKED until the next unlock. */
export function lock(): Promise<void> {
  return call('lock');
}

export function changePassword(current: UnlockSecret, newPassword: string): Promise<void> {
  return call('change_password', { current, newPassword });
}

/** 0 (too short) to 3 (strong). */
export function passwordStrength(password: string): Promise<number> {
  return call('password_strength', { password });
}

export function setIdleLockMinutes(minutes: number): Promise<Settings> {
  return call('set_idle_lock_minutes', { minutes });
}

/** The backups beside the database, newest first. */
export function listBackups(): Promise<BackupInfo[]> {
  return call('list_backups');
}

export function createBackup(): Promise<BackupInfo> {
  return call('create_backup');
}

/** Replace the database by a backup (checked first) and open it with `secret`. */
export function restoreBackup(name: string, secret: UnlockSecret): Promise<void> {
  return call('restore_backup', { name, secret });
}

/** When the database will not open: the newest backup that does, or null. */
export function newestSoundBackup(secret: UnlockSecret): Promise<BackupInfo | null> {
  return call('newest_sound_backup', { secret });
}

export function getSettings(): Promise<Settings> {
  return call('get_settings');
}

export function acknowledgeNotice(): Promise<Settings> {
  return call('acknowledge_notice');
}

export function listEnterprises(): Promise<EnterpriseSummary[]> {
  return call('list_enterprises');
}

export function checkCreditCode(code: string): Promise<CodeCheck> {
  return call('check_credit_code', { code });
}

export function createEnterprise(input: NewEnterprise): Promise<Enterprise> {
  return call('create_enterprise', { input });
}

/** Adds the fictional demo enterprise (answered, or its first round started and unanswered). */
export function addDemo(answered: boolean): Promise<Enterprise> {
  return call('add_demo', { answered });
}

export function getEnterprise(enterpriseId: string): Promise<Enterprise> {
  return call('get_enterprise', { enterpriseId });
}

/** The enterprise's level names, highest first (core, important, general by default). */
export function listLevels(enterpriseId: string): Promise<string[]> {
  return call('list_levels', { enterpriseId });
}

/** The register as rows (what its table, filters and search need); a whole secret point is read when it is opened. */
export function listRegister(enterpriseId: string): Promise<RegisterRow[]> {
  return call('list_register', { enterpriseId });
}

/** One whole secret point, for its form. */
export function getSecretPoint(pointId: number): Promise<SecretPoint> {
  return call('get_secret_point', { pointId });
}

/** A whole secret point as the register's row, after it was added or saved. */
export function toRegisterRow(p: SecretPoint): RegisterRow {
  const { id, code, name, category, level, status, department, responsible, term, reviewDue, summary } = p;
  return { id, code, name, category, level, status, department, responsible, term, reviewDue, summary };
}

/** A null or empty `code` lets Rust generate one (e.g. MD-2026-001). */
export function addSecretPoint(input: NewSecretPoint): Promise<SecretPoint> {
  return call('add_secret_point', { input });
}

/** Rust shows the save dialog itself; null means the user cancelled it. */
export function exportReport(enterpriseId: string): Promise<ExportResult | null> {
  return call('export_report', { enterpriseId });
}

/**
 * Rust shows the open dialog; null means the user cancelled it. All rows or none are imported.
 * With `again`, the file chosen last is read once more with `options` (no dialog).
 */
export function importPoints(
  enterpriseId: string,
  options?: PointImportOptions,
  again = false,
): Promise<ImportOutcome | null> {
  return call('import_points', { enterpriseId, options: options ?? null, again });
}

/** Save the .xlsx import template where the user chooses; resolves to the path, or null. */
export function saveImportTemplate(): Promise<string | null> {
  return call('save_import_template');
}

/** The home page: every enterprise with its latest round's total, tier and result. */
export function enterpriseOverview(): Promise<EnterpriseOverview[]> {
  return call('enterprise_overview');
}

export function deleteEnterprise(enterpriseId: string): Promise<void> {
  return call('delete_enterprise', { enterpriseId });
}

/** Start the next round from the previous one (which must be closed). */
export function startRound(input: NewRoundInput): Promise<Assessment> {
  return call('start_round', { input });
}

/** The secret-point form's choices: sub-types, channels, paths, kinds, levels and items. */
export function pointChoices(enterpriseId: string): Promise<PointChoices> {
  return call('point_choices', { enterpriseId });
}

/** Autosave one field of a secret point; resolves to the point as stored. */
export function updatePoint(pointId: number, field: PointField, value: string): Promise<SecretPoint> {
  return call('update_point', { pointId, field, value });
}

/** The quick check of the enterprise's latest round. */
export function quickCheck(enterpriseId: string): Promise<QuickView> {
  return call('quick_check', { enterpriseId });
}

/** Answer one quick question; the first answer starts the first round. */
export function answerQuick(enterpriseId: string, questionId: string, answerIndex: number): Promise<QuickView> {
  return call('answer_quick', { enterpriseId, questionId, answerIndex });
}

/** Autosave one field of the enterprise's profile; resolves to the enterprise as stored. */
export function updateEnterprise(enterpriseId: string, field: EnterpriseField, value: string): Promise<Enterprise> {
  return call('update_enterprise', { enterpriseId, field, value });
}

/** Add one secret point per line (one category and level); all lines or none. */
export function bulkAddPoints(enterpriseId: string, names: string, category: Category, level: string): Promise<ImportOutcome> {
  return call('bulk_add_points', { enterpriseId, names, category, level });
}
