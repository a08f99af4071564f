//! The 内部版, for management and counsel. In PRC procedure there is no
//! privilege for in-house documents (民事证据规定 Art. 47–48): a court can
//! order this report produced. So it is written to survive that: gaps by
//! control and domain in neutral words ("待完善事项 / 计划完成日期"), never
//! next to a 密点 name; no 密点 register (that is the 一密一档); a copy
//! number and a distribution list on the cover.

use std::collections::{BTreeMap, BTreeSet};

use super::{col, filled, gap_wording, signed, Align, Edition, Writer, BODY, GRAY, RED};
use crate::model::{level::mark, Status, Term};
use crate::score::{Gap, GapKind};

/// Blank lines of the distribution list the user fills in by hand.
const DISTRIBUTION_ROWS: usize = 4;

pub(super) fn compose(w: &mut Writer, copy: u32) {
    debug_assert_eq!(w.edition, Edition::Internal);
    let d = w.d;
    let e = &d.enterprise;
    let short = if e.short_name.trim().is_empty() {
        e.name.clone()
    } else {
        e.short_name.clone()
    };
    // The report is refreshed every round: marked by level, not by a term.
    let top_level = d.levels.first().cloned().unwrap_or_default();
    let own_mark = format!("{short} {}", mark(&top_level, None));
    w.c.header_right = if d.score.draft {
        format!("{own_mark} · 内部资料　草稿")
    } else {
        format!("{own_mark} · 内部资料")
    };
    cover(w, copy, &own_mark);
    statement(w, &own_mark);

    w.c.new_page().heading("一、基本情况", 1);
    w.profile();
    w.c.paragraph("组织领导：", BODY.bold());
    w.organisation();
    w.c.heading("二、主要做法与成效", 1);
    w.point_counts();
    w.people_and_rules();
    w.c.heading("三、特色做法", 1);
    w.highlights();
    w.c.heading("四、自评结果", 1);
    results(w);
    w.c.heading("五、待完善事项与整改安排", 1);
    gaps(w);
    controls(w);
    tasks(w);
    w.c.heading("六、下一步工作", 1);
    w.next_steps();
    w.c.heading("七、到期与复核清单", 1);
    due_list(w);
    w.c.heading("八、与上次自评对比", 1);
    trend(w);
    w.c.new_page().heading("附件：佐证材料目录", 1);
    w.evidence_annex();
    w.chain_head();
}

fn cover(w: &mut Writer, copy: u32, own_mark: &str) {
    let d = w.d;
    let e = &d.enterprise;
    let round = w.round();
    w.cover_title(Edition::Internal.base_title());
    w.c.space(3.0).paragraph(
        &format!("内部资料　{own_mark}"),
        BODY.size(13.0).bold().align(Align::Center).color(RED),
    );
    w.c.space(20.0);
    let rows = vec![
        ("企业名称".to_string(), e.name.clone()),
        (
            "统一社会信用代码".into(),
            filled(e.credit_code.as_deref().unwrap_or("")),
        ),
        (
            "自评基准日".into(),
            round.map_or("（尚未开始自评）".into(), |r| r.base_date.clone()),
        ),
        (
            "评价目录".into(),
            format!("{}（{} 版）", d.catalogue.title, d.catalogue.version),
        ),
        ("填报人".into(), filled(round.map_or("", |r| &r.filler))),
        ("审核人".into(), filled(round.map_or("", |r| &r.reviewer))),
        ("份号".into(), format!("第 {copy} 份")),
        ("生成日期".into(), w.generated_day()),
    ];
    w.c.pairs(rows, 78.0, 12.0);
    w.c.space(10.0);
    let blank = || vec![String::new(); 5];
    let mut rows = vec![vec![
        format!("第 {copy} 份"),
        String::new(),
        String::new(),
        String::new(),
        String::new(),
    ]];
    rows.extend((1..DISTRIBUTION_ROWS).map(|_| blank()));
    w.c.captioned_table(
        "分发范围（由保密工作责任部门填写）：",
        BODY.bold(),
        vec![
            col("份号", 1.0, Align::Center),
            col("领取人/部门", 2.0, Align::Center),
            col("领取日期", 1.3, Align::Center),
            col("归还/销毁日期", 1.5, Align::Center),
            col("经办人", 1.1, Align::Center),
        ],
        rows,
    );
}

fn statement(w: &mut Writer, own_mark: &str) {
    let d = w.d;
    w.c.new_page().heading("声明", 1);
    let paras = [
        "本报告是企业对照评价目录所作的自我评估，不是主管部门的评审或认定结论。".to_string(),
        format!(
            "本报告所用评价目录为《{}》（{} 版）。{}",
            d.catalogue.title, d.catalogue.version, d.catalogue.statement
        ),
        format!(
            "本报告为内部资料，标识为“{own_mark}”，编号分发，请按本企业商业秘密管理制度控制知悉范围，不得对外提供。本报告按控制措施和领域列出待完善事项，不列密点名称；逐个密点的保护措施、起始日期和佐证见《一密一档》。"
        ),
        "本报告按本企业文件保存规定保管；可以预见发生纠纷或诉讼后，不得销毁或改动。待完善事项宜尽快完成并记录完成日期。".to_string(),
    ];
    for p in &paras {
        w.c.paragraph(p, BODY).space(2.0);
    }
}

/// The total, domains, the radar, every 基础项 (gates marked), the answers
/// the registers contradict, the 不适用 items, what is not yet answered.
fn results(w: &mut Writer) {
    let s = &w.d.score;
    w.results_table();
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
    w.c.radar(labels, values, 78.0);
    let rows = s
        .basic_items
        .iter()
        .map(|b| {
            vec![
                b.criterion.clone(),
                if b.gate {
                    format!("{}（前提条件）", b.title)
                } else {
                    b.title.clone()
                },
                b.status.label().to_string(),
            ]
        })
        .collect();
    w.c.captioned_table(
        "基础项（评价目录设定）：",
        BODY.bold(),
        vec![
            col("编号", 0.9, Align::Center),
            col("基础项", 4.0, Align::Left),
            col("状态", 1.0, Align::Center),
        ],
        rows,
    );
    if !s.contradictions.is_empty() {
        let rows = s
            .contradictions
            .iter()
            .map(|c| {
                vec![
                    c.criterion.clone(),
                    c.title.clone(),
                    c.answer.label().to_string(),
                    c.fact.clone(),
                    c.suggested
                        .map_or("请重新核对".into(), |a| format!("宜答“{}”", a.label())),
                ]
            })
            .collect();
        w.c.captioned_table(
            &format!(
                "自评答案与登记数据不一致（{} 项，报送前应核对）：",
                s.contradictions.len()
            ),
            BODY.bold(),
            vec![
                col("编号", 0.8, Align::Center),
                col("评价内容", 2.2, Align::Left),
                col("自评答案", 0.9, Align::Center),
                col("登记数据显示", 2.4, Align::Left),
                col("建议", 1.1, Align::Center),
            ],
            rows,
        );
    }
    w.not_applicable(true);
    let unanswered: Vec<String> = s
        .criteria
        .iter()
        .filter(|c| c.applies && c.status == crate::store::AnswerStatus::Unanswered)
        .map(|c| c.criterion.clone())
        .collect();
    if !unanswered.is_empty() {
        w.c.paragraph(
            &format!(
                "未评项目（{} 项）：{}",
                unanswered.len(),
                unanswered.join("、")
            ),
            BODY,
        );
    }
    for warning in &s.warnings {
        w.c.paragraph(&format!("提示：{}", warning.zh()), BODY.color(GRAY));
    }
}

/// What closes a gap that lacks only its evidence: the evidence, of the
/// kinds the catalogue lists (the measure itself is in place).
fn evidence_action(g: &Gap) -> String {
    if g.evidence_kinds.is_empty() {
        "补充本项的佐证材料并登记。".into()
    } else {
        format!(
            "补充本项的佐证材料（{}）并登记。",
            g.evidence_kinds.join("、")
        )
    }
}

/// Every gap by criterion, in neutral words, with its owner and date.
fn gaps(w: &mut Writer) {
    let s = &w.d.score;
    if s.gaps.is_empty() {
        w.c.paragraph("对照评价目录，暂无待完善事项。", BODY);
        return;
    }
    let rows = s
        .gaps
        .iter()
        .map(|g| {
            let plan = w.plan_for(&g.criterion);
            vec![
                format!("{}{}", g.criterion, if g.basic { "（基础项）" } else { "" }),
                g.title.clone(),
                gap_wording(g.kind).to_string(),
                if g.kind == GapKind::EvidencePending {
                    evidence_action(g)
                } else {
                    g.action.clone()
                },
                plan.map_or("尚待明确".into(), |t| filled(&t.owner_role)),
                plan.map_or("尚待安排".into(), |t| match &t.closed_on {
                    Some(done) => format!("已于 {done} 完成"),
                    None => t.due_on.clone(),
                }),
            ]
        })
        .collect();
    w.c.captioned_table(
        &format!("待完善事项（{} 项）：", s.gaps.len()),
        BODY.bold(),
        vec![
            col("编号", 1.0, Align::Center),
            col("事项", 2.0, Align::Left),
            col("待完善内容", 1.3, Align::Center),
            col("整改措施", 2.7, Align::Left),
            col("责任岗位", 1.1, Align::Center),
            col("计划完成日期", 1.4, Align::Center),
        ],
        rows,
    );
    let unplanned = w.unplanned().len();
    if unplanned > 0 {
        w.c.paragraph(
            &format!("其中 {unplanned} 项尚未安排责任岗位和计划完成日期，请在整改台账中补充。"),
            BODY.color(GRAY),
        );
    }
}

/// The whole-process controls still to complete, by control: how many
/// 密点 and which levels they concern, never which 密点.
fn controls(w: &mut Writer) {
    let d = w.d;
    let mut by_control: BTreeMap<&str, (usize, BTreeSet<&str>)> = BTreeMap::new();
    for c in &d.coverage {
        for id in &c.uncovered {
            let e = by_control.entry(id.as_str()).or_default();
            e.0 += 1;
            e.1.insert(c.level.as_str());
        }
    }
    if by_control.is_empty() {
        return;
    }
    let rows = d
        .library
        .controls
        .iter()
        .filter_map(|c| {
            let (n, levels) = by_control.get(c.id.as_str())?;
            let levels: Vec<&str> = d
                .levels
                .iter()
                .map(String::as_str)
                .filter(|l| levels.contains(l))
                .collect();
            Some(vec![
                c.id.clone(),
                c.stage.clone(),
                c.requirement.clone(),
                n.to_string(),
                levels.join("、"),
            ])
        })
        .collect();
    w.c.captioned_table(
        "全过程保密管理中待完善的控制措施（按措施汇总）：",
        BODY.bold(),
        vec![
            col("编号", 0.8, Align::Center),
            col("环节", 1.1, Align::Center),
            col("控制要求", 4.0, Align::Left),
            col("涉及密点（个）", 1.1, Align::Center),
            col("涉及密级", 1.3, Align::Center),
        ],
        rows,
    );
}

fn tasks(w: &mut Writer) {
    let d = w.d;
    if d.tasks.is_empty() {
        return;
    }
    let rows = d
        .tasks
        .iter()
        .map(|t| {
            vec![
                t.title.clone(),
                filled(&t.owner_role),
                t.due_on.clone(),
                t.status.label().to_string(),
                t.closed_on.clone().unwrap_or_default(),
            ]
        })
        .collect();
    w.c.captioned_table(
        "整改台账：",
        BODY.bold(),
        vec![
            col("整改事项", 3.0, Align::Left),
            col("责任岗位", 1.3, Align::Center),
            col("计划完成日期", 1.2, Align::Center),
            col("状态", 1.0, Align::Center),
            col("完成日期", 1.2, Align::Center),
        ],
        rows,
    );
}

/// Terms that end and reviews that fall due, for the 密点 still in force.
fn due_list(w: &mut Writer) {
    let mut due: Vec<Vec<String>> = Vec::new();
    for p in &w.d.points {
        if matches!(p.status, Status::Declassified | Status::Disclosed) {
            continue;
        }
        if let Some(Term::Until(day)) = p.term {
            due.push(vec![
                day.format("%Y-%m-%d").to_string(),
                p.code.clone(),
                "保密期限届满，应复核是否解密或延期".into(),
            ]);
        }
        if let Some(r) = &p.review_due {
            due.push(vec![r.clone(), p.code.clone(), "密点定期复核".into()]);
        }
    }
    due.sort();
    if due.is_empty() {
        w.c.paragraph("（无到期或待复核事项）", BODY);
    } else {
        w.c.table(
            vec![
                col("日期", 1.2, Align::Center),
                col("代号", 1.5, Align::Left),
                col("事项", 3.0, Align::Left),
            ],
            due,
        );
    }
}

/// The total and each domain against the last closed round.
fn trend(w: &mut Writer) {
    let d = w.d;
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
            w.c.paragraph(&text, BODY);
            let before: BTreeMap<&str, f64> = snap
                .as_ref()
                .and_then(|v| v["domains"].as_array())
                .into_iter()
                .flatten()
                .filter_map(|dom| Some((dom["id"].as_str()?, dom["score"].as_f64()?)))
                .collect();
            if !before.is_empty() {
                let rows = d
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
                w.c.table(
                    vec![
                        col("领域", 2.4, Align::Left),
                        col("上次得分率", 1.0, Align::Center),
                        col("本次得分率", 1.0, Align::Center),
                        col("变化", 1.0, Align::Center),
                    ],
                    rows,
                );
            }
        }
        Some((p, None)) => {
            w.c.paragraph(
                &format!("第 {} 次自评的结果未保存，无可比数据。", p.round_no),
                BODY,
            );
        }
        None => {
            w.c.paragraph("这是本企业第一次完成的自评，尚无可比数据。", BODY);
        }
    }
}
