//! What a report's author should settle before handing it on, as codes with
//! params: the UI words them from its locale files, the CLI prints `zh()`.
//! One place holds the core's Chinese wording of each.

use serde::Serialize;

/// Where a text the enterprise wrote stands in the 报送版.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum TextPlace {
    RuleTitle,
    Highlights,
    NextSteps,
}

impl TextPlace {
    pub fn zh(self) -> &'static str {
        match self {
            TextPlace::RuleTitle => "制度名称",
            TextPlace::Highlights => "特色做法",
            TextPlace::NextSteps => "下一步工作",
        }
    }
}

/// What kind of internal name a text names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum NameKind {
    PointName,
    Area,
    System,
    Carrier,
    CarrierLocation,
    Person,
}

impl NameKind {
    pub fn zh(self) -> &'static str {
        match self {
            NameKind::PointName => "密点名称",
            NameKind::Area => "涉密区域",
            NameKind::System => "信息系统",
            NameKind::Carrier => "载体",
            NameKind::CarrierLocation => "载体存放位置",
            NameKind::Person => "涉密人员",
        }
    }
}

/// Something the author of a report should know or settle.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum ExportWarning {
    /// A text printed as the enterprise wrote it names something internal.
    InternalName {
        place: TextPlace,
        /// The text's own title where it has one (a rule's title).
        text: String,
        kind: NameKind,
        name: String,
    },
    /// An evidence title names something internal; the 报送版 leaves it out.
    EvidenceTitleWithheld {
        title: String,
        kind: NameKind,
        name: String,
    },
    /// 特色做法 describes how a secret is split or protected.
    HighlightsDetail { hint: String },
    /// 牵头负责人 or 保密工作责任部门 is not filled in.
    OrganisationIncomplete,
    /// 联系人 or 联系电话 is not filled in.
    ContactMissing,
    /// The 报送函 has no 报送机关.
    RecipientMissing,
    /// The self-declaration admits a penalty: the pledge leaves the clause out.
    PenaltyDeclared,
    /// No self-declaration: the pledge leaves the clause out.
    DeclarationMissing,
    /// Gaps without an owner and a due date.
    Unplanned {
        #[ts(type = "number")]
        count: usize,
    },
    /// Answers the registers contradict.
    Contradictions {
        #[ts(type = "number")]
        count: usize,
    },
}

impl ExportWarning {
    /// The core's Chinese wording (CLI).
    pub fn zh(&self) -> String {
        match self {
            ExportWarning::InternalName {
                place,
                text,
                kind,
                name,
            } => {
                let what = match place {
                    TextPlace::RuleTitle => format!("制度名称《{text}》"),
                    _ => place.zh().to_string(),
                };
                format!(
                    "报送版的{what}含有{}“{name}”，请确认可以对外提供，或改写后重新导出。",
                    kind.zh()
                )
            }
            ExportWarning::EvidenceTitleWithheld { title, kind, name } => format!(
                "佐证材料“{title}”的标题含有{}“{name}”，报送版未列出该标题；如需列出，请改用不含内部名称的标题。",
                kind.zh()
            ),
            ExportWarning::HighlightsDetail { hint } => format!(
                "特色做法写到了“{hint}”。主管部门常把这一段作为经验公开发布，建议只写做法和成效，不写密点如何拆分、参数或具体防护安排。"
            ),
            ExportWarning::OrganisationIncomplete => "组织领导情况（牵头负责人、保密工作责任部门）未填写完整，报告中显示为“未填写”。请在“企业信息”中补充。".into(),
            ExportWarning::ContactMissing => "联系人或联系电话未填写，主管部门将无法联系。请在“企业信息”中补充。".into(),
            ExportWarning::RecipientMissing => "报送函未填写报送机关（如“某某县市场监督管理局”），已留空待手写；也可在“企业信息”中关闭报送函。".into(),
            ExportWarning::PenaltyDeclared => "自我声明表明近三年有侵犯他人商业秘密的处罚或判决，信用承诺书未列入该项；报送前请与主管部门沟通。".into(),
            ExportWarning::DeclarationMissing => "尚未填写自我声明（近三年有无侵犯他人商业秘密的处罚或判决），信用承诺书未列入该项。请在“企业信息”中填写。".into(),
            ExportWarning::Unplanned { count } => format!(
                "有 {count} 项待改进事项尚未列入整改台账（缺少责任岗位和计划完成日期），报送版将写明“整改计划尚待制定”。建议先在“整改台账”中安排后再导出。"
            ),
            ExportWarning::Contradictions { count } => format!(
                "有 {count} 项自评答案与登记数据不一致（见“自评结果”），报送前请先核对并修改答案。"
            ),
        }
    }
}
