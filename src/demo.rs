//! A fictional demo enterprise, for trying Midun and for tests: a county
//! 阿胶 (donkey-hide gelatine) producer with every register filled.
//! Everything is invented. The credit code is marked DEMO and fails the
//! GB 32100 check on purpose (kept with a note), so that it can never be a
//! real enterprise's. The demo's answers agree with its registers: after
//! answering, any answer the registers contradict is answered as they say.

use crate::catalogue::{Catalogue, ControlLibrary};
use std::path::{Path, PathBuf};

use crate::error::Result;
use crate::model::{Category, Enterprise, NewApproval, NewEnterprise, NewSecretPoint, Status};
use crate::store::{
    AgreementKind, EnterpriseField, EvidenceKind, EvidenceTargetKind, IncidentSeverity,
    NewAgreement, NewAreaOrSystem, NewCarrier, NewCertificate, NewDisclosure, NewEvidence,
    NewExitRecord, NewIncident, NewNoncompete, NewPerson, NewRemediationTask, NewRuleDoc,
    NewSelfDeclaration, NewTraining, NoncompeteEligibility, PointField, RecipientKind, Store,
};
use crate::store::{AnswerStatus, NewRound, RoundField};

/// The demo's name says that it is fictional.
pub const DEMO_NAME: &str = "演示企业：聊河阿胶制品有限公司（虚构）";
/// Every demo's code starts so (then five digits and X): a demo made in
/// another database is another enterprise to a guidance station.
pub const DEMO_CREDIT_CODE_PREFIX: &str = "91371500DEMO";
/// The demo towns, one chosen with the code.
const DEMO_TOWNSHIPS: [&str; 3] = ["演示县清水镇", "演示县城关街道", "演示县河西镇"];
/// Why the demo keeps a code that fails the check.
pub const DEMO_CREDIT_CODE_NOTE: &str = "演示数据：虚构的代码，不属于任何真实企业";
/// How many 密点 `midun demo` adds unless told otherwise.
pub const DEFAULT_POINTS: usize = 12;

/// (item, name, category, sub-type, level, summary)
const POINTS: [(&str, &str, Category, &str, &str, &str); 12] = [
    (
        "熬胶工艺",
        "化皮与提沫工序控制要点",
        Category::Technical,
        "工艺",
        "核心商密",
        "化皮、提沫阶段的时间与火候控制方法，记载于熬胶工艺卡",
    ),
    (
        "熬胶工艺",
        "挂旗与收胶判定方法",
        Category::Technical,
        "方法或其步骤",
        "核心商密",
        "判断出胶时机的操作方法及其步骤",
    ),
    (
        "熬胶工艺",
        "凉胶与切胶环境控制",
        Category::Technical,
        "工艺",
        "重要商密",
        "凉胶间温湿度控制方案",
    ),
    (
        "辅料配伍",
        "辅料配伍方案",
        Category::Technical,
        "配方",
        "核心商密",
        "辅料的种类与配伍原则（不含比例）",
    ),
    (
        "辅料配伍",
        "原料驴皮分级标准",
        Category::Technical,
        "原料",
        "重要商密",
        "驴皮验收分级的内部标准",
    ),
    (
        "质量检测",
        "阿胶特征图谱检测方法",
        Category::Technical,
        "方法或其步骤",
        "重要商密",
        "自建的真伪鉴别检测方法",
    ),
    (
        "生产设备",
        "熬胶锅改造结构",
        Category::Technical,
        "结构",
        "重要商密",
        "自行改造的熬胶锅搅拌与控温结构",
    ),
    (
        "客户与渠道",
        "重点客户信息汇编",
        Category::Business,
        "客户信息",
        "重要商密",
        "重点经销商与大客户的交易习惯、需求汇编",
    ),
    (
        "客户与渠道",
        "经销渠道政策",
        Category::Business,
        "销售",
        "一般商密",
        "各区域经销商的返利与授权政策",
    ),
    (
        "经营管理",
        "年度投标报价策略",
        Category::Business,
        "招投标材料",
        "重要商密",
        "集采投标的报价测算方法",
    ),
    (
        "经营管理",
        "成本核算模型",
        Category::Business,
        "财务",
        "一般商密",
        "按批次核算生产成本的内部模型",
    ),
    (
        "包装设计",
        "新品包装设计方案",
        Category::Business,
        "创意",
        "一般商密",
        "新品包装的设计创意稿（新品上市后包装已公开）",
    ),
];

/// Add the demo enterprise with the default number of 密点.
pub fn add_demo(store: &Store) -> Result<Enterprise> {
    add_demo_with(store, DEFAULT_POINTS)
}

/// How far the demo's first round goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FirstRound {
    /// Every criterion answered, with evidence and three tasks.
    Answered,
    /// Started with its report texts, nothing answered: for training and
    /// for walking through every criterion by hand.
    Unanswered,
}

/// Add the demo enterprise with `points` 密点 (the first twelve are the
/// hand-written ones; more are numbered variants) and every register.
pub fn add_demo_with(store: &Store, points: usize) -> Result<Enterprise> {
    add_demo_round(store, points, FirstRound::Answered)
}

/// [`add_demo_with`], with the first round answered or only started. All
/// or nothing: a failure (a full disk, a locked database) leaves neither an
/// enterprise nor a demo file behind.
pub fn add_demo_round(store: &Store, points: usize, first: FirstRound) -> Result<Enterprise> {
    let mut files = Vec::new();
    let res = store.atomically(|s| build(s, points, first, &mut files));
    if res.is_err() {
        for p in files.iter().rev() {
            let _ = if p.is_dir() {
                std::fs::remove_dir(p)
            } else {
                std::fs::remove_file(p)
            };
        }
    }
    res
}

/// Write a demo file, remembering it in `files` when this run created it.
fn demo_file(files: &mut Vec<PathBuf>, path: &Path, text: &str) -> Result<()> {
    if let Some(dir) = path.parent() {
        if !dir.exists() {
            std::fs::create_dir_all(dir)?;
            files.push(dir.to_path_buf());
        }
    }
    if !path.exists() {
        files.push(path.to_path_buf());
    }
    std::fs::write(path, text)?;
    Ok(())
}

fn build(
    store: &Store,
    points: usize,
    first: FirstRound,
    files: &mut Vec<PathBuf>,
) -> Result<Enterprise> {
    let mut rnd = [0u8; 4];
    // Without randomness the first code serves: only a station tells demos apart.
    let _ = getrandom::fill(&mut rnd);
    let n = u32::from_le_bytes(rnd) % 100_000;
    let township = DEMO_TOWNSHIPS[(n % 3) as usize];
    let address = format!("{township}工业园 8 号");
    let e = store.enterprises().create(&NewEnterprise {
        name: DEMO_NAME.to_string(),
        credit_code: Some(format!("{DEMO_CREDIT_CODE_PREFIX}{n:05}X")),
        credit_code_note: Some(DEMO_CREDIT_CODE_NOTE.to_string()),
    })?;
    let eid = e.id.clone();
    for (field, value) in [
        (EnterpriseField::ShortName, "聊河阿胶"),
        // 复方阿胶浆 is a 中成药 (GB/T 4754-2017 C27).
        (EnterpriseField::Industry, "医药制造业（中成药生产）"),
        (EnterpriseField::Township, township),
        (EnterpriseField::Address, address.as_str()),
        (EnterpriseField::LegalRepresentative, "王明德"),
        (EnterpriseField::Contact, "保密办 刘晓岚"),
        (EnterpriseField::Headcount, "86"),
        (EnterpriseField::KeyProducts, "阿胶块、阿胶糕、复方阿胶浆"),
        (EnterpriseField::ReportRecipient, "演示县市场监督管理局"),
        (EnterpriseField::ContactPhone, "0635-0000000（演示）"),
        (EnterpriseField::WorkLead, "王明德（法定代表人）"),
        (EnterpriseField::WorkOffice, "保密办公室（设在综合部）"),
        (
            EnterpriseField::LeadingGroup,
            "商业秘密保护工作领导小组：组长王明德，成员由研发、生产、营销、人事部门负责人组成",
        ),
    ] {
        store.enterprises().update(&eid, field, value)?;
    }

    let mut items = std::collections::HashMap::new();
    let mut ids = Vec::with_capacity(points);
    for i in 0..points {
        let (item, name, category, subtype, level, summary) = POINTS[i % POINTS.len()];
        let name = if i < POINTS.len() {
            name.to_string()
        } else {
            format!("{name}（批次 {}）", i / POINTS.len() + 1)
        };
        let item_id = match items.get(item) {
            Some(id) => *id,
            None => {
                let id = store.points().add_item(&eid, item)?.id;
                items.insert(item, id);
                id
            }
        };
        let dept = if category == Category::Technical {
            "生产技术部"
        } else {
            "营销部"
        };
        let item_id = item_id.to_string();
        let responsible = format!("{dept}负责人");
        let carrier_index = format!("工艺卡与档案编号 DA-{:04}", i + 1);
        // A yearly bid strategy has a dated term; what lasts is 长期.
        let term = if level == "一般商密" {
            "2029-12-31"
        } else if subtype == "招投标材料" {
            "2027-12-31"
        } else {
            "长期"
        };
        let origin = if level == "一般商密" {
            String::new()
        } else {
            format!(
                "自主研发，立项编号 RD-{}-{:02}；职务成果归属依劳动合同第十二条约定",
                2018 + i % 6,
                i % 12 + 1
            )
        };
        let p = store.points().add_with(
            &NewSecretPoint {
                enterprise_id: eid.clone(),
                code: None,
                name,
                category,
                level: level.to_string(),
            },
            &[
                (PointField::ItemId, item_id.as_str()),
                (PointField::Subtype, subtype),
                (PointField::Summary, summary),
                (PointField::Department, dept),
                (PointField::Responsible, responsible.as_str()),
                (PointField::Term, term),
                (PointField::ReviewDue, "2027-06-30"),
                (PointField::SecrecyCheckedOn, "2026-03-15"),
                (PointField::SecrecyCheckedBy, "保密办 刘晓岚"),
                (
                    PointField::SecrecyChannels,
                    "所属领域的一般常识或行业惯例\n已在公开出版物或其他媒体上公开披露",
                ),
                (
                    PointField::ValueNote,
                    "支撑产品品质与成本优势，竞争对手难以通过公开渠道获得",
                ),
                (PointField::ProtectionPath, "商业秘密"),
                (PointField::ReverseEngineerable, "否"),
                (PointField::PatentFiled, "否"),
                (PointField::CarrierIndex, carrier_index.as_str()),
                (PointField::Origin, origin.as_str()),
            ],
        )?;
        // Statuses across the lifecycle: most classified, some proposed,
        // one under review, one declassified (the new packaging went public).
        let approval = |summary: &str| NewApproval {
            proposing_department: dept.to_string(),
            proposer: format!("{dept}负责人"),
            approver: "王明德".to_string(),
            filed_by: "保密办 刘晓岚".to_string(),
            basis: "《商业秘密管理办法》（聊河字〔2025〕3号）第八条".to_string(),
            decided_on: "2026-03-20".to_string(),
            change_summary: summary.to_string(),
        };
        match i % 12 {
            10 => {}
            11 => {
                store
                    .points()
                    .transition(p.id, Status::Classified, Some(&approval("")))?;
                store.points().transition(
                    p.id,
                    Status::Declassified,
                    Some(&approval("新品已上市，包装公开")),
                )?;
            }
            9 => {
                store
                    .points()
                    .transition(p.id, Status::Classified, Some(&approval("")))?;
                store.points().transition(p.id, Status::UnderReview, None)?;
            }
            _ => {
                store
                    .points()
                    .transition(p.id, Status::Classified, Some(&approval("")))?;
            }
        }
        ids.push(p.id);
    }

    let carriers: [(&str, &str, &str, &str); 5] = [
        ("熬胶工艺卡（纸质）", "纸质文件", "档案室专柜", "档案员"),
        (
            "工艺参数电子文档",
            "电子文件/数据",
            "技术部加密服务器",
            "技术部负责人",
        ),
        ("辅料留样", "实物样品/原料", "留样室", "质检组长"),
        ("改造熬胶锅", "设备/模具", "熬胶车间", "设备主管"),
        ("老师傅口传技艺", "口头/技艺传承", "熬胶车间", "熬胶班长"),
    ];
    for (k, (name, kind, location, custodian)) in carriers.iter().enumerate() {
        let linked: Vec<i64> = ids
            .iter()
            .copied()
            .skip(k)
            .step_by(carriers.len())
            .collect();
        store.carriers().add(&NewCarrier {
            enterprise_id: eid.clone(),
            name: name.to_string(),
            kind: kind.to_string(),
            location: location.to_string(),
            custodian: custodian.to_string(),
            marked: k != 4,
            point_ids: linked,
        })?;
    }

    add_registers(store, &eid, &ids, files)?;
    answer_controls(store, &eid, &ids)?;
    let catalogue = Catalogue::default_catalogue()?;
    let round = start_round(store, &eid, &catalogue)?;
    if first == FirstRound::Answered {
        answer_round(store, &eid, round, &catalogue, files)?;
    }
    store.enterprises().get(&eid)
}

/// How many 核心 密点 the demo gives a 存证 certificate: all of a
/// demo of usual size; a large one (for benchmarks) would otherwise write
/// thousands of files, and answers C05 部分落实 instead.
const CERTIFIED: usize = 12;

/// The reason the demo enterprise gives for 对外发布前审查 (C34) and for
/// the catalogue item it answers (D8.3): the same fact, said once.
const NO_PUBLICATION: &str = "本企业不对外发表论文或技术资料，也不参加技术交流和展会";

/// The day a whole-process stage came into use: with the rule that governs
/// it (the carrier rules of 2025-05-20, the system and external-exchange
/// rules of 2025-06-10), and the 定密 and marking steps with the first
/// 定密 approvals (2026-03-20).
fn stage_started(stage: &str) -> &'static str {
    match stage {
        "产生与定密" | "变更与解密" => "2026-03-20",
        "标识" => "2026-04-01",
        "传递与传输" | "对外提供" => "2025-06-16",
        _ => "2025-06-02",
    }
}

/// The whole-process checklist: mostly in place, a few gaps, one control
/// that does not apply to the enterprise and one 密点 exception.
fn answer_controls(store: &Store, eid: &str, points: &[i64]) -> Result<()> {
    let library = ControlLibrary::default_library()?;
    let kinds = store.carriers().kinds_in_use(eid)?;
    let levels = store.levels().list(eid)?;
    let ranks = levels.len();
    let core = store
        .points()
        .rows(eid)?
        .iter()
        .filter(|p| levels.first() == Some(&p.level))
        .count();
    let today = chrono::Local::now().date_naive();
    for (i, c) in crate::assess::checklist(&library, &kinds)
        .into_iter()
        .enumerate()
    {
        let status = match (c.id.as_str(), i % 9) {
            ("C34", _) => AnswerStatus::NotApplicable,
            // Every 核心 密点 has its 存证 certificate (add_registers) …
            ("C05", _) if core <= CERTIFIED => AnswerStatus::Done,
            // … or, in a large demo, the first few.
            ("C05", _) => AnswerStatus::Partial,
            (_, 4) => AnswerStatus::Partial,
            (_, 7) => AnswerStatus::NotDone,
            _ => AnswerStatus::Done,
        };
        let note = if status == AnswerStatus::NotApplicable {
            NO_PUBLICATION
        } else {
            ""
        };
        // A measure that differs by level needs the levels given (定密).
        let from = if c.by_level {
            stage_started(&c.stage).max(stage_started("产生与定密"))
        } else {
            stage_started(&c.stage)
        };
        // 存证 began with the certificates (2026-04-20).
        let from = if c.id == "C05" { "2026-04-20" } else { from };
        let started = chrono::NaiveDate::parse_from_str(from, "%Y-%m-%d")
            .map_or(today, |d| d.min(today))
            .format("%Y-%m-%d")
            .to_string();
        let ranks: Vec<Option<usize>> = if c.by_level {
            (1..=ranks).map(Some).collect()
        } else {
            vec![None]
        };
        for rank in ranks {
            // Stricter for the top level, which the demo keeps in place.
            let s = if rank == Some(1) && status != AnswerStatus::NotApplicable {
                AnswerStatus::Done
            } else {
                status
            };
            store
                .controls()
                .set_answer(&library, eid, &c.id, rank, s, note)?;
            if matches!(s, AnswerStatus::Done | AnswerStatus::Partial) {
                store
                    .controls()
                    .set_started(eid, &c.id, rank, &started, today)?;
            }
        }
    }
    // The first 密点 is never provided to anyone: none of the controls of
    // providing it applies (visits, C35, still do).
    if let Some(first) = points.first() {
        for c in ["C31", "C32", "C33"] {
            store
                .controls()
                .set_exception(*first, c, "该工艺从不对外提供，亦无外协加工")?;
        }
    }
    Ok(())
}

/// The demo's first round, with its report texts; returns its id.
fn start_round(store: &Store, eid: &str, catalogue: &Catalogue) -> Result<i64> {
    let round = store.rounds().start(&NewRound {
        enterprise_id: eid.to_string(),
        catalogue_id: catalogue.id.clone(),
        catalogue_version: catalogue.version.clone(),
        base_date: "2026-10-31".to_string(),
        filler: "刘晓岚".to_string(),
        reviewer: "王明德".to_string(),
    })?;
    store.rounds().update(
        round.id,
        RoundField::Highlights,
        "由法定代表人牵头、保密办统筹，制度、台账和培训覆盖研发、生产和营销各环节；对师徒口传的技艺建立了带徒登记和保密承诺。",
    )?;
    store.rounds().update(
        round.id,
        RoundField::NextSteps,
        "为尚未签订的涉密人员补签保密协议，核心、重要密点的知悉范围逐人登记；每年开展一次密点复核。",
    )?;
    Ok(round.id)
}

/// Every criterion answered with a realistic mix of statuses, notes and
/// evidence (some missing), and three of the gaps planned as tasks.
fn answer_round(
    store: &Store,
    eid: &str,
    round: i64,
    catalogue: &Catalogue,
    files: &mut Vec<PathBuf>,
) -> Result<()> {
    let today = chrono::Local::now().date_naive();
    // One evidence record per kind, linked to the answers that list it.
    let folder = store
        .path()
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(std::path::Path::new("."))
        .join("演示佐证材料");
    let mut by_kind = std::collections::HashMap::new();
    for (kind, title) in [
        (EvidenceKind::Rule, "商业秘密管理制度汇编"),
        (EvidenceKind::Record, "保密工作台账（2026 年）"),
        (EvidenceKind::Contract, "保密协议与竞业限制协议汇编"),
        (EvidenceKind::Screenshot, "信息系统权限设置截图"),
        (EvidenceKind::Photo, "涉密区域门禁与警示标识照片"),
        (EvidenceKind::Interview, "保密办访谈记录"),
    ] {
        let file = folder.join(format!("{title}（演示）.txt"));
        demo_file(files, &file, &format!("演示文件：{title}（虚构数据）\n"))?;
        let ev = store.evidence().add_registered(
            &NewEvidence {
                enterprise_id: eid.to_string(),
                title: title.to_string(),
                kind,
                // The rules compilation as issued (the last rule took effect
                // 2025-07-01); the records, photos and interviews of this year.
                effective_on: if kind == EvidenceKind::Rule {
                    "2025-07-01"
                } else {
                    "2026-04-18"
                }
                .to_string(),
            },
            &file,
            today,
        )?;
        if kind == EvidenceKind::Rule {
            for r in store.rules().list(eid)? {
                store
                    .evidence()
                    .link(ev.id, EvidenceTargetKind::RuleDoc, &r.id.to_string())?;
            }
        }
        by_kind.insert(kind.label().to_string(), ev.id);
    }
    // An item the whole-process checklist speaks for is answered as the
    // checklist says (all its controls in place: 已落实; none: 未落实;
    // else 部分落实), so the 一密一档 and the reports tell one story.
    let controls = store.controls().answers(eid)?;
    let by_controls = |k: &crate::catalogue::Criterion| {
        let mut statuses = Vec::new();
        for r in &k.consistency {
            let (core, id) = match r.when.fact.split_once(':') {
                Some(("control", id)) => (false, id),
                Some(("core_control", id)) => (true, id),
                _ => continue,
            };
            statuses.extend(
                controls
                    .iter()
                    .filter(|a| a.control_id == id && (!core || a.level_rank <= 1))
                    .map(|a| a.status)
                    .filter(|s| *s != AnswerStatus::NotApplicable),
            );
        }
        let all = |want: AnswerStatus| statuses.iter().all(|s| *s == want);
        let note = "见全过程控制措施清单";
        if statuses.is_empty() {
            None
        } else if all(AnswerStatus::Done) {
            Some((AnswerStatus::Done, note))
        } else if all(AnswerStatus::NotDone) {
            Some((AnswerStatus::NotDone, note))
        } else {
            Some((AnswerStatus::Partial, note))
        }
    };
    for (i, (_, k)) in catalogue.criteria().enumerate() {
        let (status, note, na) = match (k.id.as_str(), i % 13, by_controls(k)) {
            // The one 不适用, with a reason that fits the enterprise.
            ("D8.3", _, _) => (AnswerStatus::NotApplicable, "", NO_PUBLICATION),
            (_, _, Some((status, note))) => (status, note, ""),
            (_, 4, _) => (AnswerStatus::Partial, "制度已建立，记录尚不完整", ""),
            (_, 9, _) => (AnswerStatus::NotDone, "尚未开展", ""),
            _ => (AnswerStatus::Done, "见台账", ""),
        };
        store.rounds().set_answer(round, &k.id, status, note, na)?;
        let evidenced = matches!(status, AnswerStatus::Done | AnswerStatus::Partial) && i % 17 != 3;
        if evidenced {
            if let Some(ev) = k.evidence_kinds.first().and_then(|kind| by_kind.get(kind)) {
                store.evidence().link(
                    *ev,
                    EvidenceTargetKind::Answer,
                    &format!("{}/{}", round, k.id),
                )?;
            }
        }
    }
    // Where the registers say otherwise, the demo answers as they say (a
    // 不适用 the registers refute becomes 已落实): no contradiction is left.
    let score = crate::assess::score_round(store, round, catalogue)?;
    for c in &score.contradictions {
        let status = c.suggested.unwrap_or(AnswerStatus::Done);
        store
            .rounds()
            .set_answer(round, &c.criterion, status, "见台账", "")?;
    }
    // Every gap has an owner and a date: the largest first.
    let score = crate::assess::score_round(store, round, catalogue)?;
    for (i, g) in score.gaps.iter().enumerate() {
        let owner = match g.domain.as_str() {
            "涉密人员" | "培训与持续改进" => "人力资源部",
            "信息系统" => "信息中心",
            "涉密区域" | "组织与制度" => "综合部",
            "对外商务" => "营销部",
            _ => "保密办",
        };
        let due = ["2026-12-31", "2027-01-31", "2027-03-31", "2027-06-30"][(i / 4).min(3)];
        store.tasks().add(&NewRemediationTask {
            enterprise_id: eid.to_string(),
            assessment_id: Some(round),
            criterion_id: Some(g.criterion.clone()),
            title: if g.kind == crate::score::GapKind::EvidencePending {
                format!("补充“{}”的佐证材料", g.title)
            } else {
                g.action.clone()
            },
            owner_role: owner.to_string(),
            due_on: due.to_string(),
        })?;
    }
    Ok(())
}

/// Surnames and given names for the fictional staff.
const STAFF: [(&str, &str, &str, &str); 20] = [
    ("王明德", "总经理办公室", "总经理", "核心商密"),
    ("刘晓岚", "保密办", "保密专员", "核心商密"),
    ("张建国", "生产技术部", "技术部长", "核心商密"),
    ("李秀英", "生产技术部", "熬胶班长", "核心商密"),
    ("赵志强", "生产技术部", "工艺员", "重要商密"),
    ("陈桂芳", "质量部", "质检组长", "重要商密"),
    ("杨国栋", "质量部", "化验员", "一般商密"),
    ("黄丽娟", "营销部", "营销部长", "重要商密"),
    ("周海涛", "营销部", "区域经理", "一般商密"),
    ("吴静", "营销部", "客服主管", "一般商密"),
    ("徐伟", "采购部", "采购主管", "重要商密"),
    ("孙玉兰", "财务部", "财务经理", "重要商密"),
    ("马俊", "设备部", "设备主管", "重要商密"),
    ("朱红梅", "生产技术部", "熬胶工", "一般商密"),
    ("胡斌", "生产技术部", "熬胶工", "一般商密"),
    ("郭敏", "行政部", "档案员", "一般商密"),
    ("林涛", "研发中心", "研发工程师", "核心商密"),
    ("何佳", "研发中心", "研发助理", "一般商密"),
    ("高峰", "营销部", "销售代表", "一般商密"),
    ("罗婷", "生产技术部", "包装设计师", "一般商密"),
];

/// Fill the personnel, rules, training, evidence, disclosure, incident,
/// area, system, declaration and task registers of the demo.
fn add_registers(store: &Store, eid: &str, points: &[i64], files: &mut Vec<PathBuf>) -> Result<()> {
    let today = chrono::Local::now().date_naive();
    let mut people = Vec::new();
    for (i, (name, dept, post, level)) in STAFF.iter().enumerate() {
        // Two people left this year; the rest are current.
        let exit = match i {
            18 => Some("2026-08-31".to_string()),
            19 => Some("2026-10-15".to_string()),
            _ => None,
        };
        let eligibility = match i {
            0 => NoncompeteEligibility::SeniorManager,
            2 | 16 => NoncompeteEligibility::SeniorTechnical,
            3 | 18 => NoncompeteEligibility::OtherConfidential,
            _ => NoncompeteEligibility::NotEligible,
        };
        let p = store.people().add(&NewPerson {
            enterprise_id: eid.to_string(),
            name: name.to_string(),
            department: dept.to_string(),
            post: post.to_string(),
            person_level: level.to_string(),
            entry_date: format!("{}-03-01", 2012 + i % 12),
            exit_date: exit.clone(),
            entry_pledge_on: (i % 4 != 3).then(|| format!("{}-03-01", 2012 + i % 12)),
            noncompete_eligibility: eligibility,
            agreed_deconfidential_months: (i == 18).then_some(3),
            note: String::new(),
            // One 熬胶工 is a dispatched worker and the 研发助理 an intern:
            // bound only by what they sign with the enterprise itself.
            relationship: match i {
                15 => crate::store::Relationship::Dispatched,
                17 => crate::store::Relationship::Intern,
                _ => crate::store::Relationship::Employee,
            },
        })?;
        // Everyone but one 熬胶工 has signed; 劳动合同 clauses for the rest
        // of the employees, a 承诺书 for those who are not.
        if i != 14 {
            store.people().add_agreement(&NewAgreement {
                person_id: p.id,
                kind: if i < 13 {
                    AgreementKind::Nda
                } else if i == 15 || i == 17 {
                    AgreementKind::Pledge
                } else {
                    AgreementKind::ContractClause
                },
                signed_on: "2025-06-01".to_string(),
                expires_on: None,
            })?;
        }
        if exit.is_some() {
            store.people().record_exit(&NewExitRecord {
                person_id: p.id,
                handover_done: true,
                return_confirmed: true,
                access_revoked_on: exit.clone(),
                reminder_letter_sent: true,
                recorded_on: exit.clone().unwrap_or_default(),
            })?;
        }
        people.push(p.id);
    }
    let nc = store.people().add_noncompete(&NewNoncompete {
        person_id: people[18],
        starts_on: "2026-09-01".to_string(),
        ends_on: "2028-08-31".to_string(),
        monthly_compensation: 3000,
        scope: "阿胶及阿胶制品的生产、销售".to_string(),
    })?;
    store
        .people()
        .add_noncompete_payment(nc.id, "2026-09", "2026-10-08")?;

    // 知悉范围: technical 密点 to the technical staff, business ones to sales.
    // A 核心 密点 names its people only; lower levels may add a role.
    let top = store.levels().list(eid)?.first().cloned();
    for (k, pid) in points.iter().enumerate() {
        let point = store.points().get(*pid)?;
        let technical = point.category == Category::Technical;
        let named: Vec<i64> = if technical {
            vec![people[2], people[3], people[16]]
        } else {
            vec![people[7], people[8]]
        };
        let roles = if Some(&point.level) == top.as_ref() {
            Vec::new()
        } else if technical {
            vec!["熬胶班组".to_string()]
        } else {
            vec!["营销部区域经理".to_string()]
        };
        if k % 12 != 10 {
            store.points().set_access(*pid, &named, &roles)?;
        }
    }
    // Each person who knows a 密点 signed a 知悉告知书 listing them by 代号.
    for p in &people {
        if !store.people().points_known_by(*p)?.is_empty() {
            store
                .people()
                .add_access_notice(&crate::store::NewAccessNotice {
                    person_id: *p,
                    signed_on: "2026-04-20".to_string(),
                })?;
        }
    }
    store.discipline().add(&crate::store::NewDisciplineRecord {
        enterprise_id: eid.to_string(),
        occurred_on: "2025-11-12".to_string(),
        summary: "员工用个人手机拍摄涉密工艺卡（未外传）".to_string(),
        measure: "书面警告，当场删除照片，重新签署保密承诺".to_string(),
        decided_on: Some("2025-11-15".to_string()),
    })?;

    let rules = [
        ("商业秘密管理办法", "聊河字〔2025〕3号", "2025-05-20"),
        ("涉密人员管理规定", "聊河字〔2025〕4号", "2025-05-20"),
        ("涉密载体管理规定", "聊河字〔2025〕5号", "2025-05-20"),
        ("涉密区域管理规定", "聊河字〔2025〕6号", "2025-06-10"),
        (
            "计算机信息系统保密管理规定",
            "聊河字〔2025〕7号",
            "2025-06-10",
        ),
        (
            "对外交流与合作保密管理规定",
            "聊河字〔2025〕8号",
            "2025-06-10",
        ),
        ("泄密事件应急处置预案", "聊河字〔2025〕9号", "2025-07-01"),
    ];
    for (title, no, on) in rules {
        store.rules().add(&NewRuleDoc {
            enterprise_id: eid.to_string(),
            title: title.to_string(),
            doc_no: no.to_string(),
            issued_on: on.to_string(),
            democratic_procedure: "职工代表大会审议通过".to_string(),
            publicized_on: Some(on.to_string()),
            publicity_method: "厂区公告栏公示并由职工签收".to_string(),
        })?;
    }
    let current: Vec<i64> = people[..18].to_vec();
    let training = store.trainings().add(&NewTraining {
        enterprise_id: eid.to_string(),
        held_on: "2026-04-18".to_string(),
        topic: "商业秘密保护基础知识与本企业保密制度".to_string(),
        has_sign_in_sheet: true,
        has_quiz: true,
        attendee_ids: current[..16].to_vec(),
    })?;

    // Evidence: a stored copy and a 登记不入库 record, in a folder beside the database.
    let folder = store
        .path()
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(std::path::Path::new("."))
        .join("演示佐证材料");
    let sign_in = folder.join("2026年4月保密培训签到表（演示）.txt");
    demo_file(files, &sign_in, "演示文件：保密培训签到表（虚构数据）\n")?;
    let nda_scans = folder.join("保密协议扫描件目录（演示）.txt");
    demo_file(
        files,
        &nda_scans,
        "演示文件：保密协议扫描件存放目录说明（虚构数据）\n",
    )?;
    let ev = store.evidence().add_stored(
        &NewEvidence {
            enterprise_id: eid.to_string(),
            title: "2026年4月保密培训签到表".to_string(),
            kind: EvidenceKind::Record,
            effective_on: "2026-04-18".to_string(),
        },
        &sign_in,
        today,
    )?;
    store.evidence().link(
        ev.id,
        EvidenceTargetKind::Training,
        &training.id.to_string(),
    )?;
    let scans = store.evidence().add_registered(
        &NewEvidence {
            enterprise_id: eid.to_string(),
            title: "涉密人员保密协议（扫描件）".to_string(),
            kind: EvidenceKind::Contract,
            effective_on: "2025-06-01".to_string(),
        },
        &nda_scans,
        today,
    )?;
    // The scans prove each agreement signed; the rules' compilation each rule.
    for a in store.people().agreements_of_enterprise(eid)? {
        store
            .evidence()
            .link(scans.id, EvidenceTargetKind::Agreement, &a.id.to_string())?;
    }
    // Each 核心 密点's final carrier file has its 文件指纹 and the 存证
    // certificate it was sent for (C05 is in place for all of them). The
    // demo's files stand in for the carriers: the secret itself is never
    // asked for, only the file's fingerprint is kept.
    let mut n = 0;
    for pid in points {
        let point = store.points().get(*pid)?;
        if Some(&point.level) != top.as_ref() {
            continue;
        }
        if n == CERTIFIED {
            break;
        }
        n += 1;
        let file = folder.join(format!("{} 定稿载体（演示）.txt", point.code));
        demo_file(
            files,
            &file,
            &format!(
                "演示文件：代替 {} 的定稿载体（实际使用时为载体文件本身，不含在本文件中）\n",
                point.code
            ),
        )?;
        let fp = store.fingerprints().add_file(*pid, &file)?;
        let cert = store.fingerprints().add_certificate(
            &NewCertificate {
                fingerprint_id: fp.id,
                number: format!("TSA-DEMO-2026-{n:04}"),
                issuer: "某可信时间戳服务机构（演示）".to_string(),
                issued_on: "2026-04-20".to_string(),
                sha256: fp.sha256.clone(),
            },
            today,
        )?;
        store.fingerprints().recheck_certificate(cert.id, &file)?;
    }

    if let Some(p) = points.get(7).or(points.first()) {
        store.disclosures().add(&NewDisclosure {
            enterprise_id: eid.to_string(),
            point_id: *p,
            recipient: "某物流配送公司（演示）".to_string(),
            recipient_kind: RecipientKind::Supplier,
            nda_ref: "聊河保〔2026〕第 12 号保密协议".to_string(),
            disclosed_on: "2026-05-08".to_string(),
            purpose: "配送所需的客户收货信息".to_string(),
            confidentiality_requested: false,
        })?;
    }
    // A filing with an authority, with the 第十五条 request made.
    if let Some(p) = points.get(3).or(points.first()) {
        store.disclosures().add(&NewDisclosure {
            enterprise_id: eid.to_string(),
            point_id: *p,
            recipient: "省药品监督管理局（演示）".to_string(),
            recipient_kind: RecipientKind::Authority,
            nda_ref: String::new(),
            disclosed_on: "2026-02-10".to_string(),
            purpose: "药品再注册申报资料中的辅料说明".to_string(),
            confidentiality_requested: true,
        })?;
    }
    store.incidents().add(&NewIncident {
        enterprise_id: eid.to_string(),
        occurred_on: "2026-08-25".to_string(),
        severity: IncidentSeverity::Ordinary,
        description: "离职销售代表拷贝客户资料未遂，已被终端管控拦截".to_string(),
        point_ids: points.get(7).copied().into_iter().collect(),
        evidence_preserved: true,
        preservation_order: false,
        complaint: false,
        police_report: false,
        outcome: "约谈并签署离职提醒函，资料已确认删除".to_string(),
        handled_on: "2026-08-30".to_string(),
    })?;
    for (name, level, rule) in [
        (
            "熬胶车间",
            "核心商密",
            "凭门禁卡进入，外来人员登记并由专人陪同",
        ),
        ("留样室", "重要商密", "双人双锁，出入登记"),
    ] {
        store.areas().add(&NewAreaOrSystem {
            enterprise_id: eid.to_string(),
            name: name.to_string(),
            level: level.to_string(),
            access_rule: rule.to_string(),
            has_signs: true,
        })?;
    }
    store.systems().add(&NewAreaOrSystem {
        enterprise_id: eid.to_string(),
        name: "技术文档管理系统".to_string(),
        level: "核心商密".to_string(),
        access_rule: "按岗位授权，操作留痕，禁止外发".to_string(),
        has_signs: false,
    })?;
    store.enterprises().set_self_declaration(
        &NewSelfDeclaration {
            enterprise_id: eid.to_string(),
            no_infringement_penalty_3y: true,
            declared_on: "2026-10-01".to_string(),
            declarant: "王明德".to_string(),
        },
        today,
    )?;
    Ok(())
}
