//! Validation of a catalogue and a control library. Every problem names the
//! id it concerns and says what is wrong, in Chinese.

use std::collections::{BTreeSet, HashSet};
use std::fmt;

use super::{
    is_fact, Catalogue, Condition, ControlLibrary, DERIVE_RULES, EVIDENCE_KINDS,
    MAX_CRITERION_POINTS, MAX_TOTAL_POINTS,
};
use crate::model::point::CARRIER_KINDS;
use crate::model::AnswerStatus;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub id: String,
    pub problem: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}：{}", self.id, self.problem)
    }
}

struct Findings(Vec<Problem>);

impl Findings {
    fn add(&mut self, id: &str, problem: impl Into<String>) {
        self.0.push(Problem {
            id: id.to_string(),
            problem: problem.into(),
        });
    }

    fn unique<'a>(&mut self, what: &str, ids: impl Iterator<Item = &'a str>) {
        let mut seen = HashSet::new();
        for id in ids {
            if id.trim().is_empty() {
                self.add("（空）", format!("{what}编号为空"));
            } else if !seen.insert(id) {
                self.add(id, format!("{what}编号重复"));
            }
        }
    }
}

pub fn validate_catalogue(c: &Catalogue, require_100: bool) -> Vec<Problem> {
    let mut f = Findings(Vec::new());
    f.unique("来源", c.sources.iter().map(|s| s.id.as_str()));
    f.unique("覆盖项", c.coverage.iter().map(|s| s.id.as_str()));
    f.unique("领域", c.domains.iter().map(|d| d.id.as_str()));
    f.unique("评价项", c.criteria().map(|(_, k)| k.id.as_str()));
    f.unique("快速自查问题", c.quick_check.iter().map(|q| q.id.as_str()));
    for (what, v) in [("目录编号", &c.id), ("版本号", &c.version)] {
        if v.trim().is_empty() || v.chars().count() > 64 || v.chars().any(char::is_control) {
            f.add(
                if c.id.trim().is_empty() {
                    "（空）"
                } else {
                    &c.id
                },
                format!("{what}须为 1 至 64 个字符，不含控制字符"),
            );
        }
    }
    if c.statement.trim().is_empty() {
        f.add(&c.id, "缺少目录性质声明（须说明为自行解读、非官方评分表）");
    }
    let sources: HashSet<&str> = c.sources.iter().map(|s| s.id.as_str()).collect();
    let coverage: HashSet<&str> = c.coverage.iter().map(|s| s.id.as_str()).collect();
    let mut tagged = BTreeSet::new();
    if c.domains.is_empty() {
        f.add(&c.id, "没有任何领域");
    }
    for d in &c.domains {
        if d.criteria.is_empty() {
            f.add(&d.id, "领域下没有评价项");
        }
        for k in &d.criteria {
            if k.gate {
                if k.points != 0 || !k.basic {
                    f.add(&k.id, "条件项（gate）须为 0 分的基础项");
                }
            } else if k.points <= 0 {
                f.add(&k.id, format!("分值须为正整数，实为 {}", k.points));
            } else if k.points > MAX_CRITERION_POINTS {
                f.add(
                    &k.id,
                    format!("分值不能超过 {MAX_CRITERION_POINTS}，实为 {}", k.points),
                );
            }
            if k.basis.is_empty() {
                f.add(&k.id, "缺少依据");
            }
            for b in &k.basis {
                if !sources.contains(b.source.as_str()) {
                    f.add(&k.id, format!("依据引用了不存在的来源“{}”", b.source));
                }
            }
            if k.evidence_kinds.is_empty() {
                f.add(&k.id, "缺少佐证材料类型");
            }
            for e in &k.evidence_kinds {
                if !EVIDENCE_KINDS.contains(&e.as_str()) {
                    f.add(
                        &k.id,
                        format!(
                            "佐证材料类型“{e}”不存在（可选：{}）",
                            EVIDENCE_KINDS.join("、")
                        ),
                    );
                }
            }
            for t in &k.tags {
                if coverage.contains(t.as_str()) {
                    tagged.insert(t.as_str());
                } else {
                    f.add(&k.id, format!("标签“{t}”不是已定义的覆盖项"));
                }
            }
            let conditions = k
                .applies_when
                .iter()
                .chain(&k.na_refused_when)
                .chain(k.consistency.iter().map(|r| &r.when));
            for cond in conditions {
                check_condition(&mut f, &k.id, cond);
            }
            if k.basic && !k.na_refused_when.is_empty() {
                f.add(&k.id, "基础项本就不能选“不适用”，无需 naRefusedWhen");
            }
            for r in &k.consistency {
                if r.contradicts.is_empty() {
                    f.add(&k.id, "一致性规则缺少 contradicts");
                }
                if r.contradicts.contains(&r.suggest) || r.suggest == AnswerStatus::Unanswered {
                    f.add(
                        &k.id,
                        format!("一致性规则的建议答案“{}”无效", r.suggest.label()),
                    );
                }
                if r.contradicts.contains(&AnswerStatus::Unanswered) {
                    f.add(&k.id, "一致性规则不能针对“未评”");
                }
            }
            if let Some(dr) = &k.derive {
                if !DERIVE_RULES.contains(&dr.rule.as_str()) {
                    f.add(&k.id, format!("推导规则“{}”不存在", dr.rule));
                }
                if !(0 <= dr.partial && dr.partial <= dr.done && dr.done <= 1000) {
                    f.add(
                        &k.id,
                        format!(
                            "推导阈值须满足 0 ≤ 部分落实（{}）≤ 已落实（{}）≤ 1000",
                            dr.partial, dr.done
                        ),
                    );
                }
            }
        }
    }
    for cov in &c.coverage {
        if !tagged.contains(cov.id.as_str()) {
            f.add(&cov.id, format!("覆盖项“{}”没有任何评价项覆盖", cov.name));
        }
    }
    for q in &c.quick_check {
        if q.answers.is_empty() {
            f.add(&q.id, "问题没有答案选项");
        }
        for a in &q.answers {
            for s in &a.sets {
                let Some(k) = c.criterion(&s.criterion) else {
                    f.add(&q.id, format!("引用了不存在的评价项“{}”", s.criterion));
                    continue;
                };
                match AnswerStatus::parse(&s.status) {
                    Err(_) | Ok(AnswerStatus::Unanswered) => {
                        f.add(&q.id, format!("暂定状态“{}”无效", s.status));
                    }
                    Ok(AnswerStatus::NotApplicable) if k.basic => {
                        f.add(&q.id, format!("基础项 {} 不允许“不适用”", k.id));
                    }
                    Ok(_) => {}
                }
            }
        }
    }
    if c.total_points() > MAX_TOTAL_POINTS {
        f.add(
            &c.id,
            format!("总分不能超过 {MAX_TOTAL_POINTS}，实为 {}", c.total_points()),
        );
    }
    if require_100 && c.total_points() != 100 {
        f.add(
            &c.id,
            format!("默认目录总分须为 100，实为 {}", c.total_points()),
        );
    }
    f.0
}

/// A condition names a fact the registers give, has a bound and says what
/// it means.
fn check_condition(f: &mut Findings, id: &str, c: &Condition) {
    if !is_fact(&c.fact) {
        f.add(id, format!("条件引用了不存在的登记事实“{}”", c.fact));
    }
    if c.at_least.is_none() && c.at_most.is_none() {
        f.add(id, format!("条件“{}”缺少 atLeast 或 atMost", c.fact));
    }
    if c.says.trim().is_empty() {
        f.add(id, format!("条件“{}”缺少说明（says）", c.fact));
    }
}

/// The control ids the catalogue's conditions name must be controls of
/// `library`.
pub fn validate_against_controls(c: &Catalogue, library: &ControlLibrary) -> Vec<Problem> {
    let mut f = Findings(Vec::new());
    for (_, k) in c.criteria() {
        let conditions = k
            .applies_when
            .iter()
            .chain(&k.na_refused_when)
            .chain(k.consistency.iter().map(|r| &r.when));
        for cond in conditions {
            let id = cond
                .fact
                .strip_prefix("control:")
                .or_else(|| cond.fact.strip_prefix("core_control:"));
            if let Some(id) = id {
                if !library.controls.iter().any(|x| x.id == id) {
                    f.add(&k.id, format!("条件引用了控制措施库中没有的“{id}”"));
                }
            }
        }
    }
    f.0
}

pub fn validate_controls(l: &ControlLibrary) -> Vec<Problem> {
    let mut f = Findings(Vec::new());
    f.unique("控制措施", l.controls.iter().map(|c| c.id.as_str()));
    f.unique("来源", l.sources.iter().map(|s| s.id.as_str()));
    let sources: HashSet<&str> = l.sources.iter().map(|s| s.id.as_str()).collect();
    for c in &l.controls {
        if !l.stages.contains(&c.stage) {
            f.add(&c.id, format!("环节“{}”不在环节列表中", c.stage));
        }
        if c.carrier_kinds.is_empty() {
            f.add(&c.id, "缺少适用的载体类型");
        }
        for k in &c.carrier_kinds {
            if !CARRIER_KINDS.contains(&k.as_str()) {
                f.add(
                    &c.id,
                    format!("载体类型“{k}”不存在（可选：{}）", CARRIER_KINDS.join("、")),
                );
            }
        }
        if !["核心", "重要", "全部"].contains(&c.required_from.as_str()) {
            f.add(
                &c.id,
                format!("适用密级“{}”无效，应为 核心、重要 或 全部", c.required_from),
            );
        }
        for b in &c.basis {
            if !sources.contains(b.source.as_str()) {
                f.add(&c.id, format!("依据引用了不存在的来源“{}”", b.source));
            }
        }
    }
    f.0
}
