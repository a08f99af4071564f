//! The one-page recovery-key sheet offered at set-up: the database's file
//! name, the day, the recovery key in groups that never break across lines,
//! and what to do with the page. Never the password.

use std::path::Path;

use super::content::Content;
use super::layout::{Align, Style};
use crate::error::Result;

/// Compose the sheet. `key` is the recovery key as shown (groups of four
/// separated by `-`).
pub fn compose(db_file_name: &str, key: &str, made: chrono::DateTime<chrono::Local>) -> Content {
    let body = Style::BODY.size(11.0);
    let gray = body.size(9.5).color((0.35, 0.35, 0.35));
    let mut c = Content::new("恢复密钥", "", "恢复密钥 · 请密封保存");
    c.created = Some(made.timestamp());
    c.space(10.0);
    c.paragraph(
        "数据库恢复密钥",
        body.size(20.0).bold().align(Align::Center),
    );
    c.space(8.0);
    c.pairs(
        vec![
            ("数据库文件".into(), db_file_name.to_string()),
            ("生成日期".into(), made.format("%Y年%m月%d日").to_string()),
        ],
        40.0,
        11.0,
    );
    c.space(8.0);
    // Two groups of four per line at most, so that no group is ever split.
    let groups: Vec<&str> = key.split('-').filter(|g| !g.is_empty()).collect();
    for line in groups.chunks(4) {
        c.paragraph(
            &line.join(" - "),
            body.size(20.0).bold().align(Align::Center),
        );
        c.space(2.0);
    }
    c.space(8.0);
    for p in [
        "忘记密码时，在解锁界面选择“使用恢复密钥”，输入上面的恢复密钥即可解锁数据库并设置新密码。",
        "请将本页密封保存，与电脑分开存放（例如保险柜）；不要拍照、不要存放在同一台电脑上。持有本页的人可以打开数据库。",
        "本页不含密码。修改密码不会改变恢复密钥。",
    ] {
        c.paragraph(p, body).space(2.0);
    }
    c.space(6.0);
    c.paragraph(
        "保管人签字：____________________　　　　日期：______年____月____日",
        body,
    );
    c.space(4.0);
    c.paragraph(
        "恢复密钥由 32 个字符组成（字母 A–Z 与数字 2–7），输入时不区分大小写，短横线可省略。",
        gray,
    );
    c
}

/// Write the sheet as a PDF readable by the owner only.
pub fn export(db: &Path, key: &str, out: &Path) -> Result<()> {
    let name = db
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let (bytes, _) = compose(&name, key, chrono::Local::now()).render_pdf()?;
    crate::fsx::write_atomically_as(out, &bytes, crate::fsx::Access::Private)
}
