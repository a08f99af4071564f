//! The core's one error type. Every variant has a stable `code` (its name
//! in SCREAMING_SNAKE_CASE), its parameters (its fields, all strings), and a
//! Chinese message (its `Display`). The CLI prints the message; the desktop
//! shell sends `{code, message, params}` and the UI renders the code from its
//! locale files, falling back to the message.
//!
//! Adding an error is adding a variant here and its text to both UI locale
//! files (`tests/it/locales.rs` checks that every code has one).

use std::collections::BTreeMap;

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Debug, thiserror::Error, serde::Serialize, strum::EnumIter, strum::IntoStaticStr)]
#[serde(tag = "$code", rename_all = "SCREAMING_SNAKE_CASE")]
#[strum(serialize_all = "SCREAMING_SNAKE_CASE")]
pub enum Error {
    #[error("企业名称不能为空")]
    EnterpriseNameEmpty,
    #[error("操作已取消，没有写入任何内容")]
    Cancelled,
    #[error("统一社会信用代码校验未通过：{reason}。如确认无误，请填写说明后再保存")]
    CreditCodeNeedsNote { reason: String },
    #[error("未找到企业：{id}")]
    EnterpriseNotFound { id: String },
    #[error("数据库中还没有企业，请先创建企业（或运行 midun demo 添加演示企业）")]
    NoEnterprise,
    #[error(
        "数据库中有多家企业，请用 --enterprise 指定其一（企业编号或统一社会信用代码）：{list}"
    )]
    EnterpriseAmbiguous { list: String },
    #[error("统一社会信用代码 {code} 对应多家企业，请改用企业编号：{list}")]
    CreditCodeAmbiguous { code: String, list: String },
    #[error("密点名称不能为空")]
    SecretPointNameEmpty,
    #[error("代号“{code}”已被本企业的其他密点使用")]
    SecretPointCodeDuplicate { code: String },
    #[error("代号“{code}”格式不正确：不能含空白或控制字符，不能以 = + - @ 开头，最长 32 个字符")]
    SecretPointCodeInvalid { code: String },
    #[error("密级“{level}”不在本企业的密级方案中（可选：{allowed}）")]
    LevelUnknown { level: String, allowed: String },
    #[error("类别“{category}”无效，应为：技术信息、经营信息或其他商业信息")]
    CategoryUnknown { category: String },
    #[error("未找到密点：{id}")]
    SecretPointNotFound { id: String },
    #[error("未找到商业秘密事项：{id}")]
    SecretItemNotFound { id: String },
    #[error("商业秘密事项“{name}”已存在")]
    SecretItemDuplicate { name: String },
    #[error("子类“{subtype}”不属于{category}，可选：{allowed}{}", nearest_hint(.nearest))]
    SubtypeInvalid {
        subtype: String,
        category: String,
        allowed: String,
        /// The allowed sub-type nearest to the refused one ("计划" for
        /// "经营计划"), or empty; each locale words it (key `_nearest`).
        nearest: String,
    },
    #[error("密级名称“{name}”不可使用：商业秘密不得使用国家秘密的密级名称（绝密、机密、秘密）或★标志（保守国家秘密法第二十二条），可用如“核心商密”")]
    LevelNameRefused { name: String },
    #[error("密级名称“{name}”无效：不能为空，最长 12 个字")]
    LevelNameInvalid { name: String },
    #[error("密级“{name}”重复")]
    LevelDuplicate { name: String },
    #[error("密级方案应有 1 至 {max} 级")]
    LevelCount { max: String },
    #[error("密级“{name}”仍有 {count} 条记录（密点、涉密人员、涉密区域或信息系统）在用，不能删除；请先调整这些记录的密级")]
    LevelInUse { name: String, count: String },
    #[error("保密期限“{term}”无效：应为日期（如 2030-12-31）、“长期”或“公布前”")]
    TermInvalid { term: String },
    #[error("密点状态“{status}”无效，应为：拟定、已定密、复核中、已变更、已解密或已公开（失密）")]
    StatusUnknown { status: String },
    #[error("密点状态不能从“{from}”改为“{to}”")]
    StatusTransitionRefused { from: String, to: String },
    #[error("{kind}须附审批记录（提出部门和提出人、审批人、保密办备案、依据、日期）")]
    ApprovalRequired { kind: String },
    #[error("审批记录缺少“{field}”")]
    ApprovalIncomplete { field: String },
    #[error("未找到审批记录：{id}")]
    ApprovalNotFound { id: String },
    #[error("本企业未开启“密点详细说明”，只能填写概述（不含具体参数）")]
    DetailNotOptedIn,
    #[error("填写有误（{field}）：{reason}")]
    FieldInvalid { field: String, reason: String },
    #[error("载体类型“{kind}”无效，可选：{allowed}")]
    CarrierKindInvalid { kind: String, allowed: String },
    #[error("未找到载体：{id}")]
    CarrierNotFound { id: String },
    #[error("第 {round} 次自评尚未完成，请先完成本轮再开始新一轮")]
    RoundStillOpen { round: String },
    #[error("未找到自评：{id}")]
    RoundNotFound { id: String },
    #[error("第 {round} 次自评已完成，答案和报告内容不能再修改；如需调整，请开始新一轮自评")]
    RoundClosed { round: String },
    #[error("本轮还有 {count} 项未评或待复核，请先评完再完成本轮")]
    RoundIncomplete { count: String },
    #[error("请先为评价项 {id} 选择状态，再添加佐证材料")]
    EvidenceNeedsAnswer { id: String },
    #[error("选择“不适用”须填写理由")]
    NotApplicableNeedsReason,
    #[error("评价项 {criterion} 不能选“不适用”：{fact}。请按实际情况作答")]
    NotApplicableRefused { criterion: String, fact: String },
    #[error("答案状态“{status}”无效，应为：已落实、部分落实、未落实、不适用或未评")]
    AnswerStatusUnknown { status: String },
    #[error("目录中没有领域：{id}")]
    DomainUnknown { id: String },
    #[error("目录中没有评价项：{id}")]
    CriterionUnknown { id: String },
    #[error("评价项 {id} 由登记簿自动得出，不能直接作答；如与实际不符，请填写理由后人工调整")]
    CriterionDerived { id: String },
    #[error("评价项 {id} 不是由登记簿自动得出的，请直接作答")]
    CriterionNotDerived { id: String },
    #[error("操作人姓名不能为空，最长 40 个字")]
    OperatorNameInvalid,
    #[error("未找到对外提供登记：{id}")]
    DisclosureNotFound { id: String },
    #[error("未找到泄密事件：{id}")]
    IncidentNotFound { id: String },
    #[error("未找到涉密区域：{id}")]
    SecretAreaNotFound { id: String },
    #[error("未找到信息系统：{id}")]
    InfoSystemNotFound { id: String },
    #[error("未找到整改事项：{id}")]
    RemediationTaskNotFound { id: String },
    #[error("{field}“{date}”晚于今天，不能填写将来的日期")]
    DateInFuture { field: String, date: String },
    #[error("整改事项标为“已完成”须填写完成日期")]
    RemediationClosedOnRequired,
    #[error("整改事项须指定责任角色（如 保密办、技术部负责人），不能为空")]
    RemediationOwnerRoleEmpty,
    #[error("无法读取文件“{file}”：{reason}")]
    FileUnreadable { file: String, reason: String },
    #[error("文件“{file}”有 {size}，超过入库上限 {limit}；请改用“登记不入库”（只记录文件位置、大小和 SHA-256）")]
    EvidenceFileTooLarge {
        file: String,
        size: String,
        limit: String,
    },
    #[error("未找到佐证材料：{id}")]
    EvidenceNotFound { id: String },
    #[error("佐证材料类型“{kind}”无效，可选：{allowed}")]
    EvidenceKindInvalid { kind: String, allowed: String },
    #[error("佐证材料“{title}”为登记不入库，数据库中没有文件副本")]
    EvidenceNotStored { title: String },
    #[error("关联对象类型“{kind}”无效，可选：{allowed}")]
    EvidenceTargetKindInvalid { kind: String, allowed: String },
    #[error("关联对象“{target}”无效：{reason}")]
    EvidenceTargetInvalid { target: String, reason: String },
    #[error("佐证材料“{title}”未关联到{target}")]
    EvidenceLinkNotFound { title: String, target: String },
    #[error("未找到文件指纹：{id}")]
    FingerprintNotFound { id: String },
    #[error("文件“{file}”的指纹已有 {count} 条存证记录，请先删除存证记录")]
    FingerprintHasCertificates { file: String, count: String },
    #[error("未找到存证记录：{id}")]
    CertificateNotFound { id: String },
    #[error("存证证书所载的 SHA-256（{certificate}）与文件指纹（{fingerprint}）不一致，该证书不是对这个文件出具的")]
    CertificateHashMismatch {
        certificate: String,
        fingerprint: String,
    },
    #[error("未找到涉密人员：{id}")]
    PersonNotFound { id: String },
    #[error("未找到保密协议/承诺书记录：{id}")]
    AgreementNotFound { id: String },
    #[error("“{name}”尚未填写离职日期：请先填写离职日期，再登记离职记录")]
    ExitDateMissing { name: String },
    #[error("未找到离职记录：{id}")]
    ExitRecordNotFound { id: String },
    #[error("竞业限制资格：“{name}”的竞业限制资格为“无”，不能约定竞业限制（劳动合同法第二十四条：竞业限制的人员限于高级管理人员、高级技术人员和其他负有保密义务的人员）")]
    NoncompeteNotEligible { name: String },
    #[error("竞业限制结束日期：{ends_on} 超过二年上限，自 {starts_on} 起最晚至 {latest}（劳动合同法第二十四条）")]
    NoncompeteTooLong {
        starts_on: String,
        ends_on: String,
        latest: String,
    },
    #[error("未找到竞业限制记录：{id}")]
    NoncompeteNotFound { id: String },
    #[error("补偿月份：{month} 已有支付记录")]
    NoncompetePaymentDuplicate { month: String },
    #[error("未找到竞业限制补偿支付记录：{id}")]
    NoncompetePaymentNotFound { id: String },
    #[error("未找到制度：{id}")]
    RuleDocNotFound { id: String },
    #[error("未找到培训记录：{id}")]
    TrainingNotFound { id: String },
    #[error("目录文件 {file} 无法读取：第 {line} 行第 {column} 列格式有误（{detail}）")]
    CatalogueUnreadable {
        file: String,
        line: String,
        column: String,
        detail: String,
    },
    #[error("目录文件 {file} 有误：{problems}")]
    CatalogueInvalid { file: String, problems: String },
    #[error("“{name}”尚未开始自评")]
    NoRound { name: String },
    #[error("控制措施库中没有 {id}")]
    ControlNotFound { id: String },
    #[error("控制措施 {id} 尚未作答，请先选择落实情况再填写起始日期")]
    ControlNotAnswered { id: String },
    #[error("没有在管的核心密点，无法生成一密一档；请指定一个密点")]
    DossierEmpty,
    #[error("文书模板“{template}”有误：{detail}")]
    TemplateInvalid { template: String, detail: String },
    #[error("{person}不适用{letter}：{reason}")]
    LetterNotApplicable {
        person: String,
        letter: String,
        reason: String,
    },
    #[error("导入文件无法使用：{detail}")]
    ImportFileInvalid { detail: String },
    #[error("密码不正确")]
    WrongPassword,
    #[error("恢复密钥不正确（应为 8 组、每组 4 个字母或数字）")]
    WrongRecoveryKey,
    #[error("数据库已加密，请输入密码（命令行：设置环境变量 MIDUN_PASSWORD）")]
    DbLocked,
    #[error(
        "找不到密钥文件 {file}：它与数据库放在一起，没有它无法打开加密的数据库。请从备份中恢复"
    )]
    KeyFileMissing { file: String },
    #[error("密钥文件 {file} 已损坏或不是 Midun 的密钥文件")]
    KeyFileInvalid { file: String },
    #[error("密码太短：至少 {min} 个字符")]
    PasswordTooShort { min: String },
    #[error("两次输入的新密码不一致")]
    PasswordMismatch,
    #[error("数据库 {file} 已存在")]
    DbExists { file: String },
    #[error("未找到备份：{name}")]
    BackupNotFound { name: String },
    #[error("备份 {name} 无法打开或未通过完整性检查：{detail}")]
    BackupUnsound { name: String, detail: String },
    #[error("数据库所在目录不存在：{dir}")]
    DbDirMissing { dir: String },
    #[error("该文件不是 Midun 数据库，或已损坏")]
    DbNotMidun,
    #[error("数据库文件 {file} 是空的（0 字节），而它的密钥文件还在：数据库已损坏，不会新建空库。{backup}")]
    DbEmpty { file: String, backup: String },
    #[error("找不到数据库文件 {file}，而它的密钥文件和备份还在：不会新建空库。{backup}")]
    DbFileMissing { file: String, backup: String },
    #[error("密码正确，但密钥文件 {file} 打不开这个数据库：密钥文件很可能属于另一个数据库（也可能是数据库已损坏）。{backup}")]
    KeyFileMismatch { file: String, backup: String },
    #[error("数据库文件 {file} 无法用它的密钥打开：文件已损坏。{backup}")]
    DbDamaged { file: String, backup: String },
    #[error("数据库正被另一个 Midun 窗口或命令使用，等待 {seconds} 秒后仍未释放：请关闭另一个窗口或等它完成后再试")]
    DbBusy { seconds: String },
    #[error("磁盘空间不足，本次操作未完成（已保存的数据未受影响）：请清理磁盘后重试")]
    DiskFull,
    #[error("操作记录校验值“{anchor}”格式不对：应为“条数-校验码”，如 128-3F9A2C7D1B4E5A6C")]
    AnchorInvalid { anchor: String },
    #[error("无法识别的列：{columns}。可识别的列：{accepted}。如确定这些列不需要导入，请选择“忽略这些列”（命令行：--ignore-columns）")]
    ImportColumnsUnknown { columns: String, accepted: String },
    #[error("该数据库由更新版本的 Midun 创建（数据版本 {found}，本程序支持到 {supported}），请升级 Midun 后再打开")]
    DbTooNew { found: String, supported: String },
    #[error("数据库完整性检查未通过：{detail}")]
    DbCorrupt { detail: String },
    #[error("交接文件密码太短：至少 {min} 个字符")]
    BundlePassphraseTooShort { min: String },
    #[error("未提供交接文件密码（命令行：设置环境变量 MIDUN_BUNDLE_PASSWORD）")]
    BundlePassphraseMissing,
    #[error("交接文件密码不正确")]
    BundleWrongPassphrase,
    #[error("交接文件无法读取（文件不完整、已损坏或不是 Midun 交接文件）：{detail}")]
    BundleUnreadable { detail: String },
    #[error(
        "交接文件格式版本 {found} 不受支持（本程序支持版本 {supported}），请升级 Midun 后再导入"
    )]
    BundleVersionUnsupported { found: String, supported: String },
    #[error("交接文件由较新版本的 Midun（{app}）导出，数据结构第 {found} 版，本程序只认识到第 {supported} 版：请先升级 Midun 再导入")]
    BundleFromNewerApp {
        app: String,
        found: String,
        supported: String,
    },
    #[error("交接文件含不安全的条目名“{name}”（绝对路径、上级目录、反斜杠或未知条目），已拒绝")]
    BundleEntryNameInvalid { name: String },
    #[error("交接文件超出安全上限（{detail}），可能是恶意构造的压缩文件，已拒绝")]
    BundleTooLarge { detail: String },
    #[error("交接文件的内容与清单不符：{detail}")]
    BundleEntriesMismatch { detail: String },
    #[error("交接文件中的“{entry}”与清单记录的校验值不符，文件可能被篡改，已拒绝")]
    BundleTampered { entry: String },
    #[error("交接文件中的“{entry}”内容无效：{detail}")]
    BundleInvalid { entry: String, detail: String },
    #[error("企业“{name}”（{id}）已在数据库中：请选择导入为副本或替换现有企业（命令行：--as-copy 或 --replace）")]
    EnterpriseExists { id: String, name: String },
    #[error("生成进度摘要前，请先在企业信息中填写统一社会信用代码（指导站据此区分企业）")]
    SummaryNeedsCreditCode,
    #[error("尚未开始自评，无法生成进度摘要：请先开始一轮自评")]
    SummaryNeedsRound,
    #[error("进度摘要“{file}”无法读取：{reason}")]
    SummaryRefused { file: String, reason: String },
    #[error("有 {count} 个进度摘要无法导入，本次未导入任何文件：{list}")]
    SummariesRefused { count: String, list: String },
    #[error("指导站名称无效：不能为空，最长 40 个字")]
    StationNameInvalid,
    #[error("尚未设置指导站名称：推送到共享数据库前请先设置（命令行：--station 名称）")]
    StationNameMissing,
    #[error("共享数据库地址无效：{reason}")]
    PgUrlInvalid { reason: String },
    #[error("无法连接共享数据库（{target}）：{reason}")]
    PgConnect { target: String, reason: String },
    #[error("共享数据库操作失败（{target}）：{reason}")]
    PgFailed { target: String, reason: String },
    #[error("共享数据库中的进度摘要未通过校验，本次未导入任何摘要：{list}")]
    PgSummaryRefused { list: String },
    #[error("共享数据库的结构版本 {found} 比本程序支持的 {supported} 更新，请升级密盾")]
    PgSchemaNewer { found: String, supported: String },
    #[error("数据库错误：{detail}")]
    #[serde(rename = "DB_ERROR")]
    #[strum(serialize = "DB_ERROR")]
    Db { detail: String },
    #[error("文件读写失败：{detail}")]
    #[serde(rename = "IO_ERROR")]
    #[strum(serialize = "IO_ERROR")]
    Io { detail: String },
    #[error("报告生成失败：{detail}")]
    #[serde(rename = "REPORT_FAILED")]
    #[strum(serialize = "REPORT_FAILED")]
    Report { detail: String },
    #[error("无法确定本机的数据目录，请设置环境变量 MIDUN_DATA_DIR")]
    NoDataDir,
}

impl Error {
    /// Stable, machine-readable code; the UI's locale files are keyed by it.
    pub fn code(&self) -> &'static str {
        self.into()
    }

    /// The values the message interpolates, by name; a refusal that names a
    /// field also carries its stable id as `key` (`model::fields`).
    pub fn params(&self) -> BTreeMap<String, String> {
        let mut out = BTreeMap::new();
        if let Ok(serde_json::Value::Object(map)) = serde_json::to_value(self) {
            for (k, v) in map {
                if k != "$code" {
                    out.insert(
                        k,
                        v.as_str()
                            .map(str::to_string)
                            .unwrap_or_else(|| v.to_string()),
                    );
                }
            }
        }
        if matches!(
            self,
            Error::FieldInvalid { .. } | Error::DateInFuture { .. }
        ) {
            let key = out
                .get("field")
                .and_then(|f| crate::model::fields::key_of(f))
                .unwrap_or_default();
            out.insert("key".into(), key.to_string());
        }
        out
    }
}

/// What crosses to the UI: `{code, message, params}`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, ts_rs::TS)]
pub struct AppError {
    pub code: String,
    /// The Chinese message, for when the UI has no text for the code.
    pub message: String,
    pub params: BTreeMap<String, String>,
}

impl From<&Error> for AppError {
    fn from(e: &Error) -> AppError {
        AppError {
            code: e.code().to_string(),
            message: e.to_string(),
            params: e
                .params()
                .into_iter()
                .map(|(k, v)| (k.to_string(), v))
                .collect(),
        }
    }
}

/// How long a write waits for another Midun window or command to finish.
pub const BUSY_WAIT_SECONDS: u64 = 5;

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Self {
        use rusqlite::ErrorCode::*;
        match e.sqlite_error_code() {
            Some(NotADatabase) => Error::DbNotMidun,
            Some(DatabaseCorrupt) => Error::DbCorrupt {
                detail: sqlite_detail(&e),
            },
            Some(DatabaseBusy | DatabaseLocked) => Error::DbBusy {
                seconds: BUSY_WAIT_SECONDS.to_string(),
            },
            Some(DiskFull) => Error::DiskFull,
            _ => Error::Db {
                detail: sqlite_detail(&e),
            },
        }
    }
}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Self {
        match e.kind() {
            std::io::ErrorKind::StorageFull | std::io::ErrorKind::QuotaExceeded => Error::DiskFull,
            _ => Error::Io {
                detail: io_detail(&e),
            },
        }
    }
}

/// A Chinese description of a SQLite failure, with SQLite's result code
/// (extended) as the technical detail; never SQLite's English text.
pub(crate) fn sqlite_detail(e: &rusqlite::Error) -> String {
    use rusqlite::ErrorCode::*;
    let Some(code) = e.sqlite_error_code() else {
        return match e {
            rusqlite::Error::QueryReturnedNoRows => "未找到记录".into(),
            rusqlite::Error::InvalidColumnType(..)
            | rusqlite::Error::FromSqlConversionFailure(..)
            | rusqlite::Error::IntegralValueOutOfRange(..) => "记录中的数据类型不符".into(),
            rusqlite::Error::Utf8Error(..) | rusqlite::Error::NulError(..) => {
                "记录中含有无效的文字编码".into()
            }
            _ => "数据库内部错误".into(),
        };
    };
    let text = match code {
        InternalMalfunction => "数据库内部故障",
        PermissionDenied => "没有访问数据库文件的权限",
        OperationAborted => "操作被中止",
        DatabaseBusy | DatabaseLocked => "数据库正被另一个窗口或命令使用",
        OutOfMemory => "内存不足",
        ReadOnly => "数据库文件是只读的，无法写入",
        OperationInterrupted => "操作被中断",
        SystemIoFailure => "读写数据库文件时出错（磁盘或文件系统故障）",
        DatabaseCorrupt => "数据库文件已损坏",
        NotFound => "找不到数据库中的对象",
        DiskFull => "磁盘空间不足",
        CannotOpen => "无法打开数据库文件",
        FileLockingProtocolFailed => "无法锁定数据库文件",
        SchemaChanged => "数据结构在操作中被改变，请重试",
        TooBig => "数据过大",
        ConstraintViolation => "数据与已有记录冲突（重复或引用了不存在的记录）",
        TypeMismatch => "数据类型不符",
        ApiMisuse => "程序调用数据库的方式有误",
        NoLargeFileSupport => "文件系统不支持大文件",
        AuthorizationForStatementDenied => "数据库拒绝了这项操作",
        ParameterOutOfRange => "参数超出范围",
        NotADatabase => "不是数据库文件，或密钥不对",
        _ => "数据库错误",
    };
    match e {
        rusqlite::Error::SqliteFailure(f, _) => {
            format!("{text}（SQLite 错误码 {}）", f.extended_code)
        }
        _ => text.to_string(),
    }
}

/// A Chinese description of an I/O failure, with the OS error number as
/// the technical detail; never the OS's English text.
pub(crate) fn io_detail(e: &std::io::Error) -> String {
    let text = io_kind_text(e.kind());
    match e.raw_os_error() {
        Some(n) => format!("{text}（系统错误码 {n}）"),
        None => text.to_string(),
    }
}

fn io_kind_text(kind: std::io::ErrorKind) -> &'static str {
    use std::io::ErrorKind::*;
    match kind {
        NotFound => "文件或目录不存在",
        PermissionDenied => "没有访问权限",
        AlreadyExists => "文件已存在",
        StorageFull => "磁盘空间不足",
        QuotaExceeded => "超出磁盘配额",
        FileTooLarge => "文件过大",
        IsADirectory => "这是一个文件夹，不是文件",
        NotADirectory => "路径中有一段不是文件夹",
        DirectoryNotEmpty => "文件夹不是空的",
        ReadOnlyFilesystem => "磁盘或文件夹是只读的",
        ResourceBusy | ExecutableFileBusy => "文件正被其他程序使用",
        CrossesDevices => "不能跨磁盘移动文件",
        InvalidFilename => "文件名无效或过长",
        InvalidInput => "输入无效",
        InvalidData => "文件内容无效",
        UnexpectedEof => "文件不完整（提前结束）",
        WriteZero => "无法写入数据",
        TimedOut => "操作超时",
        Interrupted => "操作被中断",
        BrokenPipe => "输出已被关闭",
        WouldBlock => "资源暂时不可用",
        OutOfMemory => "内存不足",
        Unsupported => "本系统不支持这项操作",
        Deadlock => "文件锁冲突",
        TooManyLinks => "链接过多",
        NotSeekable => "无法在文件中定位",
        StaleNetworkFileHandle => "网络文件已失效",
        ArgumentListTooLong => "参数过长",
        ConnectionRefused | ConnectionReset | ConnectionAborted | NotConnected
        | HostUnreachable | NetworkUnreachable | NetworkDown | AddrInUse | AddrNotAvailable => {
            "网络连接出错"
        }
        _ => "系统错误",
    }
}

/// A Chinese description of a JSON parse failure: where, and what kind.
pub(crate) fn json_detail(e: &serde_json::Error) -> String {
    let what = json_kind(e);
    if e.line() > 0 {
        format!("第 {} 行第 {} 列{what}", e.line(), e.column())
    } else {
        what
    }
}

/// What is wrong with a JSON text, in Chinese, with the field it names (an
/// identifier) when serde names one; never serde's English sentence.
pub(crate) fn json_kind(e: &serde_json::Error) -> String {
    use serde_json::error::Category;
    let m = e.to_string();
    let what = if m.starts_with("recursion limit exceeded") {
        "嵌套层数过多"
    } else if m.starts_with("unknown field") {
        "未知字段"
    } else if m.starts_with("missing field") {
        "缺少字段"
    } else if m.starts_with("duplicate field") {
        "字段重复"
    } else if m.starts_with("invalid type") || m.starts_with("invalid value") {
        "类型或取值不符"
    } else {
        match e.classify() {
            Category::Io => "读取失败",
            Category::Syntax => "不是有效的 JSON",
            Category::Data => "内容不符合要求的格式",
            Category::Eof => "内容不完整",
        }
    };
    // serde names a field in backticks: keep the name (an identifier).
    let field = m
        .split('`')
        .nth(1)
        .filter(|f| !f.is_empty() && f.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'))
        .map(|f| format!("“{f}”"))
        .unwrap_or_default();
    format!("{what}{field}")
}

/// One value of every variant (fields empty), for tests that must cover
/// every code: the UI's locale files, the messages.
#[doc(hidden)]
pub fn examples() -> Vec<Error> {
    use strum::IntoEnumIterator;
    Error::iter().collect()
}

/// "（最接近的是“计划”）" for a refused sub-type with a near allowed one.
fn nearest_hint(nearest: &str) -> String {
    if nearest.is_empty() {
        String::new()
    } else {
        format!("（最接近的是“{nearest}”）")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_messages_chinese() {
        let all = examples();
        let mut codes: Vec<_> = all.iter().map(|e| e.code()).collect();
        codes.sort();
        codes.dedup();
        assert_eq!(codes.len(), all.len());
        for e in &all {
            let msg = e.to_string();
            assert!(
                msg.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                "{msg}"
            );
            assert!(
                e.code().chars().all(|c| c.is_ascii_uppercase() || c == '_'),
                "{}",
                e.code()
            );
        }
    }

    /// Every I/O kind and SQLite code a user can meet is worded in Chinese,
    /// with nothing of the OS's or SQLite's English text.
    #[test]
    fn io_and_sqlite_failures_are_worded_in_chinese() {
        use std::io::ErrorKind::*;
        // Names are allowed: the product, env variables and acronyms in
        // capitals, command-line flags, file extensions.
        let no_english = |s: &str| {
            let words: Vec<&str> = s
                .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-' || c == '.'))
                .filter(|w| w.chars().filter(|c| c.is_ascii_alphabetic()).count() > 1)
                .filter(|w| {
                    !(w.starts_with("--")
                        || w.starts_with('.')
                        || w.chars().all(|c| !c.is_ascii_lowercase())
                        || ["Midun", "midun", "SQLite"].contains(w)
                        || s.contains(&format!("midun {w}"))
                        || s.contains(&format!("midun backup {w}")))
                })
                .collect();
            assert!(words.is_empty(), "English in “{s}”: {words:?}");
            assert!(
                s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                "{s}"
            );
        };
        let kinds = [
            NotFound,
            PermissionDenied,
            ConnectionRefused,
            ConnectionReset,
            HostUnreachable,
            NetworkUnreachable,
            ConnectionAborted,
            NotConnected,
            AddrInUse,
            AddrNotAvailable,
            NetworkDown,
            BrokenPipe,
            AlreadyExists,
            WouldBlock,
            NotADirectory,
            IsADirectory,
            DirectoryNotEmpty,
            ReadOnlyFilesystem,
            StaleNetworkFileHandle,
            InvalidInput,
            InvalidData,
            TimedOut,
            WriteZero,
            StorageFull,
            NotSeekable,
            QuotaExceeded,
            FileTooLarge,
            ResourceBusy,
            ExecutableFileBusy,
            Deadlock,
            CrossesDevices,
            TooManyLinks,
            InvalidFilename,
            ArgumentListTooLong,
            Interrupted,
            Unsupported,
            UnexpectedEof,
            OutOfMemory,
            Other,
        ];
        for k in kinds {
            let e = std::io::Error::new(k, "No space left on device");
            no_english(&Error::from(e).to_string());
        }
        for n in [2, 13, 21, 28, 30, 122] {
            no_english(&Error::from(std::io::Error::from_raw_os_error(n)).to_string());
        }
        for code in 1..=28 {
            let e = rusqlite::Error::SqliteFailure(
                rusqlite::ffi::Error::new(code),
                Some("UNIQUE constraint failed: secret_point.code".into()),
            );
            no_english(&Error::from(e).to_string());
        }
        for e in [
            rusqlite::Error::QueryReturnedNoRows,
            rusqlite::Error::InvalidColumnType(0, "x".into(), rusqlite::types::Type::Null),
            rusqlite::Error::InvalidQuery,
        ] {
            no_english(&Error::from(e).to_string());
        }
        for bad in ["{", "[1,", "{\"a\":}", "\"x\""] {
            let e =
                serde_json::from_str::<std::collections::BTreeMap<String, u8>>(bad).unwrap_err();
            no_english(&json_detail(&e));
        }
        // Every variant's message is Chinese too (fields empty).
        for e in examples() {
            no_english(&e.to_string());
        }
    }

    #[test]
    fn a_full_disk_and_a_busy_database_have_their_own_codes() {
        let full = Error::from(std::io::Error::from(std::io::ErrorKind::StorageFull));
        assert_eq!(full.code(), "DISK_FULL");
        let e = rusqlite::Error::SqliteFailure(rusqlite::ffi::Error::new(13), None);
        assert_eq!(Error::from(e).code(), "DISK_FULL");
        let e = rusqlite::Error::SqliteFailure(rusqlite::ffi::Error::new(5), None);
        assert_eq!(Error::from(e).code(), "DB_BUSY");
    }

    #[test]
    fn app_error_has_code_message_params() {
        let e = Error::SecretPointCodeDuplicate {
            code: "MD-1".into(),
        };
        assert_eq!(e.code(), "SECRET_POINT_CODE_DUPLICATE");
        let v = serde_json::to_value(AppError::from(&e)).unwrap();
        assert_eq!(v["code"], "SECRET_POINT_CODE_DUPLICATE");
        assert_eq!(v["params"]["code"], "MD-1");
        assert_eq!(v["params"].as_object().unwrap().len(), 1);
        assert!(v["message"].as_str().unwrap().contains("MD-1"));
        let unit = AppError::from(&Error::DbNotMidun);
        assert!(unit.params.is_empty());
    }
}
