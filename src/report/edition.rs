//! The self-assessment report in its two editions (spec §7, §8):
//! 报送版 (to submit) and 内部版 (for management). The 报送版 holds only what
//! an application needs at the level of the enterprise: never 密点 names or
//! 概述, carrier locations, system names, per-person data, the assessment's
//! free text, or a per-密点 gap list. Neither edition holds the OS user
//! name, file paths, or the words only a court may use.

use std::collections::BTreeMap;

use super::layout::{Align, Column, Doc, Style};
use super::{font, Rendered};
use crate::assess::{self, PointCoverage};
use crate::catalogue::{Catalogue, ControlLibrary};
use crate::error::Result;
use crate::model::{level::mark, Enterprise, SecretPoint, Status, Term};
use crate::score::{self, Score};
use crate::store::{Assessment, Evidence, PersonnelStats, RuleDoc, Store};

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub enum Edition {
    /// 报送版.
    Submission,
    /// 内部版.
    Internal,
}

impl Edition {
    pub fn title(self) -> &'static str {
        match self {
            Edition::Submission => "商业秘密保护示范企业创建自评报告",
            Edition::Internal => "商业秘密保护自查评估报告（内部版）",
        }
    }
    /// The title without the edition's suffix, for the cover.
    pub fn base_title(self) -> &'static str {
        self.title().trim_end_matches("（内部版）")
    }
    pub fn label(self) -> &'static str {
        match self {
            Edition::Submission => "报送版",
            Edition::Internal => "内部版",
        }
    }
    /// The file name a save dialog suggests: `<企业名称>-<报告名称>.pdf`, the
    /// 内部版 marked so that the two are not mixed up.
    pub fn suggested_file_name(self, enterprise_name: &str) -> String {
        let stem = super::safe_file_stem(enterprise_name);
        match self {
            Edition::Submission => format!("{stem}-{}.pdf", self.base_title()),
            Edition::Internal => format!("{stem}-{}（内部版）.pdf", self.base_title()),
        }
    }
}

/// Everything a report shows, read from the store once.
pub struct ReportData {
    pub enterprise: Enterprise,
    pub round: Option<Assessment>,
    pub previous: Option<(Assessment, Option<String>)>,
    pub catalogue: Catalogue,
    pub score: Score,
    pub points: Vec<SecretPoint>,
    pub levels: Vec<String>,
    pub stats: PersonnelStats,
    pub rules: Vec<RuleDoc>,
    pub evidence: Vec<Evidence>,
    pub coverage: Vec<PointCoverage>,
    pub first_agreement: Option<String>,
    pub trainings: Vec<(String, String)>,
    pub first_classification: Option<String>,
    pub tasks: Vec<crate::store::RemediationTask>,
    pub library: ControlLibrary,
    /// Names the 报送版 must not print, with what they name (密点名称,
    /// 涉密区域, 信息系统, 载体, 载体存放位置, 涉密人员).
    pub internal_names: Vec<(&'static str, String)>,
    /// The enterprise's audit chain head when the report was made.
    pub chain_head: crate::store::ChainHead,
}

/// The first internal name `text` contains, longest names first.
fn internal_name_in<'a>(d: &'a ReportData, text: &str) -> Option<&'a (&'static str, String)> {
    d.internal_names
        .iter()
        .find(|(_, n)| text.contains(n.as_str()))
}

/// Gather the names the 报送版 screens its free-standing texts for. Names
/// of one character are too short to tell apart from ordinary words; the
/// people the 报送版 names anyway (法定代表人, 填报人, 审核人) are left out.
fn internal_names(
    store: &Store,
    e: &Enterprise,
    points: &[SecretPoint],
    round: Option<&Assessment>,
) -> Result<Vec<(&'static str, String)>> {
    let mut names: Vec<(&'static str, String)> = Vec::new();
    names.extend(points.iter().map(|p| ("密点名称", p.name.clone())));
    names.extend(
        store
            .areas()
            .list(&e.id)?
            .into_iter()
            .map(|a| ("涉密区域", a.name)),
    );
    names.extend(
        store
            .systems()
            .list(&e.id)?
            .into_iter()
            .map(|a| ("信息系统", a.name)),
    );
    for c in store.carriers().list(&e.id)? {
        names.push(("载体", c.name));
        names.push(("载体存放位置", c.location));
    }
    let public: Vec<&str> = [e.legal_representative.as_str()]
        .into_iter()
        .chain(round.map(|r| r.filler.as_str()))
        .chain(round.map(|r| r.reviewer.as_str()))
        .map(str::trim)
        .collect();
    for p in store.people().list(&e.id)? {
        if !public.contains(&p.name.trim()) {
            names.push(("涉密人员", p.name));
        }
    }
    for (_, n) in &mut names {
        *n = n.trim().to_string();
    }
    names.retain(|(_, n)| n.chars().count() >= 2);
    names.sort_by(|a, b| b.1.chars().count().cmp(&a.1.chars().count()).then(a.cmp(b)));
    names.dedup_by(|a, b| a.1 == b.1);
    Ok(names)
}

pub fn gather(store: &Store, enterprise_id: &str, catalogue: Catalogue) -> Result<ReportData> {
    let enterprise = store.enterprises().get(enterprise_id)?;
    let rounds = store.rounds().list(enterprise_id)?;
    let round = rounds.last().cloned();
    let previous = if rounds.len() >= 2 {
        let p = rounds[rounds.len() - 2].clone();
        let snap = store.rounds().snapshot(p.id)?.map(|(s, _)| s);
        Some((p, snap))
    } else {
        None
    };
    let library = ControlLibrary::default_library()?;
    let base = round
        .as_ref()
        .and_then(|r| chrono::NaiveDate::parse_from_str(&r.base_date, "%Y-%m-%d").ok())
        .unwrap_or_else(|| chrono::Local::now().date_naive());
    let score = match &round {
        Some(r) => assess::score_round(store, r.id, &catalogue)?,
        None => score::score(
            &catalogue,
            &Default::default(),
            &assess::facts(store, enterprise_id, base, &library)?,
            base,
        ),
    };
    let points = store.points().list(enterprise_id)?;
    let mut first_agreement: Option<String> = None;
    for p in store.people().list(enterprise_id)? {
        for a in store.people().agreements(p.id)? {
            if first_agreement.as_ref().is_none_or(|f| a.signed_on < *f) {
                first_agreement = Some(a.signed_on.clone());
            }
        }
    }
    let mut first_classification: Option<String> = None;
    for p in &points {
        for a in store.points().approvals(p.id)? {
            if first_classification
                .as_ref()
                .is_none_or(|f| a.decided_on < *f)
            {
                first_classification = Some(a.decided_on.clone());
            }
        }
    }
    Ok(ReportData {
        chain_head: store.audit().head(Some(enterprise_id))?,
        internal_names: internal_names(store, &enterprise, &points, round.as_ref())?,
        levels: store.levels().list(enterprise_id)?,
        stats: store.people().stats(enterprise_id, base)?,
        rules: store.rules().list(enterprise_id)?,
        evidence: store.evidence().list(enterprise_id)?,
        coverage: assess::control_coverage(store, enterprise_id, &library)?,
        trainings: store
            .trainings()
            .list(enterprise_id)?
            .into_iter()
            .map(|t| (t.held_on.clone(), t.topic.clone()))
            .collect(),
        tasks: store.tasks().list(enterprise_id, None)?,
        enterprise,
        round,
        previous,
        catalogue,
        score,
        points,
        first_agreement,
        first_classification,
        library,
    })
}

fn col(title: &str, share: f32, align: Align) -> Column<'_> {
    Column {
        title,
        share,
        align,
    }
}

/// A change in points with its sign: "+3.5", "-1.0", "持平".
fn signed(delta: f64) -> String {
    let r = (delta * 10.0).round() / 10.0;
    if r == 0.0 {
        "持平".into()
    } else {
        format!("{r:+.1}")
    }
}

/// Render one edition. `copy` is the copy number printed on the cover.
pub fn render(
    d: &ReportData,
    edition: Edition,
    copy: u32,
    generated: chrono::DateTime<chrono::Local>,
) -> Result<Rendered> {
    let (doc, warnings) = compose(d, edition, copy, generated, false)?;
    let missing_chars = doc.missing_chars();
    Ok(Rendered {
        bytes: doc.finish(),
        missing_chars,
        warnings,
    })
}

/// Lay out one edition without serialising it, with the warnings for the
/// user. With `record`, the document keeps a transcript of its blocks
/// (`Doc::transcript`).
pub fn compose(
    d: &ReportData,
    edition: Edition,
    copy: u32,
    generated: chrono::DateTime<chrono::Local>,
    record: bool,
) -> Result<(Doc, Vec<String>)> {
    let mut warnings = Vec::new();
    // Texts the 报送版 prints as the enterprise wrote them: say so when one
    // names something internal.
    let screen = |warnings: &mut Vec<String>, what: &str, text: &str| {
        if edition == Edition::Submission {
            if let Some((kind, name)) = internal_name_in(d, text) {
                warnings.push(format!(
                    "报送版的{what}含有{kind}“{name}”，请确认可以对外提供，或改写后重新导出。"
                ));
            }
        }
    };
    let fonts = font::fonts()?;
    let e = &d.enterprise;
    let top_level = d.levels.first().cloned().unwrap_or_default();
    let short = if e.short_name.trim().is_empty() {
        e.name.clone()
    } else {
        e.short_name.clone()
    };
    let own_mark = format!("{short} {}", mark(&top_level, Some(&Term::LongTerm)));
    let header = format!(
        "{} · {}（{}）",
        e.name,
        edition.base_title(),
        edition.label()
    );
    let mut doc = Doc::new(fonts, edition.title(), &e.name, &header);
    if record {
        doc.record();
    }
    doc.set_creation_date(generated.timestamp());
    let draft = d.score.draft;
    let right = match (edition, draft) {
        (Edition::Internal, true) => format!("{own_mark}　草稿"),
        (Edition::Internal, false) => own_mark.clone(),
        (Edition::Submission, true) => "草稿".to_string(),
        (Edition::Submission, false) => String::new(),
    };
    doc.set_header_right(&right);
    let body = Style::BODY;
    let gray = (0.35, 0.35, 0.35);
    let round = d.round.as_ref();
    let base_date = round
        .map(|r| r.base_date.clone())
        .unwrap_or_else(|| "（尚未开始自评）".into());

    // Cover: title block at a third of the page, then the particulars.
    doc.space(38.0);
    doc.paragraph(
        edition.base_title(),
        body.size(22.0).bold().align(Align::Center),
    );
    doc.space(3.0);
    doc.paragraph(
        &format!("（{}）", edition.label()),
        body.size(13.0).align(Align::Center).color(gray),
    );
    if draft {
        doc.space(4.0);
        doc.paragraph(
            "草　稿",
            body.size(18.0)
                .bold()
                .align(Align::Center)
                .color((0.75, 0.1, 0.1)),
        );
    }
    doc.space(34.0);
    let filled = |s: Option<&str>| {
        s.filter(|s| !s.trim().is_empty())
            .unwrap_or("未填写")
            .to_string()
    };
    let particulars = vec![
        ("企业名称".to_string(), e.name.clone()),
        ("统一社会信用代码".into(), filled(e.credit_code.as_deref())),
        ("自评基准日".into(), base_date.clone()),
        (
            "评价目录".into(),
            format!("{}（{} 版）", d.catalogue.title, d.catalogue.version),
        ),
        ("填报人".into(), filled(round.map(|r| r.filler.as_str()))),
        ("审核人".into(), filled(round.map(|r| r.reviewer.as_str()))),
        ("报告份号".into(), format!("第 {copy} 份")),
        (
            "生成日期".into(),
            generated.format("%Y年%m月%d日").to_string(),
        ),
    ];
    doc.pairs(&particulars, 78.0, 12.0);
    if edition == Edition::Internal {
        doc.space(10.0);
        doc.paragraph(
            &own_mark,
            body.size(13.0)
                .bold()
                .align(Align::Center)
                .color((0.6, 0.1, 0.1)),
        );
    }

    // Statement page.
    doc.new_page();
    doc.heading("声明", 1);
    let mut statement = vec![
        "本报告为企业自评报告，不是主管部门的评审结论，也不表示企业具备或不具备申报资格。"
            .to_string(),
        format!(
            "本报告所用评价目录为《{}》（{} 版）。{}",
            d.catalogue.title, d.catalogue.version, d.catalogue.statement
        ),
        "报告中的数据由企业填报，企业对其真实性、准确性负责。".to_string(),
    ];
    match edition {
        Edition::Submission => statement.push(
            "本报告含企业商业秘密保护信息，属于第三方商业秘密，请依《政府信息公开条例》第十五条不予公开；如拟公开，请依该条例第三十二条征求本企业意见。".into(),
        ),
        Edition::Internal => statement.push(format!(
            "本报告为内部资料，列有密点名称和概述，标识为“{own_mark}”，请按本企业商业秘密管理制度控制知悉范围，不得对外提供。"
        )),
    }
    for s in &statement {
        doc.paragraph(s, body);
        doc.space(2.0);
    }

    // 一、基本情况
    doc.new_page();
    doc.heading("一、基本情况", 1);
    let or = |s: &str| {
        if s.trim().is_empty() {
            "未填写".to_string()
        } else {
            s.to_string()
        }
    };
    let profile = vec![
        vec!["企业名称".to_string(), e.name.clone()],
        vec![
            "统一社会信用代码".into(),
            e.credit_code.clone().unwrap_or_else(|| "未填写".into()),
        ],
        vec!["所属行业".into(), or(&e.industry)],
        vec!["所在乡镇/街道".into(), or(&e.township)],
        vec!["地址".into(), or(&e.address)],
        vec!["法定代表人".into(), or(&e.legal_representative)],
        vec![
            "职工人数".into(),
            e.headcount
                .map(|h| h.to_string())
                .unwrap_or_else(|| "未填写".into()),
        ],
        vec!["主要产品".into(), or(&e.key_products)],
    ];
    doc.table(
        &[col("项目", 1.2, Align::Left), col("内容", 3.8, Align::Left)],
        &profile,
    );

    // 二、主要做法与成效
    doc.heading("二、主要做法与成效", 1);
    let live: Vec<&SecretPoint> = d
        .points
        .iter()
        .filter(|p| !matches!(p.status, Status::Declassified | Status::Disclosed))
        .collect();
    doc.paragraph(
        &format!(
            "企业已梳理密点 {} 个（另有已解密或已公开的 {} 个），按类别和密级统计如下。",
            live.len(),
            d.points.len() - live.len()
        ),
        body,
    );
    let mut counts: BTreeMap<(&str, &str), usize> = BTreeMap::new();
    for p in &live {
        *counts
            .entry((p.category.label(), p.level.as_str()))
            .or_default() += 1;
    }
    let mut rows = Vec::new();
    for cat in crate::model::Category::ALL {
        let mut row = vec![cat.label().to_string()];
        for l in &d.levels {
            row.push(
                counts
                    .get(&(cat.label(), l.as_str()))
                    .copied()
                    .unwrap_or(0)
                    .to_string(),
            );
        }
        rows.push(row);
    }
    let mut cols = vec![col("类别", 1.6, Align::Left)];
    for l in &d.levels {
        cols.push(col(l, 1.0, Align::Center));
    }
    doc.table(&cols, &rows);
    let people = format!(
        "涉密人员 {} 人，保密协议（含保密条款、承诺书）签署率 {}%；近 12 个月保密培训覆盖率 {}%。已建立商业秘密管理制度 {} 项{}",
        d.stats.current_people,
        d.stats.agreement_percent,
        d.stats.training_percent,
        d.rules.len(),
        if d.rules.is_empty() { "。" } else { "：" }
    );
    let rule_rows: Vec<Vec<String>> = d
        .rules
        .iter()
        .map(|r| vec![r.title.clone(), r.doc_no.clone(), r.issued_on.clone()])
        .collect();
    if rule_rows.is_empty() {
        doc.paragraph(&people, body);
    } else {
        doc.captioned_table(
            &people,
            body,
            &[
                col("制度名称", 3.0, Align::Left),
                col("文号", 1.8, Align::Center),
                col("印发日期", 1.2, Align::Center),
            ],
            &rule_rows,
        );
    }
    let domain_rows: Vec<Vec<String>> = d
        .score
        .domains
        .iter()
        .map(|dm| {
            vec![
                dm.name.clone(),
                dm.weight.to_string(),
                dm.score
                    .map(|s| s.to_string())
                    .unwrap_or_else(|| "不适用".into()),
            ]
        })
        .collect();
    doc.captioned_table(
        "各领域落实情况（得分为该领域得分率，满分 100）：",
        body,
        &[
            col("领域", 3.0, Align::Left),
            col("分值", 1.0, Align::Center),
            col("得分", 1.0, Align::Center),
        ],
        &domain_rows,
    );

    // 三、特色做法
    doc.heading("三、特色做法", 1);
    screen(
        &mut warnings,
        "特色做法",
        round.map_or("", |r| r.highlights.as_str()),
    );
    doc.paragraph(
        round
            .map(|r| r.highlights.as_str())
            .filter(|s| !s.trim().is_empty())
            .unwrap_or("（未填写）"),
        body,
    );

    // 四、自评结果
    doc.heading("四、自评结果", 1);
    let s = &d.score;
    doc.paragraph(
        &format!(
            "总分：{}　　等级：{}　　结论：{}",
            s.total,
            s.tier.label(),
            s.verdict_zh()
        ),
        body.bold(),
    );
    for c in &s.caps {
        doc.paragraph(&format!("说明：{}", c.zh()), body.color(gray));
    }
    let labels: Vec<String> = s
        .domains
        .iter()
        .filter(|d| d.score.is_some())
        .map(|d| d.name.clone())
        .collect();
    let values: Vec<f32> = s
        .domains
        .iter()
        .filter_map(|d| d.score)
        .map(|t| t.0 as f32 / 10.0)
        .collect();
    doc.radar(&labels, &values, 78.0);
    let basic_rows: Vec<Vec<String>> = s
        .basic_items
        .iter()
        .map(|b| {
            vec![
                b.criterion.clone(),
                b.title.clone(),
                b.status.label().to_string(),
            ]
        })
        .collect();
    doc.captioned_table(
        "基础项（本目录设定，非官方）：",
        body.bold(),
        &[
            col("编号", 0.9, Align::Center),
            col("基础项", 4.0, Align::Left),
            col("状态", 1.0, Align::Center),
        ],
        &basic_rows,
    );
    let unanswered: Vec<String> = s
        .criteria
        .iter()
        .filter(|c| c.status == crate::store::AnswerStatus::Unanswered)
        .map(|c| c.criterion.clone())
        .collect();
    if !unanswered.is_empty() {
        doc.paragraph(
            &format!(
                "未评项目（{} 项）：{}",
                unanswered.len(),
                unanswered.join("、")
            ),
            body,
        );
    }
    for w in &s.warnings {
        doc.paragraph(&format!("提示：{}", w.zh()), body.color(gray));
    }

    // 五、存在问题与整改计划
    doc.heading("五、存在问题与整改计划", 1);
    let lost: Vec<(String, f32, String)> = s
        .domains
        .iter()
        .filter(|dm| dm.lost.0 > 0)
        .map(|dm| {
            (
                dm.name.clone(),
                dm.lost.0 as f32 / 10.0,
                format!("{} 分", dm.lost),
            )
        })
        .collect();
    if !lost.is_empty() {
        let mut lost = lost;
        lost.sort_by(|a, b| b.1.total_cmp(&a.1));
        doc.paragraph(
            &format!(
                "各领域影响总分的分值（合计 {} 分，即 100 分减去总分）：",
                s.lost
            ),
            body.bold(),
        );
        let max = s.domains.iter().map(|dm| dm.weight).max().unwrap_or(1) as f32;
        doc.bars(&lost, max);
    }
    match edition {
        Edition::Submission => {
            // By domain only: a per-密点 or per-item list would be an attack map.
            let mut by_domain: BTreeMap<usize, (String, usize)> = BTreeMap::new();
            for g in &s.gaps {
                let idx = s
                    .domains
                    .iter()
                    .position(|dm| dm.name == g.domain)
                    .unwrap_or(usize::MAX);
                let entry = by_domain
                    .entry(idx)
                    .or_insert_with(|| (g.domain.clone(), 0));
                entry.1 += 1;
            }
            let rows: Vec<Vec<String>> = by_domain
                .values()
                .map(|(name, n)| {
                    // A gap is planned when a task of this round (or of no
                    // round) names its criterion.
                    let planned: Vec<&crate::store::RemediationTask> = s
                        .gaps
                        .iter()
                        .filter(|g| &g.domain == name)
                        .filter_map(|g| {
                            d.tasks.iter().find(|t| {
                                t.criterion_id.as_deref() == Some(g.criterion.as_str())
                                    && (t.assessment_id.is_none()
                                        || t.assessment_id == round.map(|r| r.id))
                            })
                        })
                        .collect();
                    let last_due = planned.iter().map(|t| t.due_on.as_str()).max();
                    let plan = match (planned.len(), last_due) {
                        (0, _) | (_, None) => "尚待制定整改计划".to_string(),
                        (k, Some(due)) if k == *n => {
                            format!("已全部列入整改台账，计划 {due} 前完成")
                        }
                        (k, Some(due)) => format!(
                            "{k} 项已列入整改台账（计划 {due} 前完成），{} 项尚待安排",
                            n - k
                        ),
                    };
                    vec![name.clone(), n.to_string(), plan]
                })
                .collect();
            if rows.is_empty() {
                doc.paragraph("对照评价目录，未发现需整改的问题。", body);
            } else {
                doc.captioned_table(
                    "对照评价目录，存在的问题按领域汇总如下（各领域失分见上图）：",
                    body,
                    &[
                        col("领域", 2.5, Align::Left),
                        col("待改进项数", 1.2, Align::Center),
                        col("整改安排", 2.5, Align::Left),
                    ],
                    &rows,
                );
            }
        }
        Edition::Internal => {
            let rows: Vec<Vec<String>> = s
                .gaps
                .iter()
                .map(|g| {
                    vec![
                        format!("{}{}", g.criterion, if g.basic { "（基础项）" } else { "" }),
                        g.title.clone(),
                        g.status.label().to_string(),
                        g.points_lost.to_string(),
                        g.action.clone(),
                    ]
                })
                .collect();
            if rows.is_empty() {
                doc.paragraph("对照评价目录，未发现需整改的问题。", body);
            } else {
                doc.table(
                    &[
                        col("编号", 1.1, Align::Center),
                        col("问题", 2.2, Align::Left),
                        col("现状", 0.9, Align::Center),
                        col("失分", 0.7, Align::Center),
                        col("整改措施", 3.6, Align::Left),
                    ],
                    &rows,
                );
            }
            if !d.tasks.is_empty() {
                let rows: Vec<Vec<String>> = d
                    .tasks
                    .iter()
                    .map(|t| {
                        vec![
                            t.title.clone(),
                            t.owner_role.clone(),
                            t.due_on.clone(),
                            t.status.label().to_string(),
                            t.closed_on.clone().unwrap_or_default(),
                        ]
                    })
                    .collect();
                doc.captioned_table(
                    "整改台账：",
                    body.bold(),
                    &[
                        col("整改事项", 3.0, Align::Left),
                        col("责任岗位", 1.3, Align::Center),
                        col("期限", 1.2, Align::Center),
                        col("状态", 1.0, Align::Center),
                        col("完成日期", 1.2, Align::Center),
                    ],
                    &rows,
                );
            }
        }
    }

    // 六、下一步工作
    doc.heading("六、下一步工作", 1);
    screen(
        &mut warnings,
        "下一步工作",
        round.map_or("", |r| r.next_steps.as_str()),
    );
    doc.paragraph(
        round
            .map(|r| r.next_steps.as_str())
            .filter(|s| !s.trim().is_empty())
            .unwrap_or("（未填写）"),
        body,
    );

    if edition == Edition::Internal {
        internal_sections(&mut doc, d);
    }

    // 附件
    doc.new_page();
    doc.heading("附件一：佐证材料目录", 1);
    let mut withheld = Vec::new();
    let ev_rows: Vec<Vec<String>> = d
        .evidence
        .iter()
        .enumerate()
        .map(|(i, ev)| {
            let title = match (edition, internal_name_in(d, &ev.title)) {
                (Edition::Submission, Some((kind, name))) => {
                    withheld.push(format!(
                        "佐证材料“{}”的标题含有{kind}“{name}”，报送版未列出该标题；如需列出，请改用不含内部名称的标题。",
                        ev.title
                    ));
                    "（标题含内部名称，报送版不列出）".to_string()
                }
                _ => ev.title.clone(),
            };
            vec![
                (i + 1).to_string(),
                title,
                ev.kind.label().to_string(),
                ev.effective_on.clone(),
                ev.sha256.chars().take(12).collect(),
            ]
        })
        .collect();
    warnings.append(&mut withheld);
    if ev_rows.is_empty() {
        doc.paragraph("（尚未登记佐证材料）", body);
    } else {
        doc.table(
            &[
                col("序号", 0.7, Align::Center),
                col("材料名称", 3.4, Align::Left),
                col("类型", 1.1, Align::Center),
                col("生效日期", 1.3, Align::Center),
                col("指纹（SHA-256 前 12 位）", 1.9, Align::Center),
            ],
            &ev_rows,
        );
    }
    doc.heading("附件二：保密措施建立时间线", 1);
    let mut events: Vec<(String, String)> = Vec::new();
    for r in &d.rules {
        screen(&mut warnings, &format!("制度名称《{}》", r.title), &r.title);
        events.push((
            r.issued_on.clone(),
            format!("印发《{}》（{}）", r.title, r.doc_no),
        ));
    }
    if let Some(a) = &d.first_agreement {
        events.push((a.clone(), "首份保密协议签订".into()));
    }
    if let Some(a) = &d.first_classification {
        events.push((a.clone(), "首个密点完成定密审批".into()));
    }
    for (on, topic) in &d.trainings {
        screen(&mut warnings, &format!("培训主题“{topic}”"), topic);
        events.push((on.clone(), format!("开展保密培训：{topic}")));
    }
    events.sort();
    let rows: Vec<Vec<String>> = events.into_iter().map(|(a, b)| vec![a, b]).collect();
    if rows.is_empty() {
        doc.paragraph("（尚无可列入时间线的记录）", body);
    } else {
        doc.table(
            &[
                col("日期", 1.2, Align::Center),
                col("事项", 5.0, Align::Left),
            ],
            &rows,
        );
    }

    // Sign-off.
    doc.ensure(60.0);
    doc.space(10.0);
    doc.paragraph("企业对本报告内容的真实性负责。", body);
    doc.space(12.0);
    doc.paragraph("法定代表人（或授权负责人）签字：____________________", body);
    doc.space(8.0);
    doc.paragraph("企业公章：", body);
    doc.space(14.0);
    doc.paragraph("日期：______年____月____日", body);
    // The audit chain's head: a printed report anchors the log.
    doc.space(14.0);
    doc.paragraph(
        &format!(
            "操作记录校验值：{}（本报告生成时本企业操作记录的条数与校验码，可用于日后核对记录未被删改）",
            d.chain_head.anchor()
        ),
        body.size(9.0),
    );
    Ok((doc, warnings))
}

/// The 内部版's own sections: the register by 代号, name and 概述; control
/// coverage per 密点; the expiry and 复核 list; the trend.
fn internal_sections(doc: &mut Doc, d: &ReportData) {
    let body = Style::BODY;
    doc.heading("七、密点台账", 1);
    let rows: Vec<Vec<String>> = d
        .points
        .iter()
        .map(|p| {
            vec![
                p.code.clone(),
                p.name.clone(),
                p.summary.clone(),
                p.level.clone(),
                p.term.map(|t| t.label()).unwrap_or_else(|| "未定".into()),
                p.status.label().to_string(),
            ]
        })
        .collect();
    doc.table(
        &[
            col("代号", 1.5, Align::Left),
            col("名称", 2.2, Align::Left),
            col("概述", 2.6, Align::Left),
            col("密级", 1.1, Align::Center),
            col("保密期限", 1.6, Align::Center),
            col("状态", 1.1, Align::Center),
        ],
        &rows,
    );
    doc.heading("八、全过程保密管理覆盖情况", 1);
    let rows: Vec<Vec<String>> = d
        .coverage
        .iter()
        .map(|c| {
            vec![
                c.code.clone(),
                c.level.clone(),
                format!("{}/{}", c.in_place, c.required),
                format!("{}%", c.percent),
                if c.uncovered.is_empty() {
                    "—".into()
                } else {
                    c.uncovered.join("、")
                },
            ]
        })
        .collect();
    doc.table(
        &[
            col("代号", 1.5, Align::Left),
            col("密级", 1.1, Align::Center),
            col("已落实/应落实", 1.4, Align::Center),
            col("覆盖率", 1.0, Align::Center),
            col("未落实的控制措施", 3.0, Align::Left),
        ],
        &rows,
    );
    let named: std::collections::BTreeSet<&str> = d
        .coverage
        .iter()
        .flat_map(|c| c.uncovered.iter().map(String::as_str))
        .collect();
    if !named.is_empty() {
        let rows: Vec<Vec<String>> = d
            .library
            .controls
            .iter()
            .filter(|c| named.contains(c.id.as_str()))
            .map(|c| vec![c.id.clone(), c.stage.clone(), c.requirement.clone()])
            .collect();
        doc.captioned_table(
            "表中未落实的控制措施：",
            body.bold(),
            &[
                col("编号", 0.8, Align::Center),
                col("环节", 1.2, Align::Center),
                col("控制要求", 5.0, Align::Left),
            ],
            &rows,
        );
    }
    doc.heading("九、到期与复核清单", 1);
    let mut due: Vec<Vec<String>> = Vec::new();
    for p in &d.points {
        if let Some(Term::Until(day)) = p.term {
            due.push(vec![
                day.format("%Y-%m-%d").to_string(),
                p.code.clone(),
                "保密期限届满".into(),
            ]);
        }
        if let Some(r) = &p.review_due {
            due.push(vec![r.clone(), p.code.clone(), "密点复核".into()]);
        }
    }
    due.sort();
    if due.is_empty() {
        doc.paragraph("（无到期或待复核事项）", body);
    } else {
        doc.table(
            &[
                col("日期", 1.2, Align::Center),
                col("代号", 1.5, Align::Left),
                col("事项", 2.0, Align::Left),
            ],
            &due,
        );
    }
    doc.heading("十、与上次自评对比", 1);
    match &d.previous {
        Some((p, Some(snapshot))) => {
            let snap = serde_json::from_str::<serde_json::Value>(snapshot).ok();
            let prev = snap.as_ref().and_then(|v| v["total"].as_f64());
            let text = match prev {
                Some(t) => format!(
                    "第 {} 次自评（基准日 {}）总分 {:.1}，本次 {}（{}）。",
                    p.round_no,
                    p.base_date,
                    t,
                    d.score.total,
                    signed(d.score.total.0 as f64 / 10.0 - t)
                ),
                None => format!("第 {} 次自评的快照不可读。", p.round_no),
            };
            doc.paragraph(&text, body);
            let before: BTreeMap<&str, f64> = snap
                .as_ref()
                .and_then(|v| v["domains"].as_array())
                .into_iter()
                .flatten()
                .filter_map(|dom| Some((dom["id"].as_str()?, dom["score"].as_f64()?)))
                .collect();
            if !before.is_empty() {
                let rows: Vec<Vec<String>> = d
                    .score
                    .domains
                    .iter()
                    .map(|dom| {
                        let now = dom.score.map(|t| t.0 as f64 / 10.0);
                        let then = before.get(dom.id.as_str()).copied();
                        let show =
                            |v: Option<f64>| v.map_or("不适用".into(), |v| format!("{v:.1}"));
                        vec![
                            dom.name.clone(),
                            show(then),
                            show(now),
                            match (then, now) {
                                (Some(a), Some(b)) => signed(b - a),
                                _ => "—".into(),
                            },
                        ]
                    })
                    .collect();
                doc.table(
                    &[
                        col("领域", 2.4, Align::Left),
                        col("上次得分", 1.0, Align::Center),
                        col("本次得分", 1.0, Align::Center),
                        col("变化", 1.0, Align::Center),
                    ],
                    &rows,
                );
            }
        }
        Some((p, None)) => doc.paragraph(
            &format!("第 {} 次自评尚未完成，无可比数据。", p.round_no),
            body,
        ),
        None => doc.paragraph("这是本企业的第一次自评，尚无可比数据。", body),
    }
}
