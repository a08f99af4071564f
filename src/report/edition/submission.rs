//! The 报送版: what a 市场监管局 expects to receive with an application —
//! a cover, the 报送函 (unless the bureau has its own form), the 信用承诺书,
//! the statement with the request not to disclose (pages computed), the
//! enterprise, its organisation, what it has done, the results without a
//! verdict, the gaps by domain with who and by when, and the annex list.

use std::collections::BTreeMap;

use super::{col, filled, Align, Edition, Writer, BODY, GRAY};
use crate::model::ExportWarning;
use crate::report::content::page_of;
use crate::score::{BasicStatus, GapKind};

/// Runs at the right of every page's header.
pub const HEADER_MARK: &str = "含商业秘密 · 仅供审核使用";

/// Where the pages that hold the enterprise's information begin and end.
const BODY_START: &str = "body";
const END: &str = "end";

pub(super) fn compose(w: &mut Writer) {
    debug_assert_eq!(w.edition, Edition::Submission);
    w.c.header_right = if w.d.score.draft {
        format!("{HEADER_MARK}　草稿")
    } else {
        HEADER_MARK.to_string()
    };
    cover(w);
    if w.d.enterprise.cover_letter {
        letter(w);
    }
    pledge(w);
    statement(w);

    w.c.new_page().anchor(BODY_START);
    w.c.heading("一、企业基本情况", 1);
    w.profile();
    w.c.heading("二、组织领导", 1);
    w.organisation();
    w.c.heading("三、主要做法与成效", 1);
    w.point_counts();
    w.people_and_rules();
    w.c.heading("四、特色做法", 1);
    w.highlights();
    w.c.heading("五、自评结果", 1);
    results(w);
    w.c.heading("六、存在问题与整改计划", 1);
    gaps_by_domain(w);
    w.c.heading("七、下一步工作", 1);
    w.next_steps();

    w.c.new_page().heading("附件目录", 1);
    w.evidence_annex();
    sign_off(w);
    w.c.anchor(END);
    contradictions_warning(w);
}

fn cover(w: &mut Writer) {
    let d = w.d;
    let e = &d.enterprise;
    let round = w.round();
    w.cover_title(w.edition.title());
    w.c.space(34.0);
    let rows = vec![
        ("企业名称".to_string(), e.name.clone()),
        (
            "统一社会信用代码".into(),
            filled(e.credit_code.as_deref().unwrap_or("")),
        ),
        ("所属行业".into(), filled(&e.industry)),
        (
            "自评基准日".into(),
            round.map_or("（尚未开始自评）".into(), |r| r.base_date.clone()),
        ),
        (
            "评价依据".into(),
            format!("{}（{} 版）", d.catalogue.title, d.catalogue.version),
        ),
        ("填报人".into(), filled(round.map_or("", |r| &r.filler))),
        ("审核人".into(), filled(round.map_or("", |r| &r.reviewer))),
        ("联系人".into(), filled(&e.contact)),
        ("联系电话".into(), filled(&e.contact_phone)),
        ("报告日期".into(), w.generated_day()),
    ];
    w.c.pairs(rows, 78.0, 12.0);
    if e.contact.trim().is_empty() || e.contact_phone.trim().is_empty() {
        w.warn(ExportWarning::ContactMissing);
    }
}

/// The 报送函 to the bureau the user named, with 联系人, phone and the
/// place for the company seal.
fn letter(w: &mut Writer) {
    let e = &w.d.enterprise;
    let recipient = e.report_recipient.trim();
    if recipient.is_empty() {
        w.warn(ExportWarning::RecipientMissing);
    }
    w.c.new_page();
    w.c.paragraph("报　送　函", BODY.size(18.0).bold().align(Align::Center));
    w.c.space(8.0);
    w.c.paragraph(
        &format!(
            "{}：",
            if recipient.is_empty() {
                "____________________"
            } else {
                recipient
            }
        ),
        BODY.size(12.0),
    );
    w.c.space(2.0);
    let body = BODY.size(12.0);
    w.c.paragraph(
        &format!(
            "　　本企业对照商业秘密保护自评参考目录，开展了商业秘密保护工作自查自评，形成《{}》。现将报告及附件目录中随报告提供的材料报送，请予审核；注明“原件备查”的材料由本企业留存，可安排现场查验。",
            w.edition.title()
        ),
        body,
    );
    w.c.paragraph(
        "　　报告中涉及本企业商业秘密的信息，请按报告声明所列请求处理。",
        body,
    );
    w.c.space(4.0);
    w.c.paragraph(
        &format!(
            "　　联系人：{}　　联系电话：{}",
            filled(&e.contact),
            filled(&e.contact_phone)
        ),
        body,
    );
    w.c.space(24.0);
    let right = body.align(Align::Right);
    w.c.paragraph(&format!("{}（盖章）", e.name), right);
    w.c.space(4.0);
    w.c.paragraph("______年____月____日", right);
}

/// The 信用承诺书. The clause on penalties is printed only as the
/// enterprise declared it.
fn pledge(w: &mut Writer) {
    let mut clauses = vec![
        "本次报送的自评报告及所附材料真实、准确、完整，不存在虚假记载或误导性陈述；如有不实，本企业愿承担相应法律责任。".to_string(),
    ];
    match &w.d.declaration {
        Some(decl) if decl.no_infringement_penalty_3y => clauses.push(
            "本企业近三年内未因侵犯他人商业秘密受到行政处罚，也未被人民法院判决承担侵犯商业秘密的法律责任。"
                .into(),
        ),
        Some(_) => w.warn(ExportWarning::PenaltyDeclared),
        None => w.warn(ExportWarning::DeclarationMissing),
    }
    clauses.push("本企业同意主管部门对所报材料进行核实，并配合现场查验。".into());
    clauses.push("本企业将持续落实商业秘密保护措施，发生泄密事件及时处置并依法维权。".into());
    w.c.new_page();
    w.c.paragraph("信用承诺书", BODY.size(18.0).bold().align(Align::Center));
    w.c.space(8.0);
    let body = BODY.size(12.0);
    w.c.paragraph("　　本企业郑重承诺：", body);
    for (i, c) in clauses.iter().enumerate() {
        w.c.paragraph(&format!("　　{}、{c}", chinese_number(i + 1)), body);
    }
    w.c.space(20.0);
    w.c.paragraph("法定代表人（签字）：____________________", body);
    w.c.space(8.0);
    w.c.paragraph(&format!("{}（盖章）", w.d.enterprise.name), body);
    w.c.space(8.0);
    w.c.paragraph("______年____月____日", body);
}

/// The statement: what the report is, on which catalogue, who answers for
/// the data, and the request not to disclose, worded as the law works
/// (the agency decides; ask it, and to be consulted).
fn statement(w: &mut Writer) {
    let d = w.d;
    w.c.new_page().heading("声明", 1);
    let paras = [
        "本报告是企业对照评价目录所作的自我评估，不是主管部门的评审或认定结论。".to_string(),
        format!(
            "本报告所用评价目录为《{}》（{} 版）。{}",
            d.catalogue.title, d.catalogue.version, d.catalogue.statement
        ),
        "报告所载数据由企业填报，企业对其真实性、准确性和完整性负责。报告按类别和密级汇总密点情况，不列密点名称和内容；除组织领导情况和联系人外，不列人员姓名，不含涉密人员名单及其个人信息。".to_string(),
        format!(
            "本报告第 {} 至 {} 页及随报告提供的附件所载信息，本企业认为涉及商业秘密，公开将损害本企业合法权益，请依《政府信息公开条例》第十五条不予公开；收到公开申请的，请依第三十二条书面征求本企业意见；用于宣传的，请事先书面征得本企业同意。",
            page_of(BODY_START),
            page_of(END)
        ),
    ];
    for p in &paras {
        w.c.paragraph(p, BODY).space(2.0);
    }
}

/// The total, the domain table, the 基础项 (without the 0-point gates,
/// which the 信用承诺书 and the registers speak for), the 不适用 items.
fn results(w: &mut Writer) {
    let s = &w.d.score;
    w.results_table();
    let rows: Vec<Vec<String>> = s
        .basic_items
        .iter()
        .filter(|b| !b.gate)
        .map(|b| {
            vec![
                b.title.clone(),
                match b.status {
                    BasicStatus::Met => "已落实".into(),
                    BasicStatus::NotMet => "尚在完善".into(),
                    BasicStatus::Unanswered => "尚未自评".into(),
                },
            ]
        })
        .collect();
    if !rows.is_empty() {
        w.c.captioned_table(
            "基础项（评价目录设定的重点项目）落实情况：",
            BODY,
            vec![
                col("基础项", 4.0, Align::Left),
                col("落实情况", 1.2, Align::Center),
            ],
            rows,
        );
    }
    w.not_applicable(false);
    let unanswered = s
        .criteria
        .iter()
        .filter(|c| c.applies && c.status == crate::store::AnswerStatus::Unanswered)
        .count();
    if unanswered > 0 {
        w.c.paragraph(
            &format!("尚有 {unanswered} 项未完成自评，本报告为草稿。"),
            BODY.color(GRAY),
        );
    }
    let pending: Vec<_> = s
        .gaps
        .iter()
        .filter(|g| g.kind == GapKind::EvidencePending)
        .collect();
    if !pending.is_empty() {
        let planned = pending.iter().all(|g| w.plan_for(&g.criterion).is_some());
        w.c.paragraph(
            &format!(
                "部分事项佐证材料待补充（{} 项）{}",
                pending.len(),
                if planned {
                    "，已列入整改计划。"
                } else {
                    "。"
                }
            ),
            BODY.color(GRAY),
        );
    }
}

/// The gaps by domain only (a per-密点 or per-item list would be an attack
/// map), each domain with its owners and the last due date, or saying
/// plainly that the plan is still to be made.
fn gaps_by_domain(w: &mut Writer) {
    let s = &w.d.score;
    if s.gaps.is_empty() {
        w.c.paragraph("对照评价目录，未发现需整改的问题。", BODY);
        return;
    }
    let mut by_domain: BTreeMap<usize, Vec<&crate::score::Gap>> = BTreeMap::new();
    for g in &s.gaps {
        let idx = s
            .domains
            .iter()
            .position(|dm| dm.name == g.domain)
            .unwrap_or(usize::MAX);
        by_domain.entry(idx).or_default().push(g);
    }
    let mut rows = Vec::new();
    for gaps in by_domain.values() {
        let planned: Vec<_> = gaps
            .iter()
            .filter_map(|g| w.plan_for(&g.criterion))
            .collect();
        let mut owners: Vec<&str> = planned.iter().map(|t| t.owner_role.trim()).collect();
        owners.retain(|o| !o.is_empty());
        owners.sort();
        owners.dedup();
        let due = planned.iter().map(|t| t.due_on.as_str()).max();
        let n = gaps.len();
        let k = planned.len();
        let plan = match (k, due) {
            (0, _) | (_, None) => "整改计划尚待制定".to_string(),
            (k, Some(due)) if k == n => format!("{due} 前完成"),
            (k, Some(due)) => format!("{k} 项 {due} 前完成；{} 项整改计划尚待制定", n - k),
        };
        rows.push(vec![
            gaps[0].domain.clone(),
            n.to_string(),
            if owners.is_empty() {
                "尚待明确".into()
            } else {
                owners.join("、")
            },
            plan,
        ]);
    }
    let pending = s
        .gaps
        .iter()
        .filter(|g| g.kind == GapKind::EvidencePending)
        .count();
    let caption = if pending > 0 {
        format!(
            "对照评价目录，待改进事项共 {} 项（其中佐证材料待补充 {pending} 项），按领域汇总如下：",
            s.gaps.len()
        )
    } else {
        format!(
            "对照评价目录，待改进事项共 {} 项，按领域汇总如下：",
            s.gaps.len()
        )
    };
    w.c.captioned_table(
        &caption,
        BODY,
        vec![
            col("领域", 2.2, Align::Left),
            col("待改进事项", 1.0, Align::Center),
            col("责任部门/岗位", 1.6, Align::Center),
            col("计划完成时间", 2.4, Align::Left),
        ],
        rows,
    );
    let unplanned = w.unplanned().len();
    if unplanned > 0 {
        w.warn(ExportWarning::Unplanned { count: unplanned });
    }
}

fn sign_off(w: &mut Writer) {
    w.c.ensure(80.0).space(10.0);
    w.c.paragraph("企业对本报告及所附材料的真实性负责。", BODY);
    w.c.space(12.0);
    w.c.paragraph("法定代表人（或授权负责人）签字：____________________", BODY);
    w.c.space(8.0);
    w.c.paragraph("企业（盖章）：", BODY);
    w.c.space(14.0);
    w.c.paragraph("日期：______年____月____日", BODY);
    w.c.space(6.0);
    w.c.paragraph(
        "注：纸质报送时，请在报告各页加盖骑缝章；附件复印件逐页加盖公章。",
        BODY.size(9.5).color(GRAY),
    );
    w.chain_head();
}

/// Answers the registers contradict make a submission indefensible: say so.
fn contradictions_warning(w: &mut Writer) {
    let n = w.d.score.contradictions.len();
    if n > 0 {
        w.warn(ExportWarning::Contradictions { count: n });
    }
}

/// 一, 二, … 十 for clause numbers.
fn chinese_number(n: usize) -> &'static str {
    ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"]
        .get(n.wrapping_sub(1))
        .copied()
        .unwrap_or("十")
}
