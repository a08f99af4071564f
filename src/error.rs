//! The core's one error type. Every variant has a stable `code`, its
//! parameters, and a Chinese message (its `Display`). The CLI prints the
//! message; the desktop shell sends `{code, message, params}` and the UI
//! renders the code from its locale files, falling back to the message.

use std::collections::BTreeMap;

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("企业名称不能为空")]
    EnterpriseNameEmpty,
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
    #[error("代号“{code}”格式不正确：不能含空白或控制字符，最长 32 个字符")]
    SecretPointCodeInvalid { code: String },
    #[error("密级“{level}”不在本企业的密级方案中（可选：{allowed}）")]
    LevelUnknown { level: String, allowed: String },
    #[error("类别“{category}”无效，应为：技术信息、经营信息或其他商业信息")]
    CategoryUnknown { category: String },
    #[error("数据库所在目录不存在：{dir}")]
    DbDirMissing { dir: String },
    #[error("该文件不是 Midun 数据库，或已损坏")]
    DbNotMidun,
    #[error("该数据库由更新版本的 Midun 创建（数据版本 {found}，本程序支持到 {supported}），请升级 Midun 后再打开")]
    DbTooNew { found: String, supported: String },
    #[error("数据库完整性检查未通过：{detail}")]
    DbCorrupt { detail: String },
    #[error("数据库错误：{detail}")]
    Db { detail: String },
    #[error("文件读写失败：{detail}")]
    Io { detail: String },
    #[error("报告生成失败：{detail}")]
    Report { detail: String },
    #[error("无法确定本机的数据目录，请设置环境变量 MIDUN_DATA_DIR")]
    NoDataDir,
}

impl Error {
    /// Stable, machine-readable code; the UI's locale files are keyed by it.
    pub fn code(&self) -> &'static str {
        match self {
            Error::EnterpriseNameEmpty => "ENTERPRISE_NAME_EMPTY",
            Error::CreditCodeNeedsNote { .. } => "CREDIT_CODE_NEEDS_NOTE",
            Error::EnterpriseNotFound { .. } => "ENTERPRISE_NOT_FOUND",
            Error::NoEnterprise => "NO_ENTERPRISE",
            Error::EnterpriseAmbiguous { .. } => "ENTERPRISE_AMBIGUOUS",
            Error::CreditCodeAmbiguous { .. } => "CREDIT_CODE_AMBIGUOUS",
            Error::SecretPointNameEmpty => "SECRET_POINT_NAME_EMPTY",
            Error::SecretPointCodeDuplicate { .. } => "SECRET_POINT_CODE_DUPLICATE",
            Error::SecretPointCodeInvalid { .. } => "SECRET_POINT_CODE_INVALID",
            Error::LevelUnknown { .. } => "LEVEL_UNKNOWN",
            Error::CategoryUnknown { .. } => "CATEGORY_UNKNOWN",
            Error::DbDirMissing { .. } => "DB_DIR_MISSING",
            Error::DbNotMidun => "DB_NOT_MIDUN",
            Error::DbTooNew { .. } => "DB_TOO_NEW",
            Error::DbCorrupt { .. } => "DB_CORRUPT",
            Error::Db { .. } => "DB_ERROR",
            Error::Io { .. } => "IO_ERROR",
            Error::Report { .. } => "REPORT_FAILED",
            Error::NoDataDir => "NO_DATA_DIR",
        }
    }

    /// The values the message interpolates, by name.
    pub fn params(&self) -> BTreeMap<&'static str, String> {
        let mut p = BTreeMap::new();
        match self {
            Error::CreditCodeNeedsNote { reason } => {
                p.insert("reason", reason.clone());
            }
            Error::EnterpriseNotFound { id } => {
                p.insert("id", id.clone());
            }
            Error::EnterpriseAmbiguous { list } => {
                p.insert("list", list.clone());
            }
            Error::CreditCodeAmbiguous { code, list } => {
                p.insert("code", code.clone());
                p.insert("list", list.clone());
            }
            Error::SecretPointCodeDuplicate { code } | Error::SecretPointCodeInvalid { code } => {
                p.insert("code", code.clone());
            }
            Error::LevelUnknown { level, allowed } => {
                p.insert("level", level.clone());
                p.insert("allowed", allowed.clone());
            }
            Error::CategoryUnknown { category } => {
                p.insert("category", category.clone());
            }
            Error::DbDirMissing { dir } => {
                p.insert("dir", dir.clone());
            }
            Error::DbTooNew { found, supported } => {
                p.insert("found", found.clone());
                p.insert("supported", supported.clone());
            }
            Error::DbCorrupt { detail }
            | Error::Db { detail }
            | Error::Io { detail }
            | Error::Report { detail } => {
                p.insert("detail", detail.clone());
            }
            Error::EnterpriseNameEmpty
            | Error::NoEnterprise
            | Error::SecretPointNameEmpty
            | Error::DbNotMidun
            | Error::NoDataDir => {}
        }
        p
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

impl serde::Serialize for Error {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        AppError::from(self).serialize(s)
    }
}

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Self {
        match e.sqlite_error_code() {
            Some(rusqlite::ErrorCode::NotADatabase) => Error::DbNotMidun,
            Some(rusqlite::ErrorCode::DatabaseCorrupt) => Error::DbCorrupt {
                detail: e.to_string(),
            },
            _ => Error::Db {
                detail: e.to_string(),
            },
        }
    }
}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Self {
        Error::Io {
            detail: io_detail(&e),
        }
    }
}

/// A Chinese description of common I/O failures; the OS text otherwise.
pub(crate) fn io_detail(e: &std::io::Error) -> String {
    use std::io::ErrorKind::*;
    match e.kind() {
        NotFound => "文件或目录不存在".into(),
        PermissionDenied => "没有访问权限".into(),
        AlreadyExists => "文件已存在".into(),
        _ => e.to_string(),
    }
}

/// One value of every variant, for tests that must cover every code (the
/// UI's locale files, message checks). Add every new variant here.
#[doc(hidden)]
pub fn examples() -> Vec<Error> {
    vec![
        Error::EnterpriseNameEmpty,
        Error::CreditCodeNeedsNote { reason: "x".into() },
        Error::EnterpriseNotFound { id: "x".into() },
        Error::NoEnterprise,
        Error::EnterpriseAmbiguous { list: "x".into() },
        Error::CreditCodeAmbiguous {
            code: "x".into(),
            list: "y".into(),
        },
        Error::SecretPointNameEmpty,
        Error::SecretPointCodeDuplicate { code: "x".into() },
        Error::SecretPointCodeInvalid { code: "x".into() },
        Error::LevelUnknown {
            level: "x".into(),
            allowed: "y".into(),
        },
        Error::CategoryUnknown {
            category: "x".into(),
        },
        Error::DbDirMissing { dir: "x".into() },
        Error::DbNotMidun,
        Error::DbTooNew {
            found: "3".into(),
            supported: "2".into(),
        },
        Error::DbCorrupt { detail: "x".into() },
        Error::Db { detail: "x".into() },
        Error::Io { detail: "x".into() },
        Error::Report { detail: "x".into() },
        Error::NoDataDir,
    ]
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
            for (k, v) in e.params() {
                assert!(msg.contains(&v), "{} does not show param {k}", e.code());
            }
        }
    }

    #[test]
    fn serializes_code_message_params() {
        let e = Error::SecretPointCodeDuplicate {
            code: "MD-1".into(),
        };
        let v = serde_json::to_value(&e).unwrap();
        assert_eq!(v["code"], "SECRET_POINT_CODE_DUPLICATE");
        assert_eq!(v["params"]["code"], "MD-1");
        assert!(v["message"].as_str().unwrap().contains("MD-1"));
    }
}
