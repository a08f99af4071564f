//! The vault (set-up, unlock, lock, password), backups and the database settings.

use midun::model::Settings;
use midun::store::backup::BackupInfo;
use midun::store::{backup, VaultState, VaultStatus};
use midun::vault::{KdfParams, UnlockSecret};
use midun::{vault, Store};
use tauri::State;

use crate::{err, path_of, state, with, Db, Reply};

#[tauri::command]
pub fn vault_status(db: State<'_, Db>) -> Reply<VaultStatus> {
    let st = state(&db);
    let path = st.path.clone()?;
    let state = if st.store.is_some() {
        VaultState::Open
    } else {
        midun::store::vault_state(&path).map_err(err)?
    };
    Ok(VaultStatus {
        state,
        path: path.display().to_string(),
    })
}

/// First start (or an earlier unencrypted database): encrypt with
/// `password`, name the operator, and return the recovery key to show once.
/// Slow on purpose (Argon2id), so off the main thread.
#[tauri::command(async)]
pub fn set_up_vault(db: State<'_, Db>, password: String, operator: String) -> Reply<String> {
    let path = path_of(&db)?;
    let (store, recovery) =
        Store::set_up(&path, &password, &operator, KdfParams::PRODUCTION).map_err(err)?;
    state(&db).store = Some(store);
    Ok(recovery.as_str().to_string())
}

#[tauri::command(async)]
pub fn unlock(db: State<'_, Db>, secret: UnlockSecret) -> Reply<()> {
    let path = path_of(&db)?;
    let (store, _) =
        Store::open_encrypted(&path, secret.secret(), KdfParams::PRODUCTION).map_err(err)?;
    state(&db).store = Some(store);
    Ok(())
}

/// 锁定: close the database; the key leaves memory with the store.
#[tauri::command]
pub fn lock(db: State<'_, Db>) {
    state(&db).store = None;
}

#[tauri::command(async)]
pub fn change_password(
    db: State<'_, Db>,
    current: UnlockSecret,
    new_password: String,
) -> Reply<()> {
    let path = path_of(&db)?;
    backup::change_password(
        &path,
        current.secret(),
        &new_password,
        KdfParams::PRODUCTION,
    )
    .map(drop)
    .map_err(err)
}

/// The backups beside the database, newest first (also while locked).
#[tauri::command]
pub fn list_backups(db: State<'_, Db>) -> Reply<Vec<BackupInfo>> {
    backup::list(&path_of(&db)?).map_err(err)
}

#[tauri::command]
pub fn create_backup(db: State<'_, Db>) -> Reply<BackupInfo> {
    with(&db, |s| s.backup())
}

/// Put a backup in the database's place and open it. The open store is
/// closed first; should the restore fail, the app is left locked.
#[tauri::command(async)]
pub fn restore_backup(db: State<'_, Db>, name: String, secret: UnlockSecret) -> Reply<()> {
    let path = path_of(&db)?;
    let mut st = state(&db);
    st.store = None;
    backup::restore_with(&path, &name, secret.secret()).map_err(err)?;
    let (store, _) =
        Store::open_encrypted(&path, secret.secret(), KdfParams::PRODUCTION).map_err(err)?;
    st.store = Some(store);
    Ok(())
}

/// When the database will not open: the newest backup that does.
#[tauri::command(async)]
pub fn newest_sound_backup(db: State<'_, Db>, secret: UnlockSecret) -> Reply<Option<BackupInfo>> {
    backup::newest_sound_with(&path_of(&db)?, secret.secret()).map_err(err)
}

/// 0 (too short) to 3 (strong), for the hint beside the password field.
#[tauri::command]
pub fn password_strength(password: String) -> u8 {
    vault::strength(&password)
}

#[tauri::command]
pub fn get_settings(db: State<'_, Db>) -> Reply<Settings> {
    with(&db, |s| s.settings().get())
}

#[tauri::command]
pub fn acknowledge_notice(db: State<'_, Db>) -> Reply<Settings> {
    with(&db, |s| s.settings().acknowledge_notice())
}

#[tauri::command]
pub fn set_idle_lock_minutes(db: State<'_, Db>, minutes: u32) -> Reply<Settings> {
    with(&db, |s| s.settings().set_idle_lock_minutes(minutes))
}

/// Ask where to save, then write the recovery key as a one-page PDF (the
/// database's file name and the day, never the password), readable by the
/// owner only. The key comes from the set-up screen that shows it.
#[tauri::command(async)]
pub fn save_recovery_key(
    app: tauri::AppHandle,
    db: State<'_, Db>,
    key: String,
) -> Reply<Option<String>> {
    let path = path_of(&db)?;
    let Some(out) = crate::choose_save_path(
        &app,
        "MIDUN_E2E_SAVE_PATH",
        "保存恢复密钥",
        "恢复密钥.pdf",
        ("PDF", "pdf"),
    ) else {
        return Ok(None);
    };
    let out = midun::report::with_pdf_extension(out);
    midun::report::recovery::export(&path, &key, &out).map_err(err)?;
    Ok(Some(out.display().to_string()))
}
