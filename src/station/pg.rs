//! The county's shared PostgreSQL database: `push` writes this station's
//! summaries (idempotent by summary hash), `pull` reads every station's
//! back. Midun creates and migrates the schema itself (an advisory lock
//! keeps two stations from migrating at once). Every summary is verified
//! before it is written and after it is read; one that fails refuses the
//! whole operation and changes nothing on either side.
//!
//! The address is a PostgreSQL URL (`postgresql://user:pass@host:port/db?
//! sslmode=require`). TLS goes through OpenSSL; as with libpq, the server's
//! certificate and name are verified when a CA file is given (`--ca`), and
//! otherwise the connection is encrypted without authenticating the server.

use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

use postgres::{Client, Config};
use serde::Serialize;

use crate::error::{Error, Result};
use crate::store::Store;
use crate::summary::{self, Summary};

/// The schema version this build creates and the newest it works with.
pub const SCHEMA_VERSION: i32 = 1;

/// Migrations, in order; `midun_schema` records how many have run.
const MIGRATIONS: [&str; 1] = ["
CREATE TABLE midun_summary (
    hash            text PRIMARY KEY CHECK (hash ~ '^[0-9a-f]{64}$'),
    station         text NOT NULL,
    credit_code     text NOT NULL,
    enterprise_name text NOT NULL,
    township        text NOT NULL,
    round_no        integer NOT NULL,
    base_date       date NOT NULL,
    generated_on    date NOT NULL,
    total_tenths    integer NOT NULL,
    body            text NOT NULL,
    pushed_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX midun_summary_enterprise ON midun_summary (credit_code, round_no);
CREATE INDEX midun_summary_station ON midun_summary (station);
-- Stations write through the group role midun_station, when the county
-- made one: they may read and add summaries, never change or delete them.
DO $$ BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'midun_station') THEN
        GRANT SELECT, INSERT ON midun_summary TO midun_station;
        GRANT SELECT ON midun_schema TO midun_station;
    END IF;
END $$;
"];

/// An advisory lock key ("MIDN") held while the schema is checked.
const LOCK_KEY: i64 = 0x4D49_444E;

/// What a push did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct PushOutcome {
    pub station: String,
    /// Summaries this station holds (all sent).
    #[ts(type = "number")]
    pub sent: usize,
    /// Of which the shared database did not have yet.
    #[ts(type = "number")]
    pub added: usize,
}

/// What a pull did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct PullOutcome {
    /// Summaries read from the shared database.
    #[ts(type = "number")]
    pub read: usize,
    /// Of which this station did not have yet.
    #[ts(type = "number")]
    pub added: usize,
    /// The stations they came from.
    pub stations: Vec<String>,
}

/// A parsed address and where it points (host:port/db, never the password).
pub struct Target {
    config: Config,
    pub display: String,
}

/// Read an address; refuse what is not a PostgreSQL URL or key=value string.
pub fn target(url: &str) -> Result<Target> {
    let url = url.trim();
    if url.is_empty() {
        return Err(Error::PgUrlInvalid {
            reason: "地址为空（例：postgresql://用户名:密码@服务器:5432/数据库名）".into(),
        });
    }
    let mut config = Config::from_str(url).map_err(|_| Error::PgUrlInvalid {
        reason: "无法识别，应形如 postgresql://用户名:密码@服务器:5432/数据库名".into(),
    })?;
    if config.get_hosts().is_empty() {
        return Err(Error::PgUrlInvalid {
            reason: "缺少服务器地址".into(),
        });
    }
    if config.get_connect_timeout().is_none() {
        config.connect_timeout(Duration::from_secs(15));
    }
    config.application_name("midun");
    let host = match &config.get_hosts()[0] {
        postgres::config::Host::Tcp(h) => h.clone(),
        #[cfg(unix)]
        postgres::config::Host::Unix(p) => p.display().to_string(),
    };
    let port = config.get_ports().first().copied().unwrap_or(5432);
    let db = config
        .get_dbname()
        .or(config.get_user())
        .unwrap_or("postgres");
    let display = format!("{host}:{port}/{db}");
    Ok(Target { config, display })
}

fn connect(t: &Target, ca_file: Option<&Path>) -> Result<Client> {
    use openssl::ssl::{SslConnector, SslMethod};
    let tls_failed = |reason: String| Error::PgConnect {
        target: t.display.clone(),
        reason,
    };
    let mut builder =
        SslConnector::builder(SslMethod::tls()).map_err(|_| tls_failed("TLS 初始化失败".into()))?;
    // As libpq does: with a CA file the server's certificate and name are
    // verified; without one (sslmode prefer or require) the connection is
    // encrypted but the server is not authenticated.
    match ca_file {
        Some(ca) => builder.set_ca_file(ca).map_err(|_| {
            tls_failed(format!(
                "CA 证书文件“{}”无法读取或不是 PEM 格式",
                ca.display()
            ))
        })?,
        None => builder.set_verify(openssl::ssl::SslVerifyMode::NONE),
    }
    let tls = postgres_openssl::MakeTlsConnector::new(builder.build());
    t.config.connect(tls).map_err(|e| Error::PgConnect {
        target: t.display.clone(),
        reason: reason(&e),
    })
}

/// A Chinese reason for a client error: the SQLSTATE for server errors,
/// the kind of failure otherwise; never the library's English text.
fn reason(e: &postgres::Error) -> String {
    use postgres::error::SqlState;
    if let Some(db) = e.as_db_error() {
        let code = db.code();
        let text = if *code == SqlState::INVALID_PASSWORD {
            "用户名或密码不正确"
        } else if *code == SqlState::INVALID_AUTHORIZATION_SPECIFICATION {
            "服务器拒绝了此用户的连接（请检查用户名和服务器的访问设置）"
        } else if *code == SqlState::INVALID_CATALOG_NAME {
            "数据库不存在"
        } else if *code == SqlState::INSUFFICIENT_PRIVILEGE {
            "权限不足（本站的角色需要在该数据库中建表和写入的权限）"
        } else if *code == SqlState::TOO_MANY_CONNECTIONS {
            "服务器连接数已满，请稍后再试"
        } else if *code == SqlState::READ_ONLY_SQL_TRANSACTION {
            "数据库为只读（可能连接到了只读副本）"
        } else {
            "服务器返回错误"
        };
        return format!("{text}（SQLSTATE {}）", code.code());
    }
    let mut source: Option<&(dyn std::error::Error + 'static)> = std::error::Error::source(e);
    while let Some(s) = source {
        if let Some(io) = s.downcast_ref::<std::io::Error>() {
            return match io.kind() {
                std::io::ErrorKind::ConnectionRefused => {
                    "连接被拒绝（服务器未运行或端口不对）".into()
                }
                std::io::ErrorKind::TimedOut => "连接超时（请检查服务器地址和网络）".into(),
                _ => crate::error::io_detail(io),
            };
        }
        if s.downcast_ref::<openssl::ssl::Error>().is_some()
            || s.downcast_ref::<openssl::error::ErrorStack>().is_some()
        {
            return "TLS 握手失败（服务器证书未通过校验：请提供签发它的 CA 证书文件，或检查服务器名称）"
                .into();
        }
        source = s.source();
    }
    // tokio-postgres's own kinds, told apart by their fixed wording.
    let text = e.to_string();
    if text.contains("TLS") || text.contains("tls") {
        "TLS 连接失败（服务器不支持 TLS，或证书未通过校验）".into()
    } else if text.contains("password missing") {
        "服务器要求密码，请在地址中填写".into()
    } else if text.contains("timeout") || text.contains("timed out") {
        "连接超时（请检查服务器地址和网络）".into()
    } else if e.is_closed() {
        "连接已断开".into()
    } else {
        "连接或通信失败".into()
    }
}

fn failed(t: &Target) -> impl Fn(postgres::Error) -> Error + '_ {
    move |e| Error::PgFailed {
        target: t.display.clone(),
        reason: reason(&e),
    }
}

/// Create or migrate the schema (idempotent; one station at a time).
fn migrate(client: &mut Client, t: &Target) -> Result<()> {
    let f = failed(t);
    let mut tx = client.transaction().map_err(&f)?;
    tx.execute("SELECT pg_advisory_xact_lock($1)", &[&LOCK_KEY])
        .map_err(&f)?;
    // Asked first, so that a station's role without CREATE never tries.
    let exists: bool = tx
        .query_one("SELECT to_regclass('midun_schema') IS NOT NULL", &[])
        .map_err(&f)?
        .get(0);
    if !exists {
        tx.batch_execute("CREATE TABLE midun_schema (version integer NOT NULL)")
            .map_err(&f)?;
    }
    let found: i32 = tx
        .query_one("SELECT coalesce(max(version), 0) FROM midun_schema", &[])
        .map_err(&f)?
        .get(0);
    if found > SCHEMA_VERSION {
        return Err(Error::PgSchemaNewer {
            found: found.to_string(),
            supported: SCHEMA_VERSION.to_string(),
        });
    }
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(found as usize) {
        tx.batch_execute(sql).map_err(&f)?;
        tx.execute(
            "INSERT INTO midun_schema (version) VALUES ($1)",
            &[&(i as i32 + 1)],
        )
        .map_err(&f)?;
    }
    tx.commit().map_err(&f)
}

/// Verify a summary as a file of it would be verified.
fn verify(s: &Summary, hash: &str) -> std::result::Result<Summary, String> {
    let file = serde_json::json!({
        "format": summary::FORMAT,
        "version": summary::VERSION,
        "sha256": hash,
        "summary": s,
    });
    let (s, h) = summary::parse(file.to_string().as_bytes())?;
    if h != hash {
        return Err("校验值不符".into());
    }
    Ok(s)
}

/// Write this station's summaries into the shared database, in one
/// transaction; those it already has are left as they are.
pub fn push(
    store: &Store,
    url: &str,
    ca_file: Option<&Path>,
    station: Option<&str>,
) -> Result<PushOutcome> {
    let t = target(url)?;
    let station = match station {
        Some(n) => store.station().set_name(n)?,
        None => store.station().name()?.ok_or(Error::StationNameMissing)?,
    };
    let held = store.station().list()?;
    let mut bad = Vec::new();
    for s in &held {
        if let Err(r) = verify(&s.summary, &s.hash) {
            bad.push(format!(
                "{}（{}）：{r}",
                s.summary.enterprise.name,
                &s.hash[..12]
            ));
        }
    }
    if !bad.is_empty() {
        return Err(Error::SummariesRefused {
            count: bad.len().to_string(),
            list: bad.join("；"),
        });
    }
    let mut client = connect(&t, ca_file)?;
    migrate(&mut client, &t)?;
    let f = failed(&t);
    let mut tx = client.transaction().map_err(&f)?;
    let stmt = tx
        .prepare(
            "INSERT INTO midun_summary (hash, station, credit_code, enterprise_name, township,
                round_no, base_date, generated_on, total_tenths, body)
             VALUES ($1, $2, $3, $4, $5, $6, $7::text::date, $8::text::date, $9, $10)
             ON CONFLICT (hash) DO NOTHING",
        )
        .map_err(&f)?;
    let mut added = 0;
    for s in &held {
        let m = &s.summary;
        let body = String::from_utf8(m.canonical()).expect("JSON is UTF-8");
        added += tx
            .execute(
                &stmt,
                &[
                    &s.hash,
                    &station,
                    &m.enterprise.credit_code,
                    &m.enterprise.name,
                    &m.enterprise.township,
                    &(m.round_no as i32),
                    &m.base_date,
                    &m.generated_on,
                    &(m.total_tenths as i32),
                    &body,
                ],
            )
            .map_err(&f)? as usize;
    }
    tx.commit().map_err(&f)?;
    store.station().set_pg_url(url)?;
    Ok(PushOutcome {
        station,
        sent: held.len(),
        added,
    })
}

/// Read every station's summaries from the shared database into this one;
/// a summary that fails verification refuses the pull (nothing is kept).
pub fn pull(store: &Store, url: &str, ca_file: Option<&Path>) -> Result<PullOutcome> {
    let t = target(url)?;
    let mut client = connect(&t, ca_file)?;
    migrate(&mut client, &t)?;
    let rows = client
        .query(
            "SELECT hash, station, body FROM midun_summary
             ORDER BY credit_code, round_no, generated_on, hash",
            &[],
        )
        .map_err(failed(&t))?;
    let mut good = Vec::new();
    let mut bad = Vec::new();
    let mut stations: Vec<String> = Vec::new();
    for row in &rows {
        let hash: String = row.get(0);
        let station: String = row.get(1);
        let body: String = row.get(2);
        let short = hash.get(..12).unwrap_or(&hash).to_string();
        let parsed = serde_json::from_str::<serde_json::Value>(&body)
            .map_err(|_| "内容无法解析".to_string())
            .and_then(|v| {
                let file = serde_json::json!({
                    "format": summary::FORMAT,
                    "version": summary::VERSION,
                    "sha256": hash,
                    "summary": v,
                });
                summary::parse(file.to_string().as_bytes())
            });
        match parsed {
            Ok((s, h)) if h == hash => {
                if !stations.contains(&station) {
                    stations.push(station.clone());
                }
                good.push((s, h, format!("pg:{station}")));
            }
            Ok(_) => bad.push(format!("{station} 的 {short}：校验值不符")),
            Err(r) => bad.push(format!("{station} 的 {short}：{r}")),
        }
    }
    if !bad.is_empty() {
        return Err(Error::PgSummaryRefused {
            list: bad.join("；"),
        });
    }
    let added = store.station().add(&good)?;
    store.station().set_pg_url(url)?;
    stations.sort();
    Ok(PullOutcome {
        read: good.len(),
        added,
        stations,
    })
}
