//! The printable 定密/变更/解密 审批表 of one approval record: what was
//! decided about a 密点, on what basis, by whom, with room to sign. It names
//! the 密点 and its 知悉范围, so it is an internal document; like every
//! Midun record it holds the 概述, never the secret itself.

use std::path::Path;

use super::content::{col, Content};
use super::layout::{Align, Style};
use super::{Rendered, ReportFormat, INTERNAL_MARK};
use crate::error::Result;
use crate::model::point::Approval;
use crate::model::{Enterprise, ExportResult, SecretPoint};
use crate::store::Store;

/// What the form prints besides the approval and the 密点.
pub struct FormContext<'a> {
    pub enterprise: &'a Enterprise,
    pub point: &'a SecretPoint,
    /// 知悉范围 as printed: named people ("姓名（部门·岗位）"), then roles.
    pub access: Vec<String>,
    /// The 商业秘密事项 the 密点 belongs to, if any.
    pub item: Option<String>,
}

/// The form's title, e.g. 商业秘密定密审批表.
pub fn title(a: &Approval) -> String {
    format!("商业秘密{}审批表", a.kind.label())
}

fn or_blank(s: &str) -> String {
    if s.trim().is_empty() {
        "—".to_string()
    } else {
        s.to_string()
    }
}

/// Render the form as a PDF; `generated` stamps the document.
pub fn render(
    a: &Approval,
    cx: &FormContext,
    generated: chrono::DateTime<chrono::Local>,
) -> Result<Rendered> {
    render_as(a, cx, generated, ReportFormat::Pdf)
}

/// Render the form as a PDF or a Word document, from the same content.
pub fn render_as(
    a: &Approval,
    cx: &FormContext,
    generated: chrono::DateTime<chrono::Local>,
    format: ReportFormat,
) -> Result<Rendered> {
    let doc = compose(a, cx, generated);
    let (bytes, missing_chars) = format.render(&doc)?;
    Ok(Rendered {
        bytes,
        missing_chars,
        warnings: Vec::new(),
    })
}

/// The form as content.
pub fn compose(
    a: &Approval,
    cx: &FormContext,
    generated: chrono::DateTime<chrono::Local>,
) -> Content {
    let p = cx.point;
    let title = title(a);
    let header = format!("{} · {title}（{INTERNAL_MARK}）", cx.enterprise.name);
    let mut doc = Content::new(&format!("{} {title}", p.code), &cx.enterprise.name, &header);
    doc.created = Some(generated.timestamp());

    doc.paragraph(&title, Style::BODY.size(20.0).bold().align(Align::Center));
    doc.space(2.0);
    doc.paragraph(
        &format!("审批记录第 {} 号 · {INTERNAL_MARK}", a.id),
        Style::BODY
            .size(10.0)
            .align(Align::Center)
            .color((0.35, 0.35, 0.35)),
    );
    doc.space(4.0);

    let category = match &p.subtype {
        Some(s) if !s.is_empty() => format!("{}（{s}）", p.category.label()),
        _ => p.category.label().to_string(),
    };
    let term = p.term.map(|t| t.label()).unwrap_or_default();
    let checked = match &p.secrecy_checked_on {
        Some(d) => format!("{d} {}", p.secrecy_checked_by).trim().to_string(),
        None => String::new(),
    };
    let mut rows: Vec<Vec<String>> = vec![
        vec!["企业名称".into(), cx.enterprise.name.clone()],
        vec!["密点代号".into(), p.code.clone()],
        vec!["密点名称".into(), p.name.clone()],
        vec![
            "所属事项".into(),
            or_blank(cx.item.as_deref().unwrap_or("")),
        ],
        vec!["类别".into(), category],
        vec!["概述".into(), or_blank(&p.summary)],
        vec!["密级".into(), or_blank(&p.level)],
        vec!["保密期限".into(), or_blank(&term)],
        vec!["知悉范围".into(), or_blank(&cx.access.join("；"))],
        vec!["载体索引".into(), or_blank(&p.carrier_index)],
        vec![
            "责任部门 / 责任人".into(),
            or_blank(format!("{} {}", p.department, p.responsible).trim()),
        ],
        vec!["秘密性核查".into(), or_blank(&checked)],
        vec![
            "状态".into(),
            format!("{} → {}", a.from_status.label(), a.to_status.label()),
        ],
        vec![format!("{}依据", a.kind.label()), or_blank(&a.basis)],
    ];
    if !a.change_summary.trim().is_empty() {
        rows.push(vec![
            format!("{}内容", a.kind.label()),
            a.change_summary.clone(),
        ]);
    }
    let cols = [col("项目", 1.6, Align::Left), col("内容", 6.4, Align::Left)];
    doc.table(cols.to_vec(), rows);
    doc.space(4.0);

    let sign_cols = [
        col("环节", 2.0, Align::Left),
        col("部门 / 姓名", 2.8, Align::Left),
        col("签字", 2.0, Align::Center),
        col("日期", 1.6, Align::Center),
    ];
    // Three lines of room in the signature column for a pen.
    let room = "\n\n".to_string();
    let sign_rows = vec![
        vec![
            "提出".into(),
            format!("{} {}", a.proposing_department, a.proposer)
                .trim()
                .to_string(),
            room.clone(),
            String::new(),
        ],
        vec![
            "审批".into(),
            a.approver.clone(),
            room.clone(),
            a.decided_on.clone(),
        ],
        vec!["保密办备案".into(), a.filed_by.clone(), room, String::new()],
    ];
    doc.table(sign_cols.to_vec(), sign_rows);
    doc.space(3.0);
    doc.paragraph(
        "本表只记录密点的概述与管理信息，不含商业秘密的具体内容（参数、配方、源代码等）。\
         本表列有密点名称与知悉人员，属企业内部资料，请按本企业保密制度保管。",
        Style::BODY.size(9.0).color((0.35, 0.35, 0.35)),
    );
    doc.paragraph(
        &format!("由密盾 Midun 生成于 {}", generated.format("%Y-%m-%d %H:%M")),
        Style::BODY.size(9.0).color((0.35, 0.35, 0.35)),
    );

    doc
}

/// Gather what the form of approval `approval_id` prints.
pub fn render_from_store(
    store: &Store,
    approval_id: i64,
    generated: chrono::DateTime<chrono::Local>,
    format: ReportFormat,
) -> Result<Rendered> {
    let a = store.points().approval(approval_id)?;
    let point = store.points().get(a.point_id)?;
    let enterprise = store.enterprises().get(&point.enterprise_id)?;
    let access = store.points().access(point.id)?;
    let mut shown = Vec::new();
    for id in &access.person_ids {
        let person = store.people().get(*id)?;
        let place: Vec<&str> = [person.department.as_str(), person.post.as_str()]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect();
        shown.push(if place.is_empty() {
            person.name
        } else {
            format!("{}（{}）", person.name, place.join("·"))
        });
    }
    shown.extend(access.roles.iter().map(|r| format!("岗位：{r}")));
    let item = match point.item_id {
        Some(id) => store
            .points()
            .items(&enterprise.id)?
            .into_iter()
            .find(|i| i.id == id)
            .map(|i| i.name),
        None => None,
    };
    let cx = FormContext {
        enterprise: &enterprise,
        point: &point,
        access: shown,
        item,
    };
    render_as(&a, &cx, generated, format)
}

/// The file name a save dialog suggests: `<代号>-定密审批表.pdf`.
pub fn suggested_file_name(store: &Store, approval_id: i64) -> Result<String> {
    let a = store.points().approval(approval_id)?;
    let p = store.points().get(a.point_id)?;
    let code = super::safe_file_stem(&p.code);
    Ok(format!("{code}-{}审批表.pdf", a.kind.label()))
}

/// Render the form of approval `approval_id` and write it to `out` (PDF,
/// or Word for a `.docx` path), whole or not at all.
pub fn export(store: &Store, approval_id: i64, out: &Path) -> Result<ExportResult> {
    let format = if out
        .extension()
        .is_some_and(|x| x.eq_ignore_ascii_case("docx"))
    {
        ReportFormat::Docx
    } else {
        ReportFormat::Pdf
    };
    let r = render_from_store(store, approval_id, chrono::Local::now(), format)?;
    super::write_rendered(r, out)
}
