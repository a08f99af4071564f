// The app manifest declares the shell's commands so that tauri-build
// generates one permission per command; `capabilities/main.json` grants the
// webview exactly those the UI uses (Tauri 2 otherwise allows every app
// command to every window).
include!("commands.rs");

fn main() {
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(&COMMANDS)),
    )
    .expect("tauri-build failed");
}
