//! Letters and agreements filled from the registers, as Word documents:
//! 保密协议, 竞业限制协议, 入职承诺函, 离职提醒函, 知悉告知书. The wording is
//! data (`assets/templates/<code>.txt`, MiniJinja), replaceable per database
//! by a file of the same name in a `templates` folder beside it; a template
//! that names an unknown placeholder or does not parse is refused with the
//! placeholder or line named. A filled template is read line by line into
//! the report content model (`# ` title, `## ` heading, `>> ` right-aligned,
//! `|` table rows), so the Word layout is the reports' own.
//!
//! A letter names 密点 by 代号, 密级 and 保密期限 only, never by name or 概述.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use minijinja::{context, Environment, UndefinedBehavior};
use serde::Serialize;

use crate::error::{Error, Result};
use crate::model::{Enterprise, ExportResult, Status};
use crate::progress::Progress;
use crate::report::content::{col, Content};
use crate::report::layout::{Align, Style};
use crate::store::{Noncompete, Person, Store};

crate::wire_enum! {
    /// A kind of letter.
    pub enum LetterKind {
        Nda = ("nda", "保密协议"),
        Noncompete = ("noncompete", "竞业限制协议"),
        EntryPledge = ("entry_pledge", "入职承诺函"),
        ExitReminder = ("exit_reminder", "离职提醒函"),
        AccessNotice = ("access_notice", "知悉告知书"),
    }
}

impl LetterKind {
    /// The document's full title.
    pub fn title(self) -> &'static str {
        match self {
            LetterKind::Nda => "保密协议",
            LetterKind::Noncompete => "竞业限制协议",
            LetterKind::EntryPledge => "入职不侵犯他人商业秘密承诺函",
            LetterKind::ExitReminder => "离职保密提醒函",
            LetterKind::AccessNotice => "知悉告知书",
        }
    }

    /// By code, short label or full title (the CLI's `--kind`).
    pub fn parse(s: &str) -> Result<LetterKind> {
        let t = s.trim();
        LetterKind::ALL
            .into_iter()
            .find(|k| k.code() == t || k.label() == t || k.title() == t)
            .ok_or_else(|| Error::FieldInvalid {
                field: "文书种类".into(),
                reason: format!(
                    "没有“{t}”这种文书（可选：{}）",
                    LetterKind::ALL.map(|k| k.label()).join("、")
                ),
            })
    }

    fn file_name(self) -> String {
        format!("{}.txt", self.code())
    }

    fn builtin(self) -> &'static str {
        match self {
            LetterKind::Nda => include_str!("../assets/templates/nda.txt"),
            LetterKind::Noncompete => include_str!("../assets/templates/noncompete.txt"),
            LetterKind::EntryPledge => include_str!("../assets/templates/entry_pledge.txt"),
            LetterKind::ExitReminder => include_str!("../assets/templates/exit_reminder.txt"),
            LetterKind::AccessNotice => include_str!("../assets/templates/access_notice.txt"),
        }
    }
}

/// The placeholders a template may use.
const PLACEHOLDERS: [&str; 18] = [
    "enterprise.name",
    "enterprise.short_name",
    "enterprise.credit_code",
    "enterprise.address",
    "enterprise.legal_representative",
    "person.name",
    "person.department",
    "person.post",
    "person.entry_date",
    "person.exit_date",
    "points",
    "noncompete",
    "noncompete.starts_on",
    "noncompete.ends_on",
    "noncompete.months",
    "noncompete.monthly_compensation",
    "noncompete.scope",
    "date",
];

/// The template of a kind: the enterprise's own beside the database, else
/// the built-in one. Checked before use.
pub fn template(kind: LetterKind, templates_dir: Option<&Path>) -> Result<String> {
    let own = templates_dir.map(|d| d.join(kind.file_name()));
    let text = match own {
        Some(p) if p.is_file() => {
            std::fs::read_to_string(&p).map_err(|e| Error::TemplateInvalid {
                template: p.display().to_string(),
                detail: format!("无法读取（{e}）"),
            })?
        }
        _ => kind.builtin().to_string(),
    };
    check_template(kind, &text)?;
    Ok(text)
}

/// Refuse a template that does not parse or names a placeholder that does
/// not exist (the placeholder named).
pub fn check_template(kind: LetterKind, text: &str) -> Result<()> {
    let env = environment();
    let bad = |detail: String| Error::TemplateInvalid {
        template: kind.file_name(),
        detail,
    };
    let t = env
        .template_from_str(text)
        .map_err(|e| bad(syntax_detail(&e)))?;
    // Loop variables (`p` in `for p in points`) are declared by the template.
    let unknown: BTreeSet<String> = t
        .undeclared_variables(true)
        .into_iter()
        .filter(|v| !PLACEHOLDERS.contains(&v.as_str()) && !v.starts_with("loop"))
        .collect();
    if let Some(v) = unknown.into_iter().next() {
        return Err(bad(format!(
            "占位符“{{{{ {v} }}}}”不存在（可用：{}）",
            PLACEHOLDERS.join("、")
        )));
    }
    Ok(())
}

fn syntax_detail(e: &minijinja::Error) -> String {
    match e.line() {
        Some(line) => format!("第 {line} 行：{}", e.detail().unwrap_or("语法错误")),
        None => e.detail().unwrap_or("语法错误").to_string(),
    }
}

fn environment() -> Environment<'static> {
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    env.set_keep_trailing_newline(true);
    env
}

#[derive(Serialize)]
struct PointRow {
    code: String,
    level: String,
    term: String,
}

#[derive(Serialize)]
struct NoncompeteRow {
    starts_on: String,
    ends_on: String,
    months: i64,
    monthly_compensation: i64,
    scope: String,
}

/// Whole months of a term from its first to its last day (2026-09-01 to
/// 2028-08-31 is 24).
fn months_between(from: &str, to: &str) -> Option<i64> {
    use chrono::Datelike;
    let day = |s: &str| chrono::NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").ok();
    let (f, t) = (day(from)?, day(to)?.succ_opt()?);
    let mut m = (t.year() - f.year()) as i64 * 12 + t.month() as i64 - f.month() as i64;
    if t.day() < f.day() {
        m -= 1;
    }
    Some(m.max(0))
}

/// The people a kind is written for when none is named.
fn applies(kind: LetterKind, p: &Person, nc: Option<&Noncompete>, knows: bool) -> bool {
    match kind {
        LetterKind::Nda | LetterKind::EntryPledge => !p.has_left,
        LetterKind::AccessNotice => !p.has_left && knows,
        LetterKind::Noncompete => nc.is_some(),
        LetterKind::ExitReminder => p.exit_date.is_some(),
    }
}

/// Why a kind does not apply to a person named, or none.
fn refusal(kind: LetterKind, p: &Person, nc: Option<&Noncompete>, knows: bool) -> Option<String> {
    match kind {
        LetterKind::Noncompete => match nc {
            None => Some("涉密人员台账中没有此人的竞业限制约定，请先在“竞业限制”中登记".into()),
            // SPC 法释〔2025〕12号 Art. 13: no bind without access.
            Some(_) if !knows => Some(
                "此人不在任何在管密点的知悉范围内，竞业限制对未接触商业秘密的人员不具约束力".into(),
            ),
            Some(n) => match months_between(&n.starts_on, &n.ends_on) {
                Some(m) if m > 24 => Some(format!(
                    "竞业限制期限 {m} 个月，超过《劳动合同法》第二十四条规定的二年"
                )),
                None => Some("竞业限制的起止日期无效".into()),
                _ => None,
            },
        },
        LetterKind::ExitReminder if p.exit_date.is_none() => {
            Some("尚未登记离职日期，请先在涉密人员台账中填写".into())
        }
        LetterKind::AccessNotice if !knows => Some("此人不在任何密点的知悉范围内".into()),
        _ => None,
    }
}

/// One filled letter for one person, as text (before it becomes content).
fn fill(
    kind: LetterKind,
    text: &str,
    e: &Enterprise,
    p: &Person,
    points: &[PointRow],
    nc: Option<&Noncompete>,
    today: chrono::NaiveDate,
) -> Result<String> {
    use chrono::Datelike;
    let env = environment();
    let t = env
        .template_from_str(text)
        .map_err(|e| Error::TemplateInvalid {
            template: kind.file_name(),
            detail: syntax_detail(&e),
        })?;
    let noncompete = nc.map(|n| NoncompeteRow {
        starts_on: n.starts_on.clone(),
        ends_on: n.ends_on.clone(),
        months: months_between(&n.starts_on, &n.ends_on).unwrap_or(0),
        monthly_compensation: n.monthly_compensation,
        scope: n.scope.clone(),
    });
    t.render(context! {
        enterprise => context! {
            name => e.name,
            short_name => e.short_name,
            credit_code => e.credit_code.clone().unwrap_or_default(),
            address => e.address,
            legal_representative => e.legal_representative,
        },
        person => context! {
            name => p.name,
            department => p.department,
            post => p.post,
            entry_date => p.entry_date,
            exit_date => p.exit_date.clone().unwrap_or_default(),
        },
        points => points,
        noncompete => noncompete,
        date => format!("{}年{}月{}日", today.year(), today.month(), today.day()),
    })
    .map_err(|e| Error::TemplateInvalid {
        template: kind.file_name(),
        detail: syntax_detail(&e),
    })
}

/// Read filled text into content: `# ` title, `## ` heading, `>> ` right
/// aligned, runs of `|` lines a table (first row its header), else a
/// paragraph per line.
fn append(c: &mut Content, filled: &str) {
    let body = Style::BODY.size(11.0);
    let mut table: Vec<Vec<String>> = Vec::new();
    let flush = |c: &mut Content, table: &mut Vec<Vec<String>>| {
        if table.is_empty() {
            return;
        }
        let head = table.remove(0);
        let n = head.len();
        let columns = head.iter().map(|h| col(h, 1.0, Align::Center)).collect();
        let rows = std::mem::take(table)
            .into_iter()
            .map(|mut r| {
                r.resize(n, String::new());
                r
            })
            .collect();
        c.table(columns, rows);
    };
    for line in filled.lines() {
        let l = line.trim();
        if l.starts_with('|') {
            let cells: Vec<String> = l
                .trim_matches('|')
                .split('|')
                .map(|s| s.trim().to_string())
                .collect();
            table.push(cells);
            continue;
        }
        flush(c, &mut table);
        if let Some(t) = l.strip_prefix("# ") {
            c.paragraph(t.trim(), body.size(18.0).bold().align(Align::Center));
            c.space(4.0);
        } else if let Some(t) = l.strip_prefix("## ") {
            c.space(2.0);
            c.paragraph(t.trim(), body.bold());
        } else if let Some(t) = l.strip_prefix(">>") {
            c.paragraph(t.trim(), body.align(Align::Right));
        } else if l.is_empty() {
            c.space(2.0);
        } else {
            c.paragraph(l, body);
        }
    }
    flush(c, &mut table);
}

/// The folder beside a database where an enterprise keeps its own templates.
pub fn templates_dir(db: &Path) -> PathBuf {
    db.parent()
        .unwrap_or_else(|| Path::new("."))
        .join("templates")
}

/// The letters of one kind: for the people named (refused, with the reason,
/// when the kind does not apply to one of them), or for everyone it applies
/// to. One document per person, in register order: (person's name, content).
pub fn compose(
    store: &Store,
    enterprise_id: &str,
    kind: LetterKind,
    person_ids: Option<&[i64]>,
    templates: Option<&Path>,
    today: chrono::NaiveDate,
) -> Result<Vec<(String, Content)>> {
    let text = template(kind, templates)?;
    let e = store.enterprises().get(enterprise_id)?;
    let people = store.people().list(enterprise_id)?;
    let noncompetes = store.people().noncompetes(enterprise_id)?;
    let mut out = Vec::new();
    for p in &people {
        if person_ids.is_some_and(|ids| !ids.contains(&p.id)) {
            continue;
        }
        let points: Vec<PointRow> = store
            .people()
            .points_known_by(p.id)?
            .into_iter()
            .filter(|pt| !matches!(pt.status, Status::Declassified | Status::Disclosed))
            .map(|pt| PointRow {
                code: pt.code,
                level: pt.level,
                term: pt.term.map_or("—".into(), |t| t.label()),
            })
            .collect();
        let nc = noncompetes.iter().find(|n| n.person_id == p.id);
        let knows = !points.is_empty();
        if person_ids.is_some() {
            if let Some(reason) = refusal(kind, p, nc, knows) {
                return Err(Error::LetterNotApplicable {
                    person: p.name.clone(),
                    letter: kind.title().into(),
                    reason,
                });
            }
        } else if !applies(kind, p, nc, knows) || refusal(kind, p, nc, knows).is_some() {
            continue;
        }
        let filled = fill(kind, &text, &e, p, &points, nc, today)?;
        let mut c = Content::new(
            kind.title(),
            &e.name,
            &format!("{} · {}", e.name, kind.title()),
        );
        append(&mut c, &filled);
        out.push((p.name.clone(), c));
    }
    if let Some(ids) = person_ids {
        if let Some(id) = ids.iter().find(|id| !people.iter().any(|p| p.id == **id)) {
            return Err(Error::PersonNotFound { id: id.to_string() });
        }
    }
    Ok(out)
}

/// Where the letters go: one Word file holding every letter (a page each),
/// or a folder with one file per person.
pub enum Target<'a> {
    File(&'a Path),
    Folder(&'a Path),
}

/// Write the letters of one kind (see `compose`). Each file appears whole
/// or not at all; with none to write, nothing is written and the reason is
/// given. Every letter is rendered before the first file is written, so a
/// cancelled export (`progress`) leaves no file behind.
pub fn export(
    store: &Store,
    enterprise_id: &str,
    kind: LetterKind,
    person_ids: Option<&[i64]>,
    templates: Option<&Path>,
    target: Target,
    progress: Progress,
) -> Result<Vec<ExportResult>> {
    let today = chrono::Local::now().date_naive();
    let letters = compose(store, enterprise_id, kind, person_ids, templates, today)?;
    if letters.is_empty() {
        return Err(Error::LetterNotApplicable {
            person: "涉密人员台账中的所有人员".into(),
            letter: kind.title().into(),
            reason: "没有适用的人员".into(),
        });
    }
    let done = |path: &Path| ExportResult {
        path: path.display().to_string(),
        missing_chars: Vec::new(),
        warnings: Vec::new(),
    };
    let total = letters.len() as u64 + 1;
    progress.step(1, total)?;
    match target {
        Target::File(path) => {
            let mut all = letters[0].1.clone();
            for (i, (_, c)) in letters[1..].iter().enumerate() {
                progress.step(i as u64 + 2, total)?;
                all.new_page();
                all.blocks.extend(c.blocks.iter().cloned());
            }
            let bytes = all.render_docx()?;
            progress.step(total, total)?;
            crate::fsx::write_atomically(path, &bytes)?;
            Ok(vec![done(path)])
        }
        Target::Folder(dir) => {
            let mut files = Vec::new();
            let mut used: BTreeSet<String> = BTreeSet::new();
            for (i, (name, c)) in letters.iter().enumerate() {
                progress.step(i as u64 + 2, total)?;
                let stem = crate::report::safe_file_stem(&format!("{name}-{}", kind.title()));
                let mut file = format!("{stem}.docx");
                let mut n = 2;
                while !used.insert(file.clone()) {
                    file = format!("{stem}-{n}.docx");
                    n += 1;
                }
                files.push((dir.join(file), c.render_docx()?));
            }
            progress.check()?;
            std::fs::create_dir_all(dir).map_err(Error::from)?;
            let mut out = Vec::new();
            for (path, bytes) in files {
                crate::fsx::write_atomically(&path, &bytes)?;
                out.push(done(&path));
            }
            Ok(out)
        }
    }
}
