//! Importing the 密点 register from rows of text (see `crate::import` for
//! reading the file). Every row is checked first; with any problem nothing
//! is written and each problem is named by row, column and reason. With
//! none, all rows go in one transaction.

use std::collections::{BTreeMap, HashMap, HashSet};

use rusqlite::params;

use super::secret_point::{insert_item, insert_point, PreparedPoint};
use super::{audit, PointField};
use crate::error::{Error, Result};
use crate::import::{
    is_help_row, ImportOutcome, MissingPerson, RowError, MAX_CELL_CHARS, MAX_ROWS, POINT_COLUMNS,
};
use crate::model::point::CARRIER_KINDS;
use crate::model::{Category, NewSecretPoint};
use crate::progress::Progress;
use audit::Change;

/// Rows between two progress reports of an import.
const PROGRESS_EVERY: usize = 200;

/// Separators between names, roles and carrier kinds.
const SEPARATORS: [char; 5] = ['；', ';', '、', ',', '，'];

/// One checked row, ready to write.
struct Row {
    point: PreparedPoint,
    item: Option<String>,
    people: Vec<i64>,
    /// People to add to the register first (部门, 姓名), by the user's choice.
    new_people: Vec<(String, String)>,
    roles: Vec<String>,
}

/// The note an added person carries until someone completes the record.
pub const ADDED_PERSON_NOTE: &str =
    "待补全：导入密点台账时按知悉范围添加，请补全入职日期、岗位、密级和保密协议";
/// What marks a name kept unlinked in a 知悉范围.
pub const UNLINKED_MARK: &str = "（待补全）";

fn split(s: &str) -> Vec<String> {
    s.split(SEPARATORS)
        .map(crate::text::normalize_key)
        .filter(|t| !t.is_empty())
        .collect()
}

/// The carrier kinds a cell names: each token is a kind or the start of
/// exactly one (纸质 → 纸质文件).
fn carrier_kinds(cell: &str) -> std::result::Result<String, String> {
    let mut kinds = Vec::new();
    for t in split(cell) {
        let hits: Vec<&str> = CARRIER_KINDS
            .iter()
            .copied()
            .filter(|k| *k == t || k.starts_with(t.as_str()))
            .collect();
        match hits.as_slice() {
            [one] => {
                if !kinds.contains(one) {
                    kinds.push(*one);
                }
            }
            _ => {
                return Err(format!(
                    "“{t}”不是载体类型（可选：{}）",
                    CARRIER_KINDS.join("、")
                ))
            }
        }
    }
    Ok(kinds.join("、"))
}

/// How many rows with content may stand above the header (a title, a note).
const HEADER_SEARCH_ROWS: usize = 10;

/// The column a header cell names (its name or an alias; a trailing * of a
/// required column ignored).
/// A register's columns: (header, aliases, what goes in it).
type Columns = [(&'static str, &'static [&'static str], &'static str)];

fn column_named(columns: &Columns, cell: &str) -> Option<&'static str> {
    let h = crate::text::normalize_key(cell);
    let h = h.trim_end_matches(['*', '＊']).trim_end();
    columns
        .iter()
        .find(|(name, aliases, _)| *name == h || aliases.contains(&h))
        .map(|(name, _, _)| *name)
}

/// A header's row index and each known column's position.
type Header = (usize, HashMap<&'static str, usize>);

/// A register file's header: among the first rows with content, the first
/// that names at least two of the columns (a register often has a title or
/// a note above it); else the first row with content, so that its missing
/// columns are named. Returns the header's index and each known column's
/// position, or the problems (a repeated column, a required one missing);
/// a real header's unknown columns refuse the file unless `ignore_unknown`.
fn header(
    rows: &[Vec<String>],
    columns: &Columns,
    required: &[&str],
    ignore_unknown: bool,
) -> Result<std::result::Result<Header, Vec<RowError>>> {
    let filled = |r: &Vec<String>| r.iter().any(|c| !c.trim().is_empty());
    let Some(first) = rows.iter().position(filled) else {
        return Err(Error::ImportFileInvalid {
            detail: "文件是空的".into(),
        });
    };
    let found = rows
        .iter()
        .enumerate()
        .skip(first)
        .filter(|(_, r)| filled(r))
        .take(HEADER_SEARCH_ROWS)
        .find(|(_, r)| {
            r.iter()
                .filter(|c| column_named(columns, c).is_some())
                .count()
                >= 2
        })
        .map(|(i, _)| i);
    let head_at = found.unwrap_or(first);
    let mut errors = Vec::new();
    let mut col: HashMap<&'static str, usize> = HashMap::new();
    let mut unknown: Vec<String> = Vec::new();
    for (i, cell) in rows[head_at].iter().enumerate() {
        let h = cell.trim().trim_end_matches(['*', '＊']);
        if let Some(name) = column_named(columns, cell) {
            if col.insert(name, i).is_some() {
                errors.push(RowError {
                    row: head_at + 1,
                    column: h.to_string(),
                    reason: "列重复".into(),
                });
            }
        } else if !crate::text::normalize_key(cell).is_empty() {
            // Shown as found, invisible characters made visible.
            unknown.push(format!("“{}”", crate::text::show_invisible(cell.trim())));
        }
    }
    // Only a real header row's unknown columns refuse the file; without
    // one, the missing columns are named below.
    if found.is_some() && !unknown.is_empty() && !ignore_unknown {
        return Err(Error::ImportColumnsUnknown {
            columns: unknown.join("、"),
            accepted: columns
                .iter()
                .map(|(name, _, _)| *name)
                .collect::<Vec<_>>()
                .join("、"),
        });
    }
    for r in required {
        if !col.contains_key(r) {
            errors.push(RowError {
                row: head_at + 1,
                column: r.to_string(),
                reason: format!("缺少“{r}”列（请使用导入模板）"),
            });
        }
    }
    if !errors.is_empty() {
        return Ok(Err(errors));
    }
    if rows.len() - head_at - 1 > MAX_ROWS {
        return Err(Error::ImportFileInvalid {
            detail: format!("超过 {MAX_ROWS} 行，请分批导入"),
        });
    }
    Ok(Ok((head_at, col)))
}

/// Choices the user made for an import (the app's confirmation, the CLI's
/// flags).
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase", default)]
pub struct PointImportOptions {
    /// Columns Midun does not know are left out instead of refusing the
    /// file (`--ignore-columns`).
    pub ignore_unknown_columns: bool,
    /// People a 知悉范围 names (部门:姓名) who are not in the 涉密人员台账.
    #[serde(default)]
    pub missing_people: MissingPeople,
}

crate::wire_enum! {
    /// What to do with people a register's 知悉范围 names who are not yet in
    /// the 涉密人员台账 (most enterprises import the 密点 first).
    #[derive(Default)]
    pub enum MissingPeople {
        /// Refuse the file, listing them (the user then chooses).
        #[default]
        Refuse = ("refuse", "不导入"),
        /// Add them to the register (name and department only, marked 待补全).
        Add = ("add", "添加到涉密人员台账"),
        /// Keep them as names in the 知悉范围, not linked, marked 待补全.
        Keep = ("keep", "保留为待补全的姓名"),
    }
}

impl crate::store::handles::Points<'_> {
    /// Import 密点 for `enterprise_id` from `rows`: the header is the first
    /// row naming two columns or more, within the first rows with content.
    /// A column Midun does not know refuses the file (nothing is dropped
    /// silently).
    pub fn import(&self, enterprise_id: &str, rows: &[Vec<String>]) -> Result<ImportOutcome> {
        self.points()
            .import_with(enterprise_id, rows, &PointImportOptions::default())
    }

    /// `import_points` with the user's choices.
    pub fn import_with(
        &self,
        enterprise_id: &str,
        rows: &[Vec<String>],
        options: &PointImportOptions,
    ) -> Result<ImportOutcome> {
        self.import_watched(enterprise_id, rows, options, Progress::none())
    }

    /// [`Self::import_with`], reporting the rows checked and then written
    /// (two steps per row) and stopping with `Cancelled` when asked: before
    /// the write, or inside its transaction, which is then rolled back.
    pub fn import_watched(
        &self,
        enterprise_id: &str,
        rows: &[Vec<String>],
        options: &PointImportOptions,
        progress: Progress,
    ) -> Result<ImportOutcome> {
        self.enterprises().get(enterprise_id)?;
        let mut errors: Vec<RowError> = Vec::new();
        let err = |row: usize, column: &str, reason: String| RowError {
            row,
            column: column.to_string(),
            reason,
        };
        let (head_at, col) = match header(
            rows,
            &POINT_COLUMNS,
            &["名称", "类别", "密级"],
            options.ignore_unknown_columns,
        )? {
            Ok(h) => h,
            Err(errors) => return Ok(ImportOutcome::refused(errors)),
        };
        if rows.len() - head_at - 1 > MAX_ROWS {
            return Err(Error::ImportFileInvalid {
                detail: format!("超过 {MAX_ROWS} 行，请分批导入"),
            });
        }

        let people = self.people().list(enterprise_id)?;
        let by_name: HashMap<String, Vec<&crate::store::Person>> =
            people.iter().fold(HashMap::new(), |mut m, p| {
                m.entry(crate::text::normalize_key(&p.name))
                    .or_default()
                    .push(p);
                m
            });
        let mut codes_seen: HashMap<String, usize> = HashMap::new();
        let mut checked: Vec<Row> = Vec::new();
        // (部门, 姓名) → the rows naming them, for the user's choice.
        let mut missing: BTreeMap<(String, String), Vec<usize>> = BTreeMap::new();
        let total = 2 * (rows.len() - head_at - 1) as u64;
        for (i, row) in rows.iter().enumerate().skip(head_at + 1) {
            let line = i + 1;
            if (i - head_at) % PROGRESS_EVERY == 0 {
                progress.step((i - head_at) as u64, total)?;
            }
            let cell = |name: &str| -> &str {
                col.get(name)
                    .and_then(|&c| row.get(c))
                    .map(|s| s.trim())
                    .unwrap_or("")
            };
            if row.iter().all(|c| c.trim().is_empty())
                || is_help_row(row)
                || cell("名称").starts_with("示例：")
            {
                continue;
            }
            let before = errors.len();
            // A cell longer than a field may be (the reader refuses them
            // too; rows may come from elsewhere).
            for (c, v) in row.iter().enumerate() {
                if v.len() > MAX_CELL_CHARS && v.chars().count() > MAX_CELL_CHARS {
                    let column = col
                        .iter()
                        .find(|(_, &i)| i == c)
                        .map(|(name, _)| name.to_string())
                        .unwrap_or_else(|| format!("第 {} 列", c + 1));
                    errors.push(RowError {
                        row: line,
                        column,
                        reason: format!(
                            "内容有 {} 个字符，超过 {MAX_CELL_CHARS} 个字符的上限",
                            v.chars().count()
                        ),
                    });
                }
            }
            if errors.len() > before {
                continue;
            }
            let category = match Category::parse(cell("类别")) {
                Ok(c) => Some(c),
                Err(e) => {
                    let reason = if cell("类别").is_empty() {
                        "必填".to_string()
                    } else {
                        e.to_string()
                    };
                    errors.push(err(line, "类别", reason));
                    None
                }
            };
            if cell("名称").is_empty() {
                errors.push(err(line, "名称", "必填".into()));
            }
            if cell("密级").is_empty() {
                errors.push(err(line, "密级", "必填".into()));
            }
            let code = crate::text::normalize_key(cell("代号"));
            let code = code.as_str();
            if !code.is_empty() {
                if let Some(first) = codes_seen.insert(code.to_string(), line) {
                    errors.push(err(line, "代号", format!("与第 {first} 行的代号重复")));
                }
            }
            let carriers = match carrier_kinds(cell("载体")) {
                Ok(k) => k,
                Err(reason) => {
                    errors.push(err(line, "载体", reason));
                    String::new()
                }
            };
            // 知悉范围: 部门:姓名,姓名 groups name people who must be in the
            // register; a bare token is a person when one has that name,
            // else a role.
            let (mut ids, mut roles, mut new_people) = (Vec::new(), Vec::new(), Vec::new());
            for group in cell("知悉范围")
                .split(['；', ';'])
                .map(str::trim)
                .filter(|g| !g.is_empty())
            {
                if let Some((dept, names)) = group.split_once([':', '：']) {
                    for n in split(names) {
                        let hits: Vec<&&crate::store::Person> = by_name
                            .get(n.as_str())
                            .map(|v| v.iter().filter(|p| p.department == dept.trim()).collect())
                            .unwrap_or_default();
                        let dept = dept.trim();
                        match hits.as_slice() {
                            [p] => ids.push(p.id),
                            [] => match options.missing_people {
                                MissingPeople::Refuse => {
                                    missing
                                        .entry((dept.to_string(), n.clone()))
                                        .or_default()
                                        .push(line);
                                    errors.push(err(
                                        line,
                                        "知悉范围",
                                        format!("涉密人员台账中没有{dept}的“{n}”"),
                                    ))
                                }
                                MissingPeople::Add => {
                                    new_people.push((dept.to_string(), n.clone()))
                                }
                                MissingPeople::Keep => {
                                    roles.push(format!("{dept}:{n}{UNLINKED_MARK}"))
                                }
                            },
                            _ => errors.push(err(
                                line,
                                "知悉范围",
                                format!("{}有多人名为“{n}”", dept.trim()),
                            )),
                        }
                    }
                } else {
                    for t in split(group) {
                        match by_name.get(t.as_str()).map(Vec::as_slice) {
                            Some([p]) => ids.push(p.id),
                            Some(_) => errors.push(err(
                                line,
                                "知悉范围",
                                format!("有多人名为“{t}”，请写作 部门:{t}"),
                            )),
                            None => roles.push(t),
                        }
                    }
                }
            }
            let Some(category) = category else { continue };
            // People missing from the register do not stop the row's other
            // checks: a wrong 密级 beside them is named now, not after the
            // user has chosen what to do with them.
            let row_missing = missing
                .values()
                .map(|rows| rows.iter().filter(|r| **r == line).count())
                .sum::<usize>();
            if errors.len() - row_missing > before {
                continue;
            }
            let mut fields: Vec<(PointField, &str)> = Vec::new();
            for (name, field) in [
                ("子类", PointField::Subtype),
                ("概述", PointField::Summary),
                ("保密期限", PointField::Term),
                ("责任部门", PointField::Department),
                ("责任人", PointField::Responsible),
            ] {
                if !cell(name).is_empty() {
                    fields.push((field, cell(name)));
                }
            }
            if !carriers.is_empty() {
                fields.push((PointField::CarrierIndex, carriers.as_str()));
            }
            let input = NewSecretPoint {
                enterprise_id: enterprise_id.to_string(),
                code: (!code.is_empty()).then(|| code.to_string()),
                name: cell("名称").to_string(),
                category,
                level: cell("密级").to_string(),
            };
            match self.points().prepare(&input, &fields) {
                Ok(point) => checked.push(Row {
                    point,
                    item: (!cell("事项").is_empty()).then(|| cell("事项").to_string()),
                    people: ids,
                    new_people,
                    roles,
                }),
                Err(e) => {
                    let column = column_of(&e);
                    errors.push(err(line, column, e.to_string()));
                }
            }
        }
        if !errors.is_empty() {
            // Offer the choice only when the missing people are the only
            // problem: real errors refuse the file as they are.
            let only_missing = errors.len() == missing.values().map(Vec::len).sum::<usize>();
            return Ok(ImportOutcome {
                imported: 0,
                errors,
                missing_people: if only_missing {
                    missing
                        .into_iter()
                        .map(|((department, name), rows)| MissingPerson {
                            department,
                            name,
                            rows,
                        })
                        .collect()
                } else {
                    Vec::new()
                },
                people_added: 0,
            });
        }
        if checked.is_empty() {
            return Err(Error::ImportFileInvalid {
                detail: "文件中没有可导入的密点".into(),
            });
        }
        let n = checked.len();
        let eid = enterprise_id.to_string();
        let mut added_people = 0;
        progress.check()?;
        let written = self.write(|tx, who| {
            let mut items: HashMap<String, i64> = HashMap::new();
            let mut added: HashMap<(String, String), i64> = HashMap::new();
            let now = super::now_stamp();
            for (dept, name) in checked.iter().flat_map(|r| r.new_people.iter()) {
                if added.contains_key(&(dept.clone(), name.clone())) {
                    continue;
                }
                tx.execute(
                    "INSERT INTO person (enterprise_id, name, department, entry_date, note,
                        created_at, updated_at)
                     VALUES (?1, ?2, ?3, '', ?4, ?5, ?5)",
                    params![eid, name, dept, ADDED_PERSON_NOTE, now],
                )?;
                added.insert((dept.clone(), name.clone()), tx.last_insert_rowid());
            }
            if !added.is_empty() {
                let mut names: Vec<String> =
                    added.keys().map(|(d, n)| format!("{d}:{n}")).collect();
                names.sort();
                audit::record(
                    tx,
                    who,
                    Change {
                        enterprise_id: Some(&eid),
                        action: "新增",
                        entity: "涉密人员",
                        entity_id: format!("{} 人", added.len()),
                        field: None,
                        old: None,
                        new: Some(format!(
                            "导入密点台账时按知悉范围添加（待补全）：{}",
                            names.join("、")
                        )),
                    },
                )?;
            }
            added_people = added.len();
            for (i, r) in checked.iter().enumerate() {
                if i > 0 && i % PROGRESS_EVERY == 0 {
                    // Cancelled here: the transaction is rolled back.
                    let half = total / 2;
                    progress.step(half + i as u64 * half / n as u64, total)?;
                }
                let item = match &r.item {
                    None => None,
                    Some(name) => Some(match items.get(name) {
                        Some(id) => *id,
                        None => {
                            let id = item_id(tx, who, &eid, name)?;
                            items.insert(name.clone(), id);
                            id
                        }
                    }),
                };
                let id = insert_point(tx, who, &r.point, item)?;
                let mut seen = HashSet::new();
                let new_ids = r.new_people.iter().map(|k| added[k]);
                for p in r
                    .people
                    .iter()
                    .copied()
                    .chain(new_ids)
                    .filter(|p| seen.insert(*p))
                {
                    tx.execute(
                        "INSERT INTO point_access (point_id, person_id) VALUES (?1, ?2)",
                        params![id, p],
                    )?;
                }
                let mut seen = HashSet::new();
                for role in r.roles.iter().filter(|r| seen.insert(r.as_str())) {
                    tx.execute(
                        "INSERT INTO point_access (point_id, role) VALUES (?1, ?2)",
                        params![id, role],
                    )?;
                }
            }
            audit::record(
                tx,
                who,
                Change {
                    enterprise_id: Some(&eid),
                    action: "导入",
                    entity: "密点",
                    entity_id: format!("{n} 个"),
                    field: None,
                    old: None,
                    new: Some(format!("从文件导入 {n} 个密点")),
                },
            )
        });
        match written {
            Ok(()) => {}
            // A 代号 given in the file that a row before it, without one,
            // was given automatically (MD-年份-序号): nothing was written.
            Err(Error::SecretPointCodeDuplicate { code }) if codes_seen.contains_key(&code) => {
                return Ok(ImportOutcome {
                    imported: 0,
                    missing_people: Vec::new(),
                    people_added: 0,
                    errors: vec![RowError {
                        row: codes_seen[&code],
                        column: "代号".into(),
                        reason: format!(
                            "代号“{code}”与本次导入自动生成的代号相同（未填代号的行按 MD-年份-序号 自动编号）：请改用其他代号，或为前面各行都填写代号"
                        ),
                    }],
                });
            }
            Err(e) => return Err(e),
        }
        Ok(ImportOutcome {
            imported: n,
            errors: Vec::new(),
            missing_people: Vec::new(),
            people_added: added_people,
        })
    }
}

/// The column a field error belongs to, by the field it names.
fn column_of(e: &Error) -> &'static str {
    match e {
        Error::LevelUnknown { .. } => "密级",
        Error::SecretPointCodeDuplicate { .. } | Error::SecretPointCodeInvalid { .. } => "代号",
        Error::SubtypeInvalid { .. } => "子类",
        Error::CategoryUnknown { .. } => "类别",
        Error::SecretPointNameEmpty => "名称",
        Error::TermInvalid { .. } => "保密期限",
        Error::FieldInvalid { field, .. } => POINT_COLUMNS
            .iter()
            .map(|c| c.0)
            .find(|c| field.contains(c))
            .unwrap_or(""),
        _ => "",
    }
}

/// The 商业秘密事项 named `name`, created (with its audit entry) if absent.
fn item_id(tx: &rusqlite::Connection, who: &str, eid: &str, name: &str) -> Result<i64> {
    use rusqlite::OptionalExtension;
    if let Some(id) = tx
        .query_row(
            "SELECT id FROM secret_item WHERE enterprise_id = ?1 AND name = ?2",
            params![eid, name],
            |r| r.get(0),
        )
        .optional()?
    {
        return Ok(id);
    }
    insert_item(tx, who, eid, name)
}

impl crate::store::handles::Points<'_> {
    /// 批量添加: one 密点 per line of `names` (blank lines skipped), all of
    /// one category and level; checked and written like an import (all or
    /// none). Errors name the line (1 = the first line given).
    pub fn bulk_add(
        &self,
        enterprise_id: &str,
        names: &str,
        category: Category,
        level: &str,
    ) -> Result<ImportOutcome> {
        let lines: Vec<&str> = names.lines().collect();
        let mut rows = vec![vec![
            "名称".to_string(),
            "类别".to_string(),
            "密级".to_string(),
        ]];
        // Blank lines stay as empty rows so that row numbers match lines.
        rows.extend(lines.iter().map(|l| {
            if l.trim().is_empty() {
                vec![String::new(); 3]
            } else {
                vec![
                    l.trim().to_string(),
                    category.label().to_string(),
                    level.to_string(),
                ]
            }
        }));
        let mut out = self.points().import(enterprise_id, &rows)?;
        for e in &mut out.errors {
            e.row = e.row.saturating_sub(1);
        }
        Ok(out)
    }
}

impl crate::store::handles::People<'_> {
    /// Import the 涉密人员台账 from `rows` (the template's columns or their
    /// aliases): every row is checked by the same rules as adding a person
    /// in the app, inside one transaction; any problem rolls everything back
    /// and every problem is named by row and column. A person already in
    /// the register (same 部门 and 姓名), or twice in the file, is a problem.
    pub fn import(
        &self,
        enterprise_id: &str,
        rows: &[Vec<String>],
        ignore_unknown_columns: bool,
    ) -> Result<ImportOutcome> {
        use crate::import::{is_help_row_of, PERSON_COLUMNS};
        use crate::store::{NewPerson, NoncompeteEligibility};
        self.enterprises().get(enterprise_id)?;
        let (head_at, col) = match header(
            rows,
            &PERSON_COLUMNS,
            &["姓名", "入职日期"],
            ignore_unknown_columns,
        )? {
            Ok(h) => h,
            Err(errors) => return Ok(ImportOutcome::refused(errors)),
        };
        let existing: HashSet<(String, String)> = self
            .people()
            .list(enterprise_id)?
            .into_iter()
            .map(|p| {
                (
                    p.department.trim().to_string(),
                    crate::text::normalize_key(&p.name),
                )
            })
            .collect();
        let mut errors: Vec<RowError> = Vec::new();
        let result = self.atomically(|s| {
            let mut seen: HashMap<(String, String), usize> = HashMap::new();
            let mut added = 0;
            for (i, row) in rows.iter().enumerate().skip(head_at + 1) {
                let line = i + 1;
                let cell = |name: &str| -> &str {
                    col.get(name)
                        .and_then(|&c| row.get(c))
                        .map(|s| s.trim())
                        .unwrap_or("")
                };
                if row.iter().all(|c| c.trim().is_empty())
                    || is_help_row_of(row, &PERSON_COLUMNS)
                    || cell("姓名").starts_with("示例：")
                {
                    continue;
                }
                let mut err = |column: &str, reason: String| {
                    errors.push(RowError {
                        row: line,
                        column: column.to_string(),
                        reason,
                    })
                };
                if let Some((c, v)) = row
                    .iter()
                    .enumerate()
                    .find(|(_, v)| v.chars().count() > MAX_CELL_CHARS)
                {
                    err(
                        &format!("第 {} 列", c + 1),
                        format!(
                            "内容有 {} 个字符，超过 {MAX_CELL_CHARS} 个字符的上限",
                            v.chars().count()
                        ),
                    );
                    continue;
                }
                let key = (
                    cell("部门").to_string(),
                    crate::text::normalize_key(cell("姓名")),
                );
                if !key.1.is_empty() {
                    if existing.contains(&key) {
                        err(
                            "姓名",
                            format!("涉密人员台账中已有{}的“{}”", key.0, cell("姓名")),
                        );
                        continue;
                    }
                    if let Some(first) = seen.insert(key, line) {
                        err("姓名", format!("与第 {first} 行是同一部门的同名人员"));
                        continue;
                    }
                }
                let eligibility = match cell("竞业限制对象") {
                    "" => NoncompeteEligibility::default(),
                    v => match NoncompeteEligibility::parse(v) {
                        Ok(e) => e,
                        Err(e) => {
                            err("竞业限制对象", e.to_string());
                            continue;
                        }
                    },
                };
                let opt = |v: &str| (!v.is_empty()).then(|| v.to_string());
                let input = NewPerson {
                    enterprise_id: enterprise_id.to_string(),
                    name: cell("姓名").to_string(),
                    department: cell("部门").to_string(),
                    post: cell("岗位").to_string(),
                    person_level: cell("涉密等级").to_string(),
                    entry_date: cell("入职日期").to_string(),
                    exit_date: opt(cell("离职日期")),
                    entry_pledge_on: opt(cell("入职承诺签署日期")),
                    noncompete_eligibility: eligibility,
                    note: cell("备注").to_string(),
                    ..Default::default()
                };
                match s.people().add(&input) {
                    Ok(_) => added += 1,
                    Err(e) => err(person_column(&e), e.to_string()),
                }
            }
            if errors.is_empty() {
                Ok(added)
            } else {
                // Roll back what the rows before the first problem wrote.
                Err(Error::ImportFileInvalid {
                    detail: "有问题的行".into(),
                })
            }
        });
        if !errors.is_empty() {
            return Ok(ImportOutcome::refused(errors));
        }
        match result? {
            0 => Err(Error::ImportFileInvalid {
                detail: "文件中没有可导入的涉密人员".into(),
            }),
            n => Ok(ImportOutcome {
                imported: n,
                ..ImportOutcome::refused(Vec::new())
            }),
        }
    }
}

/// The column a person's refusal is about, by the field it names.
fn person_column(e: &Error) -> &'static str {
    let text = e.to_string();
    for (column, words) in [
        ("入职承诺签署日期", &["入职承诺"][..]),
        ("入职日期", &["入职日期"][..]),
        ("离职日期", &["离职"][..]),
        ("涉密等级", &["密级"][..]),
        ("姓名", &["姓名"][..]),
    ] {
        if words.iter().any(|w| text.contains(w)) {
            return column;
        }
    }
    "姓名"
}
