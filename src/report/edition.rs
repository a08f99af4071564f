//! The self-assessment report in its two editions (spec §7, §8), composed
//! into the content model (`report::content`) section by section:
//!
//! - the 报送版 (`submission`), submitted with an application: a package a
//!   bureau expects (报送函, 信用承诺书, the request not to disclose, the
//!   organisation, results without a verdict, a gap summary by domain, an
//!   annex list) and nothing that maps the secrets or names people;
//! - the 内部版 (`internal`), for management and counsel: written so that
//!   it can be produced in court without harm — gaps by control and
//!   domain in neutral words, never next to a 密点 name; no 密点 register
//!   (that is the 一密一档, `report::dossier`).
//!
//! Neither edition says whether the enterprise is eligible, prints a tier
//! or a 结论, dates when protection began, or uses the words only a court
//! may use. Both end with the audit chain's head.

mod internal;
mod submission;

use std::collections::BTreeMap;

use super::content::{col, Content};
use super::layout::{Align, Style};
use super::{Rendered, ReportFormat};
use crate::assess::{self, PointCoverage};
use crate::catalogue::{Catalogue, ControlLibrary};
use crate::error::Result;
use crate::model::{Enterprise, ExportWarning, NameKind, SecretPoint, Status, TextPlace};
use crate::score::{self, Gap, GapKind, Score};
use crate::store::{
    Assessment, Evidence, EvidenceLink, EvidenceTargetKind, PersonnelStats, RemediationTask,
    RuleDoc, SelfDeclaration, Store,
};

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub enum Edition {
    /// 报送版.
    Submission,
    /// 内部版.
    Internal,
}

impl Edition {
    /// The title on the cover and in the PDF's metadata. The 报送版 carries
    /// no edition label (a label invites "where is the full one?").
    pub fn title(self) -> &'static str {
        match self {
            Edition::Submission => "商业秘密保护示范企业创建自评报告",
            Edition::Internal => "商业秘密保护自查评估报告（内部版）",
        }
    }
    /// The title without the edition's suffix.
    pub fn base_title(self) -> &'static str {
        self.title().trim_end_matches("（内部版）")
    }
    pub fn label(self) -> &'static str {
        match self {
            Edition::Submission => "报送版",
            Edition::Internal => "内部版",
        }
    }
    /// The file name a save dialog suggests: `<企业名称>-<报告名称>.pdf`
    /// (or `.docx`), the 内部版 marked so that the two are not mixed up.
    pub fn suggested_file_name(self, enterprise_name: &str, format: ReportFormat) -> String {
        let stem = super::safe_file_stem(enterprise_name);
        format!("{stem}-{}.{}", self.title(), format.extension())
    }
}

/// Everything a report shows, read from the store once.
pub struct ReportData {
    pub enterprise: Enterprise,
    pub round: Option<Assessment>,
    /// The last closed round before this one, with its score snapshot.
    pub previous: Option<(Assessment, Option<String>)>,
    pub catalogue: Catalogue,
    pub score: Score,
    pub points: Vec<SecretPoint>,
    pub levels: Vec<String>,
    pub stats: PersonnelStats,
    pub rules: Vec<RuleDoc>,
    pub evidence: Vec<Evidence>,
    /// What each piece of evidence is attached to.
    pub evidence_links: Vec<EvidenceLink>,
    pub coverage: Vec<PointCoverage>,
    /// Trainings held (date, topic).
    pub trainings: Vec<(String, String)>,
    pub tasks: Vec<RemediationTask>,
    pub declaration: Option<SelfDeclaration>,
    pub library: ControlLibrary,
    /// Names the 报送版 must not print, with what they name (密点名称,
    /// 涉密区域, 信息系统, 载体, 载体存放位置, 涉密人员).
    pub internal_names: Vec<(NameKind, String)>,
    /// The enterprise's audit chain head when the report was made.
    pub chain_head: crate::store::ChainHead,
}

/// The first internal name `text` contains, longest names first.
fn internal_name_in<'a>(d: &'a ReportData, text: &str) -> Option<&'a (NameKind, String)> {
    d.internal_names
        .iter()
        .find(|(_, n)| text.contains(n.as_str()))
}

/// Gather the names the 报送版 screens its free-standing texts for. Names
/// of one character are too short to tell apart from ordinary words; the
/// people the 报送版 names anyway (法定代表人, 填报人, 审核人, 联系人, the
/// organisation's lead) are left out.
fn internal_names(
    store: &Store,
    e: &Enterprise,
    points: &[SecretPoint],
    round: Option<&Assessment>,
) -> Result<Vec<(NameKind, String)>> {
    let mut names: Vec<(NameKind, String)> = Vec::new();
    names.extend(points.iter().map(|p| (NameKind::PointName, p.name.clone())));
    names.extend(
        store
            .areas()
            .list(&e.id)?
            .into_iter()
            .map(|a| (NameKind::Area, a.name)),
    );
    names.extend(
        store
            .systems()
            .list(&e.id)?
            .into_iter()
            .map(|a| (NameKind::System, a.name)),
    );
    for c in store.carriers().list(&e.id)? {
        names.push((NameKind::Carrier, c.name));
        names.push((NameKind::CarrierLocation, c.location));
    }
    let public: Vec<&str> = [
        e.legal_representative.as_str(),
        e.contact.as_str(),
        e.work_lead.as_str(),
    ]
    .into_iter()
    .chain(round.map(|r| r.filler.as_str()))
    .chain(round.map(|r| r.reviewer.as_str()))
    .map(str::trim)
    .collect();
    for p in store.people().list(&e.id)? {
        if !public.contains(&p.name.trim()) {
            names.push((NameKind::Person, p.name));
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
    let previous = match rounds.iter().rev().skip(1).find(|r| r.closed_at.is_some()) {
        Some(p) => {
            let snap = store.rounds().snapshot(p.id)?.map(|(s, _)| s);
            Some((p.clone(), snap))
        }
        None => None,
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
    Ok(ReportData {
        chain_head: store.audit().head(Some(enterprise_id))?,
        internal_names: internal_names(store, &enterprise, &points, round.as_ref())?,
        levels: store.levels().list(enterprise_id)?,
        stats: store.people().stats(enterprise_id, base)?,
        rules: store.rules().list(enterprise_id)?,
        evidence: store.evidence().list(enterprise_id)?,
        evidence_links: store.evidence().links_of_enterprise(enterprise_id)?,
        coverage: assess::control_coverage(store, enterprise_id, &library)?,
        trainings: store
            .trainings()
            .list(enterprise_id)?
            .into_iter()
            .map(|t| (t.held_on.clone(), t.topic.clone()))
            .collect(),
        tasks: store.tasks().list(enterprise_id, None)?,
        declaration: store.enterprises().self_declaration(enterprise_id)?,
        enterprise,
        round,
        previous,
        catalogue,
        score,
        points,
        library,
    })
}

/// Render one edition. `copy` is the copy number the 内部版 carries.
pub fn render(
    d: &ReportData,
    edition: Edition,
    copy: u32,
    generated: chrono::DateTime<chrono::Local>,
) -> Result<Rendered> {
    render_as(d, edition, copy, generated, ReportFormat::Pdf)
}

/// Render one edition in a format (PDF or Word), from the same content.
pub fn render_as(
    d: &ReportData,
    edition: Edition,
    copy: u32,
    generated: chrono::DateTime<chrono::Local>,
    format: ReportFormat,
) -> Result<Rendered> {
    let (content, warnings) = compose(d, edition, copy, generated);
    let (bytes, missing_chars) = format.render(&content)?;
    Ok(Rendered {
        bytes,
        missing_chars,
        warnings,
    })
}

/// Compose one edition into the content model, with what the user should
/// know about it (in Chinese).
pub fn compose(
    d: &ReportData,
    edition: Edition,
    copy: u32,
    generated: chrono::DateTime<chrono::Local>,
) -> (Content, Vec<ExportWarning>) {
    let mut w = Writer::new(d, edition, generated);
    match edition {
        Edition::Submission => submission::compose(&mut w),
        Edition::Internal => internal::compose(&mut w, copy),
    }
    (w.c, w.warnings)
}

/// What the user should settle before exporting a 报送版 (shown by the app
/// before it exports; the same list comes back with the export).
pub fn preflight(d: &ReportData) -> Vec<ExportWarning> {
    let mut w = Writer::new(d, Edition::Submission, chrono::Local::now());
    submission::compose(&mut w);
    w.warnings
}

/// The composition under way: the report's data, the content so far, and
/// the warnings collected.
struct Writer<'a> {
    d: &'a ReportData,
    edition: Edition,
    generated: chrono::DateTime<chrono::Local>,
    c: Content,
    warnings: Vec<ExportWarning>,
}

const BODY: Style = Style::BODY;
const GRAY: (f32, f32, f32) = (0.35, 0.35, 0.35);
const RED: (f32, f32, f32) = (0.75, 0.1, 0.1);

impl<'a> Writer<'a> {
    fn new(
        d: &'a ReportData,
        edition: Edition,
        generated: chrono::DateTime<chrono::Local>,
    ) -> Writer<'a> {
        let e = &d.enterprise;
        let mut c = Content::new(
            edition.title(),
            &e.name,
            &format!("{} · {}", e.name, edition.title()),
        );
        c.created = Some(generated.timestamp());
        Writer {
            d,
            edition,
            generated,
            c,
            warnings: Vec::new(),
        }
    }

    fn warn(&mut self, w: ExportWarning) {
        if !self.warnings.contains(&w) {
            self.warnings.push(w);
        }
    }

    /// In the 报送版, warn when a text printed as the enterprise wrote it
    /// names something internal.
    fn screen(&mut self, place: TextPlace, text: &str) {
        if self.edition == Edition::Submission {
            if let Some((kind, name)) = internal_name_in(self.d, text) {
                self.warn(ExportWarning::InternalName {
                    place,
                    text: text.to_string(),
                    kind: *kind,
                    name: name.clone(),
                });
            }
        }
    }

    fn round(&self) -> Option<&'a Assessment> {
        self.d.round.as_ref()
    }

    fn generated_day(&self) -> String {
        self.generated.format("%Y年%m月%d日").to_string()
    }

    /// The title block of a cover, a third of the way down.
    fn cover_title(&mut self, title: &str) {
        self.c.space(38.0);
        self.c
            .paragraph(title, BODY.size(22.0).bold().align(Align::Center));
        if self.d.score.draft {
            self.c.space(4.0).paragraph(
                "草　稿",
                BODY.size(18.0).bold().align(Align::Center).color(RED),
            );
        }
    }

    /// 企业基本情况 as a two-column table.
    fn profile(&mut self) {
        let e = &self.d.enterprise;
        let rows = vec![
            vec!["企业名称".to_string(), e.name.clone()],
            vec![
                "统一社会信用代码".into(),
                filled(e.credit_code.as_deref().unwrap_or("")),
            ],
            vec!["所属行业".into(), filled(&e.industry)],
            vec!["所在乡镇/街道".into(), filled(&e.township)],
            vec!["地址".into(), filled(&e.address)],
            vec!["法定代表人".into(), filled(&e.legal_representative)],
            vec![
                "职工人数".into(),
                e.headcount.map_or("未填写".into(), |h| h.to_string()),
            ],
            vec!["主要产品".into(), filled(&e.key_products)],
        ];
        self.c.table(
            vec![col("项目", 1.2, Align::Left), col("内容", 3.8, Align::Left)],
            rows,
        );
    }

    /// 组织领导: who leads the work, the department in charge, the 领导小组.
    fn organisation(&mut self) {
        let e = &self.d.enterprise;
        let rows = vec![
            vec!["牵头负责人".to_string(), filled(&e.work_lead)],
            vec!["保密工作责任部门".into(), filled(&e.work_office)],
            vec![
                "领导小组".into(),
                if e.leading_group.trim().is_empty() {
                    "未设立或未填写".into()
                } else {
                    e.leading_group.clone()
                },
            ],
        ];
        if e.work_lead.trim().is_empty() || e.work_office.trim().is_empty() {
            self.warn(ExportWarning::OrganisationIncomplete);
        }
        self.c.table(
            vec![col("项目", 1.2, Align::Left), col("情况", 3.8, Align::Left)],
            rows,
        );
    }

    /// The live 密点 by category and level; in the 内部版 the 已解密 and
    /// the 已公开（失密） ones each on their own line (never together).
    fn point_counts(&mut self) {
        let d = self.d;
        let live: Vec<&SecretPoint> = d
            .points
            .iter()
            .filter(|p| !matches!(p.status, Status::Declassified | Status::Disclosed))
            .collect();
        self.c.paragraph(
            &format!(
                "企业已梳理并登记在管的密点 {} 个，按类别和密级统计如下。",
                live.len()
            ),
            BODY,
        );
        if self.edition == Edition::Internal {
            let count = |s: Status| d.points.iter().filter(|p| p.status == s).count();
            let (declassified, disclosed) = (count(Status::Declassified), count(Status::Disclosed));
            if declassified > 0 {
                self.c
                    .paragraph(&format!("另有已解密的密点 {declassified} 个。"), BODY);
            }
            if disclosed > 0 {
                self.c.paragraph(
                    &format!("另有已公开（失密）的密点 {disclosed} 个，处置情况见事件登记。"),
                    BODY,
                );
            }
        }
        let mut counts: BTreeMap<(&str, &str), usize> = BTreeMap::new();
        for p in &live {
            *counts
                .entry((p.category.code(), p.level.as_str()))
                .or_default() += 1;
        }
        let mut rows = Vec::new();
        for cat in crate::model::Category::ALL {
            let mut row = vec![cat.label().to_string()];
            let mut sum = 0;
            for l in &d.levels {
                let n = counts.get(&(cat.code(), l.as_str())).copied().unwrap_or(0);
                sum += n;
                row.push(n.to_string());
            }
            row.push(sum.to_string());
            rows.push(row);
        }
        let mut total = vec!["合计".to_string()];
        for l in &d.levels {
            total.push(live.iter().filter(|p| &p.level == l).count().to_string());
        }
        total.push(live.len().to_string());
        rows.push(total);
        let mut cols = vec![col("类别", 1.6, Align::Left)];
        for l in &d.levels {
            cols.push(col(l, 1.0, Align::Center));
        }
        cols.push(col("合计", 1.0, Align::Center));
        self.c.table(cols, rows);
    }

    /// People figures and the rules with 文号 and issue dates (never the
    /// date of a first agreement or a first approval).
    fn people_and_rules(&mut self) {
        let d = self.d;
        let held_12m = trainings_within_year(d);
        self.c.paragraph(
            &format!(
                "涉密人员 {} 人，保密协议（含保密条款、保密承诺书）签署率 {}%；近 12 个月开展保密培训 {} 次，涉密人员培训覆盖率 {}%。",
                d.stats.current_people, d.stats.agreement_percent, held_12m, d.stats.training_percent
            ),
            BODY,
        );
        if d.rules.is_empty() {
            self.c.paragraph("尚未登记商业秘密管理制度。", BODY);
            return;
        }
        for r in &d.rules {
            self.screen(TextPlace::RuleTitle, &r.title);
        }
        let rows = d
            .rules
            .iter()
            .enumerate()
            .map(|(i, r)| {
                vec![
                    (i + 1).to_string(),
                    format!("《{}》", r.title.trim_matches(['《', '》'])),
                    filled(&r.doc_no),
                    r.issued_on.clone(),
                ]
            })
            .collect();
        self.c.captioned_table(
            &format!("已建立商业秘密管理制度 {} 项：", d.rules.len()),
            BODY,
            vec![
                col("序号", 0.6, Align::Center),
                col("制度名称", 3.0, Align::Left),
                col("文号", 1.8, Align::Center),
                col("印发日期", 1.2, Align::Center),
            ],
            rows,
        );
    }

    /// The user's 特色做法, with a warning when it names something internal
    /// or describes how a secret is split or protected in detail (bureaus
    /// publish this paragraph as an example).
    fn highlights(&mut self) {
        let text = self.round().map_or("", |r| r.highlights.as_str());
        self.screen(TextPlace::Highlights, text);
        if self.edition == Edition::Submission {
            if let Some(hint) = detail_hint(text) {
                self.warn(ExportWarning::HighlightsDetail {
                    hint: hint.to_string(),
                });
            }
        }
        self.c.paragraph(
            Some(text)
                .filter(|s| !s.trim().is_empty())
                .unwrap_or("（未填写）"),
            BODY,
        );
    }

    fn next_steps(&mut self) {
        let text = self.round().map_or("", |r| r.next_steps.as_str());
        self.screen(TextPlace::NextSteps, text);
        self.c.paragraph(
            Some(text)
                .filter(|s| !s.trim().is_empty())
                .unwrap_or("（未填写）"),
            BODY,
        );
    }

    /// The total and the domain table in catalogue points: 分值, the
    /// applicable points, the points earned and 得分率. Every figure can be
    /// checked by hand: the domains' earned points over their applicable
    /// points give the total (no figure is scaled or apportioned).
    fn results_table(&mut self) {
        let s = &self.d.score;
        self.c.paragraph(
            &format!("自评总分：{} 分（满分 100 分）。", s.total),
            BODY.bold(),
        );
        let na_points: i64 = s.not_applicable.iter().map(|n| n.points).sum();
        if na_points > 0 {
            self.c.paragraph(
                &format!(
                    "有 {} 项评价内容经说明理由后不适用（原分值合计 {} 分），不计入适用分值；各项及理由列在本节末尾。",
                    s.not_applicable.len(),
                    na_points
                ),
                BODY.color(GRAY),
            );
        }
        let mut rows: Vec<Vec<String>> = s
            .domains
            .iter()
            .map(|dm| {
                vec![
                    dm.name.clone(),
                    dm.weight.to_string(),
                    dm.applicable.to_string(),
                    if dm.applicable > 0 {
                        dm.earned.clone()
                    } else {
                        "—".into()
                    },
                    dm.score.map_or("不适用".into(), |t| format!("{t}%")),
                ]
            })
            .collect();
        rows.push(vec![
            "合计".into(),
            s.domains
                .iter()
                .map(|dm| dm.weight)
                .sum::<i64>()
                .to_string(),
            s.applicable.to_string(),
            s.earned.clone(),
            format!("{}%", s.total),
        ]);
        let how = if s.applicable > 0 {
            format!(
                "总分 = 各领域得分之和 ÷ 适用分值之和 × 100 = {} ÷ {} × 100 = {}，保留一位小数，四舍五入",
                s.earned, s.applicable, s.total
            )
        } else {
            "没有适用的评价内容，总分记为 0".into()
        };
        self.c.captioned_table(
            &format!(
                "各领域自评情况（适用分值为分值扣除不适用项后的分值；得分率 = 得分 ÷ 适用分值；{how}）："
            ),
            BODY,
            vec![
                col("领域", 2.4, Align::Left),
                col("分值", 0.8, Align::Center),
                col("适用分值", 1.0, Align::Center),
                col("得分", 0.9, Align::Center),
                col("得分率", 1.0, Align::Center),
            ],
            rows,
        );
    }

    /// The 不适用 items with their reasons.
    fn not_applicable(&mut self, with_ids: bool) {
        let s = &self.d.score;
        if s.not_applicable.is_empty() {
            return;
        }
        let rows = s
            .not_applicable
            .iter()
            .map(|n| {
                let mut r = Vec::new();
                if with_ids {
                    r.push(n.criterion.clone());
                }
                r.push(n.title.clone());
                r.push(n.points.to_string());
                r.push(if n.reason.trim().is_empty() {
                    "（未说明理由）".into()
                } else {
                    n.reason.clone()
                });
                r
            })
            .collect();
        let mut cols = Vec::new();
        if with_ids {
            cols.push(col("编号", 0.8, Align::Center));
        }
        cols.extend([
            col("评价内容", 2.6, Align::Left),
            col("原分值", 0.8, Align::Center),
            col("不适用的理由", 3.0, Align::Left),
        ]);
        self.c.captioned_table(
            &format!("不适用项（{} 项）及理由：", s.not_applicable.len()),
            BODY.bold(),
            cols,
            rows,
        );
    }

    /// The task that plans a gap: one of this round (or of no round) that
    /// names its criterion; an open one before a closed one.
    fn plan_for(&self, criterion: &str) -> Option<&'a RemediationTask> {
        let round = self.round().map(|r| r.id);
        let mut found: Vec<&RemediationTask> = self
            .d
            .tasks
            .iter()
            .filter(|t| {
                t.criterion_id.as_deref() == Some(criterion)
                    && (t.assessment_id.is_none() || t.assessment_id == round)
            })
            .collect();
        found.sort_by_key(|t| (t.closed_on.is_some(), t.due_on.clone()));
        found.first().copied()
    }

    /// Gaps no task plans yet.
    fn unplanned(&self) -> Vec<&'a Gap> {
        self.d
            .score
            .gaps
            .iter()
            .filter(|g| self.plan_for(&g.criterion).is_none())
            .collect()
    }

    /// The evidence annex. The 报送版 lists how each item is provided:
    /// copies under the company seal, or — for what holds personal data or
    /// contract terms — the original kept for inspection on site; it never
    /// prints a title that names something internal.
    fn evidence_annex(&mut self) {
        let d = self.d;
        let submission = self.edition == Edition::Submission;
        // The 报送版 dates nothing but its rules: an effective date per item
        // would tell a future defendant when each measure began.
        let mut rows: Vec<Vec<String>> = Vec::new();
        if submission {
            rows.push(vec![
                "1".into(),
                "营业执照（副本）".into(),
                "证照".into(),
                "复印件加盖公章".into(),
            ]);
        }
        for ev in &d.evidence {
            let title = match (submission, internal_name_in(d, &ev.title)) {
                (true, Some((kind, name))) => {
                    self.warn(ExportWarning::EvidenceTitleWithheld {
                        title: ev.title.clone(),
                        kind: *kind,
                        name: name.clone(),
                    });
                    "（标题含内部名称，报送版不列出）".to_string()
                }
                _ => ev.title.clone(),
            };
            let mut row = vec![
                (rows.len() + 1).to_string(),
                title,
                ev.kind.label().to_string(),
            ];
            if submission {
                row.push(if shown_on_site_only(ev, &d.evidence_links) {
                    "原件备查，可现场查验".to_string()
                } else {
                    "复印件加盖公章".to_string()
                });
            } else {
                row.push(ev.effective_on.clone());
                row.push(ev.sha256.chars().take(12).collect());
            }
            rows.push(row);
        }
        if rows.is_empty() {
            self.c.paragraph("（尚未登记佐证材料）", BODY);
            return;
        }
        let mut cols = vec![
            col("序号", 0.7, Align::Center),
            col("材料名称", 3.4, Align::Left),
            col("类型", 1.1, Align::Center),
        ];
        if submission {
            cols.push(col("提供方式", 2.0, Align::Center));
        } else {
            cols.push(col("生效日期", 1.3, Align::Center));
            cols.push(col("指纹（SHA-256 前 12 位）", 1.9, Align::Center));
        }
        self.c.table(cols, rows);
        if submission {
            self.c.paragraph(
                "注：保密协议、承诺书、培训签到表、工作台账和系统截图等含个人信息、合同条款或内部名称的材料不随报告提供，原件由企业留存，可安排现场查验。",
                BODY.size(9.5).color(GRAY),
            );
        }
    }

    /// The audit chain's head, so that a printed report anchors the log.
    fn chain_head(&mut self) {
        self.c.space(10.0).paragraph(
            &format!(
                "操作记录校验值：{}（本报告生成时本企业操作记录的条数与校验码，可用于日后核对记录未被删改）",
                self.d.chain_head.anchor()
            ),
            BODY.size(9.0).color(GRAY),
        );
    }
}

/// `s`, or 未填写 when blank.
fn filled(s: &str) -> String {
    if s.trim().is_empty() {
        "未填写".into()
    } else {
        s.trim().to_string()
    }
}

/// Trainings held within the 12 months up to the base date (the figure the
/// 报送版 prints and a progress summary carries).
pub(crate) fn trainings_within_year(d: &ReportData) -> usize {
    d.trainings
        .iter()
        .filter(|(on, _)| within_year(on, d))
        .count()
}

/// Held within the 12 months up to the round's base date (or today).
fn within_year(on: &str, d: &ReportData) -> bool {
    let base = d
        .round
        .as_ref()
        .and_then(|r| chrono::NaiveDate::parse_from_str(&r.base_date, "%Y-%m-%d").ok())
        .unwrap_or_else(|| chrono::Local::now().date_naive());
    chrono::NaiveDate::parse_from_str(on, "%Y-%m-%d")
        .is_ok_and(|day| day <= base && (base - day).num_days() <= 365)
}

/// Words that describe how a secret is split, parametrised or protected
/// in detail: a 特色做法 holding one is worth a second look before a
/// bureau publishes it.
const DETAIL_WORDS: [&str; 18] = [
    "拆分",
    "分段",
    "分解",
    "分拆",
    "分别掌握",
    "参数",
    "配方",
    "配比",
    "比例",
    "温度",
    "压力",
    "时长",
    "工序",
    "步骤",
    "源代码",
    "密钥",
    "口令",
    "存放于",
];

/// The first detail word or measured quantity (a number with a unit) in `text`.
fn detail_hint(text: &str) -> Option<String> {
    if let Some(w) = DETAIL_WORDS.iter().find(|w| text.contains(*w)) {
        return Some(w.to_string());
    }
    let chars: Vec<char> = text.chars().collect();
    for (i, c) in chars.iter().enumerate() {
        if !c.is_ascii_digit() {
            continue;
        }
        let rest: String = chars[i + 1..]
            .iter()
            .skip_while(|c| c.is_ascii_digit() || **c == '.')
            .take(2)
            .collect();
        for unit in ["℃", "°", "%", "小时", "分钟", "kg", "MPa", "克", "毫升"] {
            if rest.starts_with(unit) {
                let start: String = chars[i..]
                    .iter()
                    .take_while(|c| c.is_ascii_digit() || **c == '.')
                    .collect();
                return Some(format!("{start}{unit}"));
            }
        }
    }
    None
}

/// Is a piece of evidence shown on site only, never sent with the 报送版:
/// personal data, contract terms or internal names (an NDA, a sign-in
/// sheet, an exit or discipline record, an interview, a ledger or a system
/// screenshot, which commonly show names, accounts and 密点 names)?
fn shown_on_site_only(ev: &Evidence, links: &[EvidenceLink]) -> bool {
    use crate::store::EvidenceKind;
    matches!(
        ev.kind,
        EvidenceKind::Contract
            | EvidenceKind::Interview
            | EvidenceKind::Record
            | EvidenceKind::Screenshot
    ) || links.iter().any(|l| {
        l.evidence_id == ev.id
            && matches!(
                l.target_kind,
                EvidenceTargetKind::Agreement
                    | EvidenceTargetKind::Training
                    | EvidenceTargetKind::ExitRecord
                    | EvidenceTargetKind::AccessNotice
                    | EvidenceTargetKind::Discipline
                    | EvidenceTargetKind::Incident
            )
    })
}

/// A gap in neutral words: what is still to be done, never 未落实/失分.
fn gap_wording(kind: GapKind) -> &'static str {
    match kind {
        GapKind::NotMet => "尚待建立",
        GapKind::PartlyMet => "尚待完善",
        GapKind::EvidencePending => "佐证材料待补充",
        GapKind::Unanswered => "尚待自评",
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_highlight_describing_how_a_secret_is_split_is_caught() {
        assert_eq!(
            detail_hint("熬胶工艺分段由不同班组掌握").as_deref(),
            Some("分段")
        );
        assert_eq!(detail_hint("浓缩时保持 85℃ 左右").as_deref(), Some("85℃"));
        assert_eq!(detail_hint("控制在12.5%以内").as_deref(), Some("12.5%"));
        assert_eq!(
            detail_hint("建立了制度体系，全员签订保密协议，2025 年开展培训 4 次。"),
            None
        );
    }

    #[test]
    fn gaps_are_worded_without_loss_words() {
        for k in GapKind::ALL {
            let w = gap_wording(k);
            for bad in ["未落实", "失分", "覆盖率", "不合格"] {
                assert!(!w.contains(bad), "{w}");
            }
        }
    }
}
