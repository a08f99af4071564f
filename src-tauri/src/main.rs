//! The desktop app's entry point: refuses plainly without a display, then
//! hands over to `midun_desktop::run`.

// Hide the console window of a release build on Windows.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    // Without a display GTK would abort with a panic; say it plainly instead.
    #[cfg(target_os = "linux")]
    if std::env::var_os("DISPLAY").is_none() && std::env::var_os("WAYLAND_DISPLAY").is_none() {
        eprintln!(
            "错误：没有可用的图形显示（未设置 DISPLAY 或 WAYLAND_DISPLAY），无法打开 Midun 窗口。\n\
             请在桌面环境中运行；无显示器的机器可用 xvfb-run 运行，或改用命令行工具 midun。"
        );
        std::process::exit(1);
    }
    midun_desktop::run()
}
