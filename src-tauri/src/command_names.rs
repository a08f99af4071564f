// The shell's commands, shared by build.rs (which declares them in the app
// manifest so that each gets a permission) and by the test that checks
// `capabilities/main.json` grants exactly these. Keep in step with
// `generate_handler!` in `lib.rs`.
#[allow(dead_code)] // read by build.rs and by the tests
pub const COMMANDS: [&str; 32] = [
    "vault_status",
    "set_up_vault",
    "unlock",
    "lock",
    "change_password",
    "password_strength",
    "set_idle_lock_minutes",
    "list_backups",
    "create_backup",
    "restore_backup",
    "newest_sound_backup",
    "import_points",
    "save_import_template",
    "enterprise_overview",
    "delete_enterprise",
    "start_round",
    "point_choices",
    "update_point",
    "quick_check",
    "answer_quick",
    "update_enterprise",
    "bulk_add_points",
    "get_settings",
    "acknowledge_notice",
    "list_enterprises",
    "check_credit_code",
    "create_enterprise",
    "get_enterprise",
    "list_levels",
    "list_secret_points",
    "add_secret_point",
    "export_report",
];
