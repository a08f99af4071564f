//! 一密一档: one file per 密点, for counsel. What a court asks of a trade
//! secret owner is "reasonable measures, taken before the infringement,
//! corresponding to the secret" (法释〔2020〕7号 Art. 5–6); this file puts
//! together, per 密点, what it is (代号, name, 概述, level, term), who may
//! know it and what they signed, where its carriers are, each measure in
//! place with the date it started, the evidence with its SHA-256 and the
//! 存证 records with their last re-check. It is an internal document with
//! 密点 names in it, marked as such on every page. It lists the measures
//! in place; what is still to do is in the 内部版, by control.

use std::collections::HashMap;

use super::content::{col, Content};
use super::layout::{Align, Style};
use super::Rendered;
use crate::assess::{self, PointCoverage};
use crate::catalogue::ControlLibrary;
use crate::error::{Error, Result};
use crate::model::{level::mark, Approval, Enterprise, SecretPoint, Status};
use crate::store::{
    AccessNotice, Agreement, AnswerStatus, Carrier, Certificate, ChainHead, ControlAnswer,
    ControlException, Evidence, EvidenceLink, EvidenceTargetKind, Fingerprint, Person, PointAccess,
    RuleDoc, Store,
};

pub const DOSSIER_TITLE: &str = "一密一档";

/// Which 密点 a dossier covers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    /// One 密点, by id.
    Point(i64),
    /// Every 密点 in force at the enterprise's top level (核心).
    Core,
    /// Every 密点 in force.
    All,
}

/// One 密点's file.
pub struct PointFile {
    pub point: SecretPoint,
    pub approvals: Vec<Approval>,
    pub access: PointAccess,
    pub carriers: Vec<Carrier>,
    pub coverage: Option<PointCoverage>,
    pub fingerprints: Vec<(Fingerprint, Vec<Certificate>)>,
}

/// Everything a dossier shows, read from the store once.
pub struct DossierData {
    pub enterprise: Enterprise,
    pub levels: Vec<String>,
    pub scope: Scope,
    pub files: Vec<PointFile>,
    pub people: HashMap<i64, Person>,
    pub agreements: HashMap<i64, Vec<Agreement>>,
    pub notices: HashMap<i64, Vec<AccessNotice>>,
    pub answers: Vec<ControlAnswer>,
    pub exceptions: Vec<ControlException>,
    pub library: ControlLibrary,
    pub rules: Vec<RuleDoc>,
    pub evidence: HashMap<i64, Evidence>,
    pub links: Vec<EvidenceLink>,
    pub chain_head: ChainHead,
}

/// Read what a dossier of `scope` shows. A scope with no 密点 is refused.
pub fn gather(store: &Store, enterprise_id: &str, scope: Scope) -> Result<DossierData> {
    let enterprise = store.enterprises().get(enterprise_id)?;
    let levels = store.levels().list(enterprise_id)?;
    let library = ControlLibrary::default_library()?;
    let in_force = |p: &SecretPoint| !matches!(p.status, Status::Declassified | Status::Disclosed);
    let points: Vec<SecretPoint> = match &scope {
        Scope::Point(id) => {
            let p = store.points().get(*id)?;
            if p.enterprise_id != enterprise_id {
                return Err(Error::SecretPointNotFound { id: id.to_string() });
            }
            vec![p]
        }
        Scope::Core => store
            .points()
            .list(enterprise_id)?
            .into_iter()
            .filter(|p| in_force(p) && levels.first() == Some(&p.level))
            .collect(),
        Scope::All => store
            .points()
            .list(enterprise_id)?
            .into_iter()
            .filter(in_force)
            .collect(),
    };
    if points.is_empty() {
        return Err(Error::DossierEmpty);
    }
    let mut coverage: HashMap<i64, PointCoverage> =
        assess::control_coverage(store, enterprise_id, &library)?
            .into_iter()
            .map(|c| (c.point_id, c))
            .collect();
    let carriers = store.carriers().list(enterprise_id)?;
    let mut fingerprints: HashMap<i64, Vec<Fingerprint>> = HashMap::new();
    for f in store.fingerprints().of_enterprise(enterprise_id)? {
        fingerprints.entry(f.point_id).or_default().push(f);
    }
    // Read for the whole enterprise at once: a 2,000-密点 dossier asked
    // 8,000 small queries otherwise.
    let mut approvals = store.points().approvals_of_enterprise(enterprise_id)?;
    let mut access = store.points().access_of_enterprise(enterprise_id)?;
    let mut files = Vec::with_capacity(points.len());
    for p in points {
        let mut prints = Vec::new();
        let own = fingerprints.remove(&p.id).unwrap_or_default();
        if !own.is_empty() {
            let certs = store.fingerprints().certificates(p.id)?;
            for f in own {
                let of_this: Vec<Certificate> = certs
                    .iter()
                    .filter(|c| c.fingerprint_id == f.id)
                    .cloned()
                    .collect();
                prints.push((f, of_this));
            }
        }
        files.push(PointFile {
            approvals: approvals.remove(&p.id).unwrap_or_default(),
            access: access.remove(&p.id).unwrap_or(PointAccess {
                point_id: p.id,
                person_ids: Vec::new(),
                roles: Vec::new(),
            }),
            carriers: carriers
                .iter()
                .filter(|c| c.point_ids.contains(&p.id))
                .cloned()
                .collect(),
            coverage: coverage.remove(&p.id),
            fingerprints: prints,
            point: p,
        });
    }
    let mut agreements: HashMap<i64, Vec<Agreement>> = HashMap::new();
    for a in store.people().agreements_of_enterprise(enterprise_id)? {
        agreements.entry(a.person_id).or_default().push(a);
    }
    let mut notices: HashMap<i64, Vec<AccessNotice>> = HashMap::new();
    for n in store.people().access_notices_of_enterprise(enterprise_id)? {
        notices.entry(n.person_id).or_default().push(n);
    }
    Ok(DossierData {
        chain_head: store.audit().head(Some(enterprise_id))?,
        people: store
            .people()
            .list(enterprise_id)?
            .into_iter()
            .map(|p| (p.id, p))
            .collect(),
        agreements,
        notices,
        answers: store.controls().answers(enterprise_id)?,
        exceptions: store.controls().exceptions(enterprise_id)?,
        rules: store.rules().list(enterprise_id)?,
        evidence: store
            .evidence()
            .list(enterprise_id)?
            .into_iter()
            .map(|e| (e.id, e))
            .collect(),
        links: store.evidence().links_of_enterprise(enterprise_id)?,
        enterprise,
        levels,
        scope,
        files,
        library,
    })
}

const BODY: Style = Style::BODY;
const GRAY: (f32, f32, f32) = (0.35, 0.35, 0.35);

/// Render a dossier. `generated` stamps the document.
pub fn render(d: &DossierData, generated: chrono::DateTime<chrono::Local>) -> Result<Rendered> {
    let (bytes, missing_chars) = compose(d, generated).render_pdf()?;
    Ok(Rendered {
        bytes,
        missing_chars,
        warnings: Vec::new(),
    })
}

/// Compose a dossier into the content model.
pub fn compose(d: &DossierData, generated: chrono::DateTime<chrono::Local>) -> Content {
    let e = &d.enterprise;
    let short = if e.short_name.trim().is_empty() {
        e.name.clone()
    } else {
        e.short_name.clone()
    };
    // Marked at the highest level among the 密点 it holds.
    let top = d
        .levels
        .iter()
        .find(|l| d.files.iter().any(|f| &f.point.level == *l))
        .cloned()
        .unwrap_or_default();
    let mut c = Content::new(
        &format!("{} {DOSSIER_TITLE}", e.name),
        &e.name,
        &format!("{} · {DOSSIER_TITLE}", e.name),
    );
    c.header_right = format!("{short} {} · 内部资料", mark(&top, None));
    c.created = Some(generated.timestamp());

    c.space(38.0).paragraph(
        &format!("商业秘密{DOSSIER_TITLE}"),
        BODY.size(24.0).bold().align(Align::Center),
    );
    c.space(3.0).paragraph(
        &format!("内部资料　{short} {}", mark(&top, None)),
        BODY.size(13.0)
            .bold()
            .align(Align::Center)
            .color((0.6, 0.1, 0.1)),
    );
    c.space(26.0);
    let scope = match d.scope {
        Scope::Point(_) => format!("密点 {}", d.files[0].point.code),
        Scope::Core => format!("在管的{top}密点，共 {} 个", d.files.len()),
        Scope::All => format!("在管的全部密点，共 {} 个", d.files.len()),
    };
    c.pairs(
        vec![
            ("企业名称".into(), e.name.clone()),
            (
                "统一社会信用代码".into(),
                e.credit_code.clone().unwrap_or_else(|| "未填写".into()),
            ),
            ("建档范围".into(), scope),
            (
                "生成日期".into(),
                generated.format("%Y年%m月%d日").to_string(),
            ),
        ],
        70.0,
        12.0,
    );
    c.space(16.0).paragraph(
        "本档案逐个密点汇集其基本信息、知悉范围、载体、已实施的保密措施及其起始日期、佐证材料和存证记录，\
         供企业和代理律师证明保密措施的采取情况。档案列有密点名称和概述，属企业内部资料，请按本企业商业秘密管理制度控制知悉范围；\
         需要向法院提交时，可申请对商业秘密采取保密措施并申请不公开审理。档案不含商业秘密的具体内容（参数、配方、源代码等）。",
        BODY.size(10.0).color(GRAY),
    );
    // The audit chain's head anchors the log, as on the reports.
    c.space(6.0).paragraph(
        &format!(
            "操作记录校验值：{}（本档案生成时本企业操作记录的条数与校验码，可用于日后核对记录未被删改）",
            d.chain_head.anchor()
        ),
        BODY.size(9.0).color(GRAY),
    );
    if !d.rules.is_empty() {
        c.new_page().heading("适用于全部密点的管理制度", 1);
        let rows = d
            .rules
            .iter()
            .map(|r| {
                vec![
                    format!("《{}》", r.title.trim_matches(['《', '》'])),
                    r.doc_no.clone(),
                    r.issued_on.clone(),
                    r.publicized_on.clone().unwrap_or_default(),
                ]
            })
            .collect();
        c.table(
            vec![
                col("制度名称", 3.0, Align::Left),
                col("文号", 1.6, Align::Center),
                col("印发日期", 1.2, Align::Center),
                col("公示/告知日期", 1.3, Align::Center),
            ],
            rows,
        );
        evidence_table(&mut c, d, &rule_evidence(d));
    }
    for f in &d.files {
        point_file(&mut c, d, f);
    }
    c
}

/// `s`, or a dash when blank.
fn or_dash(s: &str) -> String {
    if s.trim().is_empty() {
        "—".into()
    } else {
        s.trim().to_string()
    }
}

fn point_file(c: &mut Content, d: &DossierData, f: &PointFile) {
    let p = &f.point;
    c.new_page().heading(&format!("{}　{}", p.code, p.name), 1);
    let category = match &p.subtype {
        Some(s) if !s.is_empty() => format!("{}（{s}）", p.category.label()),
        _ => p.category.label().to_string(),
    };
    let classified = f
        .approvals
        .iter()
        .find(|a| a.kind == crate::model::ApprovalKind::Classify)
        .map(|a| a.decided_on.clone());
    c.table(
        vec![col("项目", 1.3, Align::Left), col("内容", 4.7, Align::Left)],
        vec![
            vec!["代号".into(), p.code.clone()],
            vec!["名称".into(), p.name.clone()],
            vec!["概述".into(), or_dash(&p.summary)],
            vec!["类别".into(), category],
            vec!["密级".into(), p.level.clone()],
            vec![
                "保密期限".into(),
                p.term.as_ref().map_or("未定".into(), |t| t.label()),
            ],
            vec!["状态".into(), p.status.label().to_string()],
            vec![
                "定密日期".into(),
                classified.unwrap_or_else(|| "未记录定密审批".into()),
            ],
            vec!["形成过程与权属".into(), or_dash(&p.origin)],
            vec!["责任部门/责任人".into(), {
                let who = [p.department.trim(), p.responsible.trim()]
                    .into_iter()
                    .filter(|s| !s.is_empty())
                    .collect::<Vec<_>>()
                    .join(" / ");
                or_dash(&who)
            }],
        ],
    );

    if !f.approvals.is_empty() {
        let rows = f
            .approvals
            .iter()
            .map(|a| {
                vec![
                    a.decided_on.clone(),
                    a.kind.label().to_string(),
                    or_dash(&a.proposing_department),
                    or_dash(&a.approver),
                    or_dash(if a.change_summary.trim().is_empty() {
                        &a.basis
                    } else {
                        &a.change_summary
                    }),
                ]
            })
            .collect();
        c.captioned_table(
            "定密、变更与解密审批：",
            BODY.bold(),
            vec![
                col("日期", 1.2, Align::Center),
                col("类型", 1.0, Align::Center),
                col("拟定部门", 1.4, Align::Center),
                col("批准人", 1.1, Align::Center),
                col("依据/说明", 2.8, Align::Left),
            ],
            rows,
        );
    }

    knowers(c, d, f);

    if !f.carriers.is_empty() {
        let rows = f
            .carriers
            .iter()
            .map(|k| {
                vec![
                    k.name.clone(),
                    k.kind.clone(),
                    or_dash(&k.location),
                    or_dash(&k.custodian),
                    if k.marked { "已标识" } else { "—" }.to_string(),
                ]
            })
            .collect();
        c.captioned_table(
            "载体：",
            BODY.bold(),
            vec![
                col("载体", 2.0, Align::Left),
                col("类型", 1.3, Align::Center),
                col("存放位置", 1.8, Align::Left),
                col("保管人", 1.0, Align::Center),
                col("密级标识", 0.9, Align::Center),
            ],
            rows,
        );
    }

    measures(c, d, f);
    evidence_table(c, d, &point_evidence(d, f));
    certificates(c, f);
}

/// The people named in the 知悉范围 with what they signed and when; the
/// roles after them.
fn knowers(c: &mut Content, d: &DossierData, f: &PointFile) {
    let rows: Vec<Vec<String>> = f
        .access
        .person_ids
        .iter()
        .filter_map(|id| d.people.get(id))
        .map(|person| {
            let signed: Vec<String> = d
                .agreements
                .get(&person.id)
                .into_iter()
                .flatten()
                .map(|a| format!("{} {}", a.kind.label(), a.signed_on))
                .collect();
            let told: Vec<String> = d
                .notices
                .get(&person.id)
                .into_iter()
                .flatten()
                .filter(|n| n.codes.contains(&f.point.code))
                .map(|n| n.signed_on.clone())
                .collect();
            let post = [person.department.trim(), person.post.trim()]
                .into_iter()
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
                .join(" / ");
            vec![
                person.name.clone(),
                or_dash(&post),
                person.relationship.label().to_string(),
                if signed.is_empty() {
                    "—".into()
                } else {
                    signed.join("；")
                },
                if told.is_empty() {
                    "—".into()
                } else {
                    told.join("；")
                },
                person.exit_date.clone().unwrap_or_default(),
            ]
        })
        .collect();
    if rows.is_empty() && f.access.roles.is_empty() {
        return;
    }
    if !rows.is_empty() {
        c.captioned_table(
            &format!("知悉范围（{} 人）：", rows.len()),
            BODY.bold(),
            vec![
                col("姓名", 1.0, Align::Center),
                col("部门/岗位", 1.5, Align::Left),
                col("身份", 1.0, Align::Center),
                col("保密协议/承诺（签订日期）", 2.2, Align::Left),
                col("知悉告知（签收日期）", 1.3, Align::Center),
                col("离职日期", 1.0, Align::Center),
            ],
            rows,
        );
    }
    if !f.access.roles.is_empty() {
        c.paragraph(
            &format!("按岗位知悉：{}。", f.access.roles.join("、")),
            BODY,
        );
    }
}

/// The measures in place for this 密点 (已落实 or 部分落实), each with the
/// date it started; controls excepted for it with the reason.
fn measures(c: &mut Content, d: &DossierData, f: &PointFile) {
    let Some(cov) = &f.coverage else {
        return;
    };
    let rank = d
        .levels
        .iter()
        .position(|l| *l == f.point.level)
        .map_or(d.levels.len(), |i| i + 1) as i64;
    let answer = |id: &str, by_level: bool| -> Option<&ControlAnswer> {
        let key = if by_level { rank } else { 0 };
        d.answers
            .iter()
            .find(|a| a.control_id == id && a.level_rank == key)
            .or_else(|| {
                d.answers
                    .iter()
                    .find(|a| a.control_id == id && a.level_rank == 0)
            })
    };
    let mut rows = Vec::new();
    for control in &d.library.controls {
        let listed = cov.covered.contains(&control.id) || cov.uncovered.contains(&control.id);
        if !listed {
            continue;
        }
        let Some(a) = answer(&control.id, control.by_level) else {
            continue;
        };
        if !matches!(a.status, AnswerStatus::Done | AnswerStatus::Partial) {
            continue;
        }
        rows.push(vec![
            control.id.clone(),
            control.stage.clone(),
            control.requirement.clone(),
            a.status.label().to_string(),
            a.started_on.clone().unwrap_or_else(|| "未记录".into()),
        ]);
    }
    let excepted: Vec<Vec<String>> = d
        .exceptions
        .iter()
        .filter(|e| e.point_id == f.point.id)
        .filter_map(|e| {
            let control = d.library.controls.iter().find(|k| k.id == e.control_id)?;
            Some(vec![
                control.id.clone(),
                control.requirement.clone(),
                e.reason.clone(),
            ])
        })
        .collect();
    if rows.is_empty() && excepted.is_empty() {
        return;
    }
    if !rows.is_empty() {
        c.captioned_table(
            "已实施的全过程保密措施：",
            BODY.bold(),
            vec![
                col("编号", 0.8, Align::Center),
                col("环节", 1.0, Align::Center),
                col("措施", 3.6, Align::Left),
                col("落实情况", 1.0, Align::Center),
                col("起始日期", 1.2, Align::Center),
            ],
            rows,
        );
    }
    if !excepted.is_empty() {
        c.captioned_table(
            "经说明理由不适用于本密点的措施：",
            BODY.bold(),
            vec![
                col("编号", 0.8, Align::Center),
                col("措施", 3.2, Align::Left),
                col("理由", 2.6, Align::Left),
            ],
            excepted,
        );
    }
}

/// The evidence attached to the 密点, its approvals, and what the people
/// who know it signed (agreements, 知悉告知书), with what each supports.
fn point_evidence<'d>(d: &'d DossierData, f: &PointFile) -> Vec<(&'d Evidence, String)> {
    let mut wanted: HashMap<(EvidenceTargetKind, String), String> = HashMap::new();
    wanted.insert(
        (EvidenceTargetKind::SecretPoint, f.point.id.to_string()),
        "本密点".into(),
    );
    for a in &f.approvals {
        wanted.insert(
            (EvidenceTargetKind::Approval, a.id.to_string()),
            format!("{}审批", a.kind.label()),
        );
    }
    for pid in &f.access.person_ids {
        let name = d.people.get(pid).map_or("", |p| p.name.as_str());
        for a in d.agreements.get(pid).into_iter().flatten() {
            wanted.insert(
                (EvidenceTargetKind::Agreement, a.id.to_string()),
                format!("{name}的{}", a.kind.label()),
            );
        }
        for n in d.notices.get(pid).into_iter().flatten() {
            if n.codes.contains(&f.point.code) {
                wanted.insert(
                    (EvidenceTargetKind::AccessNotice, n.id.to_string()),
                    format!("{name}的知悉告知书"),
                );
            }
        }
    }
    linked(d, &wanted)
}

fn rule_evidence(d: &DossierData) -> Vec<(&Evidence, String)> {
    let wanted = d
        .rules
        .iter()
        .map(|r| {
            (
                (EvidenceTargetKind::RuleDoc, r.id.to_string()),
                format!("《{}》", r.title.trim_matches(['《', '》'])),
            )
        })
        .collect();
    linked(d, &wanted)
}

/// The evidence linked to any of `wanted`, by effective date, each with
/// everything of `wanted` it supports, in the order of its links (one scan
/// of all agreements proves each of them).
fn linked<'d>(
    d: &'d DossierData,
    wanted: &HashMap<(EvidenceTargetKind, String), String>,
) -> Vec<(&'d Evidence, String)> {
    let mut out: Vec<(&Evidence, Vec<&str>)> = Vec::new();
    for l in &d.links {
        let Some(what) = wanted.get(&(l.target_kind, l.target_id.clone())) else {
            continue;
        };
        let Some(ev) = d.evidence.get(&l.evidence_id) else {
            continue;
        };
        match out.iter_mut().find(|(e, _)| e.id == ev.id) {
            Some((_, whats)) if !whats.contains(&what.as_str()) => whats.push(what),
            Some(_) => {}
            None => out.push((ev, vec![what])),
        }
    }
    out.sort_by(|a, b| (&a.0.effective_on, a.0.id).cmp(&(&b.0.effective_on, b.0.id)));
    out.into_iter()
        .map(|(ev, whats)| (ev, whats.join("、")))
        .collect()
}

/// The evidence, one entry each: title, what it proves, its effective
/// date, and its SHA-256 on a line of its own (whole, to be compared).
fn evidence_table(c: &mut Content, _d: &DossierData, items: &[(&Evidence, String)]) {
    if items.is_empty() {
        return;
    }
    c.paragraph("佐证材料（SHA-256 为登记时计算的文件指纹）：", BODY.bold());
    for (i, (ev, what)) in items.iter().enumerate() {
        c.paragraph(
            &format!(
                "（{}）{}　证明事项：{what}；生效日期：{}",
                i + 1,
                ev.title,
                ev.effective_on
            ),
            BODY.size(9.5),
        );
        c.paragraph(&format!("SHA-256：{}", ev.sha256), HASH);
    }
    c.space(2.0);
}

/// A hash line: small enough that 64 hex digits fit on one line.
const HASH: Style = Style {
    size: 8.5,
    bold: false,
    color: GRAY,
    align: Align::Left,
};

/// The carrier files' fingerprints and the 存证 certificates covering them.
fn certificates(c: &mut Content, f: &PointFile) {
    if f.fingerprints.is_empty() {
        return;
    }
    c.paragraph("文件指纹与存证记录：", BODY.bold());
    for (i, (fp, certs)) in f.fingerprints.iter().enumerate() {
        let computed = fp.computed_at.get(..10).unwrap_or(&fp.computed_at);
        c.paragraph(
            &format!("（{}）{}　本机计算于 {computed}", i + 1, fp.file_name),
            BODY.size(9.5),
        );
        c.paragraph(&format!("SHA-256：{}", fp.sha256), HASH);
        if certs.is_empty() {
            c.paragraph("尚未登记存证证书。", BODY.size(9.5).color(GRAY));
        }
        for cert in certs {
            let recheck = match (&cert.rechecked_at, cert.recheck_matched) {
                (Some(at), Some(true)) => {
                    format!("{} 复核，文件与证书一致", at.get(..10).unwrap_or(at))
                }
                (Some(at), _) => format!(
                    "{} 复核，文件与证书不一致或文件已不存在",
                    at.get(..10).unwrap_or(at)
                ),
                _ => "尚未复核".into(),
            };
            c.paragraph(
                &format!(
                    "存证证书：编号 {}，出具机构 {}，出具日期 {}；最近复核：{recheck}",
                    cert.number, cert.issuer, cert.issued_on
                ),
                BODY.size(9.5),
            );
            if cert.sha256 != fp.sha256 {
                c.paragraph(&format!("证书所载 SHA-256：{}", cert.sha256), HASH);
            }
        }
    }
    c.space(2.0);
}

/// Render the dossier of `scope` from the store and write it to `out`
/// (whole or not at all).
pub fn export(
    store: &Store,
    enterprise_id: &str,
    scope: Scope,
    out: &std::path::Path,
) -> Result<crate::model::ExportResult> {
    let d = gather(store, enterprise_id, scope)?;
    super::write_rendered(render(&d, chrono::Local::now())?, out)
}

/// The file name a save dialog suggests.
pub fn suggested_file_name(enterprise_name: &str, code: Option<&str>) -> String {
    let stem = super::safe_file_stem(enterprise_name);
    match code {
        Some(c) => format!("{stem}-{DOSSIER_TITLE}-{}.pdf", super::safe_file_stem(c)),
        None => format!("{stem}-{DOSSIER_TITLE}.pdf"),
    }
}
