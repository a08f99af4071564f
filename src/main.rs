//! `midun`: the command line over the core. Chinese help and messages; exit
//! 0 on success, 2 on a usage error, 1 on any other error; never a panic trace.

use std::io::BufRead;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, ArgAction, Args, CommandFactory, FromArgMatches, Parser, Subcommand};

use midun::catalogue::Catalogue;
use midun::store::backup;
use midun::vault::{self, KdfParams, UnlockSecret};
use midun::{credit_code, demo, report, Store};

/// `println!` that ends the program quietly when the reader has gone away
/// (`midun points | head`), as command-line tools do, instead of panicking.
macro_rules! say {
    ($($t:tt)*) => {{
        use std::io::Write as _;
        if let Err(e) = writeln!(std::io::stdout(), $($t)*) {
            if e.kind() == std::io::ErrorKind::BrokenPipe {
                std::process::exit(0);
            }
            eprintln!("错误：无法输出：{e}");
            std::process::exit(1);
        }
    }};
}

const TOP_TEMPLATE: &str = "\
{about}

用法：{usage}

命令：
{subcommands}

选项：
{options}

不带 --db 时，命令使用本程序自己的数据库（本机用户数据目录，或环境变量 MIDUN_DATA_DIR 指定的目录）。
数据库是加密的：密码从环境变量 MIDUN_PASSWORD 读取（忘记密码时可改用 MIDUN_RECOVERY_KEY 提供恢复密钥），
从不从命令行参数读取。数据库不存在时以该密码新建，恢复密钥只在标准错误输出显示一次。";

const SUB_TEMPLATE: &str = "\
{about}

用法：{usage}

选项：
{options}{after-help}";

const POS_TEMPLATE: &str = "\
{about}

用法：{usage}

参数：
{positionals}

选项：
{options}{after-help}";

#[derive(Parser)]
#[command(
    name = "midun",
    version,
    about = "密盾 Midun：商业秘密保护自评工具（命令行）",
    help_template = TOP_TEMPLATE,
    override_usage = "midun <命令> [选项]",
    disable_help_flag = true,
    disable_version_flag = true,
    disable_help_subcommand = true,
    subcommand_value_name = "命令"
)]
struct Cli {
    #[command(flatten)]
    common: HelpVersion,
    #[command(subcommand)]
    command: Command,
}

#[derive(Args)]
struct HelpVersion {
    /// 显示帮助
    #[arg(short = 'h', long = "help", action = ArgAction::Help, global = true)]
    help: Option<bool>,
    /// 显示版本
    #[arg(short = 'V', long = "version", action = ArgAction::Version)]
    version: Option<bool>,
}

#[derive(Subcommand)]
enum Command {
    /// 添加一家虚构的演示企业（阿胶生产企业），各台账均有示例数据
    #[command(help_template = SUB_TEMPLATE, override_usage = "midun demo [--db 文件] [--points 个数] [--unanswered]")]
    Demo {
        /// 数据库文件（不存在则新建；所在目录须已存在）
        #[arg(long, value_name = "文件")]
        db: Option<PathBuf>,
        /// 密点个数（默认 12，1 至 100000）
        #[arg(long, value_name = "个数", default_value_t = demo::DEFAULT_POINTS as u32, allow_hyphen_values = true,
              value_parser = clap::value_parser!(u32).range(1..=100_000))]
        points: u32,
        /// 第一轮自评只开始、不作答（供培训及逐项作答演练）
        #[arg(long)]
        unanswered: bool,
    },
    /// 导出自评报告（PDF 或 Word）：内部版（默认）或报送版
    #[command(
        help_template = SUB_TEMPLATE,
        override_usage = "midun report [--db 文件] [--enterprise 企业] --out 文件.pdf|文件.docx [--edition internal|submission] [--format pdf|docx]",
        after_help = "数据库中只有一家企业时可省略 --enterprise；有多家时须指定。"
    )]
    Report {
        /// 数据库文件
        #[arg(long, value_name = "文件")]
        db: Option<PathBuf>,
        /// 企业编号或统一社会信用代码
        #[arg(long, value_name = "企业")]
        enterprise: Option<String>,
        /// 输出的文件（.pdf 或 .docx）
        #[arg(long, value_name = "文件")]
        out: PathBuf,
        /// 版本：internal（内部版，默认）或 submission（报送版，不含密点名称、概述等）
        #[arg(long, value_name = "版本", default_value = "internal", value_parser = ["internal", "submission"])]
        edition: String,
        /// 格式：pdf（默认）或 docx（Word，可编辑）；省略时按 --out 的扩展名
        #[arg(long, value_name = "格式", value_parser = ["pdf", "docx"])]
        format: Option<String>,
    },
    /// 导出一密一档（PDF）：逐个密点的知悉范围、载体、保密措施及起始日期、佐证和存证
    #[command(
        help_template = SUB_TEMPLATE,
        override_usage = "midun dossier [--db 文件] [--enterprise 企业] [--point 代号 | --all] --out 文件.pdf",
        after_help = "不指定 --point 时，为全部在管的核心密点（最高密级）建档；--all 为全部在管的密点建档。"
    )]
    Dossier {
        /// 数据库文件
        #[arg(long, value_name = "文件")]
        db: Option<PathBuf>,
        /// 企业编号或统一社会信用代码
        #[arg(long, value_name = "企业")]
        enterprise: Option<String>,
        /// 只为这个密点建档（代号）
        #[arg(long, value_name = "代号", conflicts_with = "all")]
        point: Option<String>,
        /// 为全部在管的密点建档
        #[arg(long)]
        all: bool,
        /// 输出的 PDF 文件
        #[arg(long, value_name = "文件.pdf")]
        out: PathBuf,
    },
    /// 导出台账工作簿（Excel）：每个台账一个工作表
    #[command(
        help_template = SUB_TEMPLATE,
        override_usage = "midun workbook [--db 文件] [--enterprise 企业] --out 文件.xlsx [--sheets 工作表,...]",
        after_help = "工作表：密点台账、载体、涉密人员台账、制度清单、培训记录、对外提供登记、泄密事件台账、问题清单与整改台账（或 points、carriers、people、rules、trainings、disclosures、incidents、remediation），用逗号分隔；省略时全部导出。密点台账工作表可原样重新导入。"
    )]
    Workbook {
        /// 数据库文件
        #[arg(long, value_name = "文件")]
        db: Option<PathBuf>,
        /// 企业编号或统一社会信用代码
        #[arg(long, value_name = "企业")]
        enterprise: Option<String>,
        /// 只导出这些工作表（逗号分隔）
        #[arg(long, value_name = "工作表", value_delimiter = ',')]
        sheets: Vec<String>,
        /// 输出的 Excel 文件
        #[arg(long, value_name = "文件.xlsx")]
        out: PathBuf,
    },
    /// 按台账生成文书（Word）：保密协议、竞业限制协议、入职承诺函、离职提醒函、知悉告知书
    #[command(
        help_template = SUB_TEMPLATE,
        override_usage = "midun letter [--db 文件] [--enterprise 企业] --kind 文书 [--person 姓名] --out 文件.docx|文件夹",
        after_help = "文书：保密协议、竞业限制协议、入职承诺函、离职提醒函、知悉告知书。指定 --person 时为此人生成一份；不指定时为所有适用的人员生成：--out 以 .docx 结尾则合为一个文档（每人一页），否则在该文件夹中每人一个文件。密点只写代号，不写名称和概述。模板可替换：数据库旁 templates 文件夹中的同名文件（见 assets/templates/README.md）。"
    )]
    Letter {
        /// 数据库文件
        #[arg(long, value_name = "文件")]
        db: Option<PathBuf>,
        /// 企业编号或统一社会信用代码
        #[arg(long, value_name = "企业")]
        enterprise: Option<String>,
        /// 文书种类
        #[arg(long, value_name = "文书")]
        kind: String,
        /// 只为此人生成（姓名；重名时写作 部门:姓名）
        #[arg(long, value_name = "姓名")]
        person: Option<String>,
        /// 输出的 Word 文件或文件夹
        #[arg(long, value_name = "文件.docx|文件夹")]
        out: PathBuf,
    },
    /// 打印密点的定密/变更/解密审批表（PDF），默认为该密点最近的一次审批
    #[command(
        help_template = SUB_TEMPLATE,
        override_usage = "midun approval-form [--db 文件] [--enterprise 企业] --point 代号 [--approval 编号] --out 文件.pdf|文件.docx"
    )]
    ApprovalForm {
        /// 数据库文件
        #[arg(long, value_name = "文件")]
        db: Option<PathBuf>,
        /// 企业编号或统一社会信用代码
        #[arg(long, value_name = "企业")]
        enterprise: Option<String>,
        /// 密点代号
        #[arg(long, value_name = "代号")]
        point: String,
        /// 审批记录编号（默认最近一次）
        #[arg(long, value_name = "编号")]
        approval: Option<i64>,
        /// 输出的 PDF 文件
        #[arg(long, value_name = "文件.pdf")]
        out: PathBuf,
    },
    /// 导出一家企业的交接文件（.midun，加密）：全部自评、台账、佐证材料和操作记录，供在另一台电脑上导入
    #[command(
        help_template = SUB_TEMPLATE,
        override_usage = "midun export [--db 文件] [--enterprise 企业] --out 文件.midun",
        after_help = "交接文件密码从环境变量 MIDUN_BUNDLE_PASSWORD 读取（至少 8 个字符），从不从命令行参数读取。\n\
                      数据库中只有一家企业时可省略 --enterprise；有多家时须指定。"
    )]
    Export {
        /// 数据库文件
        #[arg(long, value_name = "文件")]
        db: Option<PathBuf>,
        /// 企业编号或统一社会信用代码
        #[arg(long, value_name = "企业")]
        enterprise: Option<String>,
        /// 输出的交接文件
        #[arg(long, value_name = "文件.midun")]
        out: PathBuf,
    },
    /// 导入交接文件（.midun）：全部导入或全部不导入；企业已存在时须指定 --as-copy 或 --replace
    #[command(
        help_template = POS_TEMPLATE,
        override_usage = "midun import [--db 文件] <文件.midun> [--as-copy | --replace]",
        after_help = "交接文件密码从环境变量 MIDUN_BUNDLE_PASSWORD 读取。数据库不存在时以 MIDUN_PASSWORD 新建。"
    )]
    Import {
        /// 数据库文件（不存在则新建；所在目录须已存在）
        #[arg(long, value_name = "文件")]
        db: Option<PathBuf>,
        /// 要导入的交接文件
        #[arg(value_name = "文件.midun")]
        file: PathBuf,
        /// 企业已存在时，作为副本导入（新的企业编号，名称后加“（导入副本）”）
        #[arg(long, conflicts_with = "replace")]
        as_copy: bool,
        /// 企业已存在时，删除现有企业的全部数据，换成交接文件中的数据
        #[arg(long)]
        replace: bool,
    },
    /// 列出企业的密点（--json 输出对象数组）
    #[command(
        help_template = SUB_TEMPLATE,
        override_usage = "midun points [--db 文件] [--enterprise 企业] [--json]"
    )]
    Points {
        /// 数据库文件
        #[arg(long, value_name = "文件")]
        db: Option<PathBuf>,
        /// 企业编号或统一社会信用代码
        #[arg(long, value_name = "企业")]
        enterprise: Option<String>,
        /// 以 JSON 输出（字段含 code、name、category、level、status、summary 等）
        #[arg(long)]
        json: bool,
    },
    /// 导出文件指纹清单（CSV，仅含代号与 SHA-256），供可信时间戳、公证或区块链存证使用
    #[command(
        help_template = SUB_TEMPLATE,
        override_usage = "midun manifest [--db 文件] [--enterprise 企业] [--file-names] --out 清单.csv"
    )]
    Manifest {
        /// 数据库文件
        #[arg(long, value_name = "文件")]
        db: Option<PathBuf>,
        /// 企业编号或统一社会信用代码
        #[arg(long, value_name = "企业")]
        enterprise: Option<String>,
        /// 同时列出文件名（默认只有代号和哈希值离开本机）
        #[arg(long)]
        file_names: bool,
        /// 输出的 CSV 文件
        #[arg(long, value_name = "文件.csv")]
        out: PathBuf,
    },
    /// 检查数据库：完整性、引用关系和操作记录（退出码 0 表示无问题）
    #[command(
        help_template = SUB_TEMPLATE,
        override_usage = "midun check [--db 文件] [--enterprise 企业] [--anchor 校验值]",
        after_help = "--anchor：报告末页或文件指纹清单上印的“操作记录校验值”（如 128-3F9A2C7D1B4E5A6C）。\n\
                      检查该企业的操作记录是否仍包含这一条及其之前的全部记录（未被删除或改写）。"
    )]
    Check {
        /// 数据库文件
        #[arg(long, value_name = "文件")]
        db: Option<PathBuf>,
        /// 企业编号或统一社会信用代码（与 --anchor 一起用；只有一家企业时可省略）
        #[arg(long, value_name = "企业")]
        enterprise: Option<String>,
        /// 此前记下的操作记录校验值
        #[arg(long, value_name = "校验值")]
        anchor: Option<String>,
    },
    /// 评价目录：校验或显示
    #[command(
        help_template = CMD_TEMPLATE,
        override_usage = "midun catalog <check|show> [选项]",
        subcommand_value_name = "命令",
        disable_help_subcommand = true
    )]
    Catalog {
        #[command(subcommand)]
        action: CatalogAction,
    },
    /// 计算企业最近一次自评的得分、等级、基础项和问题清单
    #[command(
        help_template = SUB_TEMPLATE,
        override_usage = "midun score [--db 文件] [--enterprise 企业] [--json]"
    )]
    Score {
        /// 数据库文件
        #[arg(long, value_name = "文件")]
        db: Option<PathBuf>,
        /// 企业编号或统一社会信用代码
        #[arg(long, value_name = "企业")]
        enterprise: Option<String>,
        /// 以 JSON 输出
        #[arg(long)]
        json: bool,
    },
    /// 在最近一轮自评中回答一个评价项（与界面中的作答相同：不适用须写理由，登记簿自动得出的项须在界面中人工调整）
    #[command(
        help_template = SUB_TEMPLATE,
        override_usage = "midun answer [--db 文件] [--enterprise 企业] --criterion 编号 --status 已落实|部分落实|未落实|不适用 [--reason 理由] [--note 备注]",
        after_help = "尚未开始自评时，以今天为基准日开始第一轮。已完成的一轮不能再修改。"
    )]
    Answer {
        /// 数据库文件
        #[arg(long, value_name = "文件")]
        db: Option<PathBuf>,
        /// 企业编号或统一社会信用代码
        #[arg(long, value_name = "企业")]
        enterprise: Option<String>,
        /// 评价项编号，如 D1.3
        #[arg(long, value_name = "编号")]
        criterion: String,
        /// 已落实、部分落实、未落实 或 不适用
        #[arg(long, value_name = "状态")]
        status: String,
        /// 选“不适用”时的理由
        #[arg(long, value_name = "理由", default_value = "")]
        reason: String,
        /// 备注
        #[arg(long, value_name = "备注", default_value = "")]
        note: String,
    },
    /// 列出数据库中的企业
    #[command(help_template = SUB_TEMPLATE, override_usage = "midun list [--db 文件]")]
    List {
        /// 数据库文件
        #[arg(long, value_name = "文件")]
        db: Option<PathBuf>,
    },
    /// 从 Excel（.xlsx）或 CSV 导入涉密人员台账：全部导入或全部不导入；--template 生成导入模板
    #[command(
        name = "import-people",
        help_template = POS_TEMPLATE,
        override_usage = "midun import-people [--db 文件] [--enterprise 企业] <文件.xlsx|文件.csv>\n       midun import-people --template <模板.xlsx|模板.csv>",
        after_help = "列：姓名（必填）、部门、岗位、涉密等级、入职日期（必填）、离职日期、入职承诺签署日期、竞业限制对象、备注（也认常见别名，如 职务、人员密级）。台账中已有同一部门的同名人员时不导入。有任何一行不合格时不导入任何一行，并逐行列出问题。"
    )]
    ImportPeople {
        /// 数据库文件
        #[arg(long, value_name = "文件")]
        db: Option<PathBuf>,
        /// 企业编号或统一社会信用代码
        #[arg(long, value_name = "企业")]
        enterprise: Option<String>,
        /// 写出导入模板（.xlsx 或 .csv）后退出
        #[arg(long, value_name = "模板", conflicts_with = "file")]
        template: Option<PathBuf>,
        /// 要导入的文件
        #[arg(value_name = "文件", required_unless_present = "template")]
        file: Option<PathBuf>,
        /// 忽略无法识别的列
        #[arg(long)]
        ignore_columns: bool,
    },
    /// 从 Excel（.xlsx）或 CSV（UTF-8 或 GB18030）导入密点：全部导入或全部不导入；--template 生成导入模板
    #[command(
        name = "import-points",
        help_template = POS_TEMPLATE,
        override_usage = "midun import-points [--db 文件] [--enterprise 企业] <文件.xlsx|文件.csv>\n       midun import-points --template <模板.xlsx|模板.csv>",
        after_help = "有任何一行不合格时不导入任何一行，并逐行列出问题（行号、列、原因）。"
    )]
    ImportPoints {
        /// 数据库文件
        #[arg(long, value_name = "文件")]
        db: Option<PathBuf>,
        /// 企业编号或统一社会信用代码
        #[arg(long, value_name = "企业")]
        enterprise: Option<String>,
        /// 写出导入模板（.xlsx 或 .csv）后退出
        #[arg(long, value_name = "模板", conflicts_with = "file")]
        template: Option<PathBuf>,
        /// 要导入的文件
        #[arg(value_name = "文件", required_unless_present = "template")]
        file: Option<PathBuf>,
        /// 忽略无法识别的列（默认：有无法识别的列时不导入，并列出可识别的列）
        #[arg(long)]
        ignore_columns: bool,
        /// 知悉范围中有涉密人员台账里没有的人时：add 添加到台账（只填姓名和部门，标记待补全），keep 保留为待补全的姓名；默认不导入并列出这些人
        #[arg(long, value_name = "add|keep", value_parser = ["add", "keep"])]
        missing_people: Option<String>,
    },
    /// 备份：列出、立即备份、从备份恢复（每天首次打开和每次升级前也会自动备份，保留最近 7 份）
    #[command(
        help_template = CMD_TEMPLATE,
        override_usage = "midun backup <list|create|restore> [选项]",
        subcommand_value_name = "命令",
        disable_help_subcommand = true
    )]
    Backup {
        #[command(subcommand)]
        action: BackupAction,
    },
    /// 导出进度摘要：报送版的汇总数字（不含台账、密点名称和人员信息），供指导站导入
    #[command(
        help_template = SUB_TEMPLATE,
        override_usage = "midun summary [--db 文件] [--enterprise 企业] --out 文件.midun-summary",
        after_help = "进度摘要不加密（指导站无需密码即可读取），以 SHA-256 校验值防止改动。内容与报送版一致：企业名称和统一社会信用代码、所在乡镇/街道和行业、自评轮次和基准日、评价目录版本、总分、各领域得分率、基础项落实情况、密点按类别和密级的数量、制度数、涉密人员数、协议签署率、培训覆盖率、待整改事项按领域和月份的数量、操作记录校验值。"
    )]
    Summary {
        /// 数据库文件
        #[arg(long, value_name = "文件")]
        db: Option<PathBuf>,
        /// 企业编号或统一社会信用代码
        #[arg(long, value_name = "企业")]
        enterprise: Option<String>,
        /// 输出文件（.midun-summary）
        #[arg(long, value_name = "文件.midun-summary")]
        out: PathBuf,
    },
    /// 指导站：导入企业的进度摘要，查看进展，导出工作簿和工作进展汇总，与共享数据库同步
    #[command(
        help_template = CMD_TEMPLATE,
        override_usage = "midun station <import|list|workbook|report|push|pull> [选项]",
        subcommand_value_name = "命令",
        disable_help_subcommand = true
    )]
    Station {
        #[command(subcommand)]
        action: StationAction,
    },
    /// 修改数据库密码（原密码或恢复密钥从 MIDUN_PASSWORD 或 MIDUN_RECOVERY_KEY 读取，新密码从 MIDUN_NEW_PASSWORD 读取；数据不重新加密）
    #[command(help_template = SUB_TEMPLATE, override_usage = "midun password [--db 文件]")]
    Password {
        /// 数据库文件
        #[arg(long, value_name = "文件")]
        db: Option<PathBuf>,
    },
    /// 校验统一社会信用代码（GB 32100，附 GB 11714 组织机构代码检查）
    #[command(
        name = "validate-code",
        help_template = POS_TEMPLATE,
        override_usage = "midun validate-code <代码>...",
        after_help = "每个代码输出一行：规范化后的代码、制表符、结论（有效 / 有效（警告：…） / 无效：…）。\n\
                      代码写作 - 时从标准输入逐行读取。全部有效（含警告）时退出码为 0，否则为 1。"
    )]
    ValidateCode {
        /// 一个或多个统一社会信用代码
        #[arg(value_name = "代码", required = true, num_args = 1..)]
        codes: Vec<String>,
    },
}

#[derive(Subcommand)]
enum CatalogAction {
    /// 校验评价目录文件（不带 --file 时校验内置目录）
    #[command(help_template = SUB_TEMPLATE, override_usage = "midun catalog check [--file 文件]")]
    Check {
        /// 要校验的目录文件（JSON）
        #[arg(long, value_name = "文件")]
        file: Option<PathBuf>,
    },
    /// 显示内置评价目录（--json 输出可被 catalog check --file 原样接受的 JSON）
    #[command(help_template = SUB_TEMPLATE, override_usage = "midun catalog show [--json]")]
    Show {
        /// 以 JSON 输出
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
enum StationAction {
    /// 导入进度摘要（可一次导入多个；有一个未通过校验则全部不导入）
    #[command(help_template = POS_TEMPLATE, override_usage = "midun station import [--db 文件] <文件>...")]
    Import {
        /// 数据库文件
        #[arg(long, value_name = "文件")]
        db: Option<PathBuf>,
        /// 进度摘要文件
        #[arg(value_name = "文件", required = true, num_args = 1..)]
        files: Vec<PathBuf>,
    },
    /// 列出所跟踪企业的最新进展（--json 输出仪表板数据）
    #[command(help_template = SUB_TEMPLATE, override_usage = "midun station list [--db 文件] [--json]")]
    List {
        /// 数据库文件
        #[arg(long, value_name = "文件")]
        db: Option<PathBuf>,
        /// 以 JSON 输出
        #[arg(long)]
        json: bool,
    },
    /// 导出指导站工作簿（Excel）：企业进度、领域得分率、历次自评、整改任务
    #[command(help_template = SUB_TEMPLATE, override_usage = "midun station workbook [--db 文件] --out 文件.xlsx")]
    Workbook {
        /// 数据库文件
        #[arg(long, value_name = "文件")]
        db: Option<PathBuf>,
        /// 输出的 Excel 文件
        #[arg(long, value_name = "文件.xlsx")]
        out: PathBuf,
    },
    /// 导出工作进展汇总（PDF；以 .docx 结尾时为 Word）
    #[command(help_template = SUB_TEMPLATE, override_usage = "midun station report [--db 文件] --out 文件.pdf|文件.docx")]
    Report {
        /// 数据库文件
        #[arg(long, value_name = "文件")]
        db: Option<PathBuf>,
        /// 输出文件
        #[arg(long, value_name = "文件.pdf")]
        out: PathBuf,
    },
    /// 把本站的进度摘要写入共享 PostgreSQL 数据库（按校验值去重，可重复执行）
    #[command(
        help_template = SUB_TEMPLATE,
        override_usage = "midun station push [--db 文件] --pg 地址 [--station 名称] [--ca 证书文件]",
        after_help = "地址形如 postgresql://用户名:密码@服务器:5432/数据库名，加 ?sslmode=require 要求 TLS（用 --ca 指定签发服务器证书的 CA）。也可把地址放在环境变量 MIDUN_PG_URL 中，以免密码出现在命令历史里。首次推送须用 --station 设置本站名称。"
    )]
    Push {
        /// 数据库文件
        #[arg(long, value_name = "文件")]
        db: Option<PathBuf>,
        /// 共享数据库地址（或环境变量 MIDUN_PG_URL）
        #[arg(long, value_name = "地址")]
        pg: Option<String>,
        /// 本站名称（记住，以后可省略）
        #[arg(long, value_name = "名称")]
        station: Option<String>,
        /// 签发服务器证书的 CA 证书（PEM）
        #[arg(long, value_name = "证书文件")]
        ca: Option<PathBuf>,
    },
    /// 从共享 PostgreSQL 数据库读回全县（各站）的进度摘要
    #[command(help_template = SUB_TEMPLATE, override_usage = "midun station pull [--db 文件] --pg 地址 [--ca 证书文件]")]
    Pull {
        /// 数据库文件
        #[arg(long, value_name = "文件")]
        db: Option<PathBuf>,
        /// 共享数据库地址（或环境变量 MIDUN_PG_URL）
        #[arg(long, value_name = "地址")]
        pg: Option<String>,
        /// 签发服务器证书的 CA 证书（PEM）
        #[arg(long, value_name = "证书文件")]
        ca: Option<PathBuf>,
    },
}

#[derive(Subcommand)]
enum BackupAction {
    /// 列出备份（最新的在前）
    #[command(help_template = SUB_TEMPLATE, override_usage = "midun backup list [--db 文件]")]
    List {
        /// 数据库文件
        #[arg(long, value_name = "文件")]
        db: Option<PathBuf>,
    },
    /// 立即备份
    #[command(help_template = SUB_TEMPLATE, override_usage = "midun backup create [--db 文件]")]
    Create {
        /// 数据库文件
        #[arg(long, value_name = "文件")]
        db: Option<PathBuf>,
    },
    /// 用一份备份替换当前数据库（先检查备份；当前数据库先备份，损坏的则改名保留）
    #[command(help_template = POS_TEMPLATE, override_usage = "midun backup restore [--db 文件] <备份名>")]
    Restore {
        /// 数据库文件
        #[arg(long, value_name = "文件")]
        db: Option<PathBuf>,
        /// backup list 显示的备份名
        #[arg(value_name = "备份名")]
        name: String,
    },
}

const CMD_TEMPLATE: &str = "\
{about}

用法：{usage}

命令：
{subcommands}

选项：
{options}";

fn main() -> ExitCode {
    std::panic::set_hook(Box::new(|info| {
        let msg = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_default();
        eprintln!("错误：程序内部错误（{msg}），请将此信息反馈给开发者");
    }));
    match std::panic::catch_unwind(run) {
        Ok(code) => code,
        Err(_) => ExitCode::from(1),
    }
}

fn command() -> clap::Command {
    let mut cmd = Cli::command();
    // The built-in help flag is off for Chinese wording; give each
    // subcommand the same Chinese -h/--help.
    let subs: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for name in subs {
        cmd = cmd.mut_subcommand(name, |s| {
            s.disable_help_flag(true).arg(
                Arg::new("help")
                    .short('h')
                    .long("help")
                    .action(ArgAction::Help)
                    .help("显示帮助"),
            )
        });
    }
    cmd
}

fn run() -> ExitCode {
    let matches = match command().try_get_matches() {
        Ok(m) => m,
        Err(e) => return usage_error(e),
    };
    let cli = match Cli::from_arg_matches(&matches) {
        Ok(c) => c,
        Err(e) => return usage_error(e),
    };
    match execute(cli.command) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("错误：{e}");
            ExitCode::from(1)
        }
    }
}

/// The database file: `--db`, else the app's own.
fn db_path(db: Option<PathBuf>) -> midun::Result<PathBuf> {
    match db {
        Some(p) => Ok(p),
        None => {
            let dir = midun::paths::data_dir()?;
            std::fs::create_dir_all(&dir)?;
            Ok(dir.join(midun::paths::DB_FILE_NAME))
        }
    }
}

/// What unlocks the database: `MIDUN_PASSWORD`, else `MIDUN_RECOVERY_KEY`.
/// Never an argument, where other users could read it in the process list.
fn env_secret() -> midun::Result<UnlockSecret> {
    let get = |k: &str| std::env::var(k).ok().filter(|v| !v.is_empty());
    if let Some(p) = get("MIDUN_PASSWORD") {
        Ok(UnlockSecret::Password(p))
    } else if let Some(k) = get("MIDUN_RECOVERY_KEY") {
        Ok(UnlockSecret::RecoveryKey(k))
    } else {
        Err(midun::Error::DbLocked)
    }
}

/// The hand-over file's passphrase: `MIDUN_BUNDLE_PASSWORD`, never an
/// argument.
fn bundle_passphrase() -> midun::Result<String> {
    std::env::var("MIDUN_BUNDLE_PASSWORD")
        .ok()
        .filter(|v| !v.is_empty())
        .ok_or(midun::Error::BundlePassphraseMissing)
}

/// Open (or create, or encrypt) the database; the audit log names
/// `MIDUN_OPERATOR`, else 命令行. A new recovery key goes to stderr once.
fn open(db: Option<PathBuf>) -> midun::Result<Store> {
    let path = db_path(db)?;
    let secret = env_secret()?;
    let (mut store, recovery) =
        Store::open_encrypted(&path, secret.secret(), KdfParams::PRODUCTION)?;
    if let Some(rk) = recovery {
        eprintln!(
            "已建立加密数据库 {}（密钥文件 {}）。\n\
             恢复密钥（只显示这一次；请抄写或打印后密封保存，忘记密码时凭它解锁）：\n\n    {}\n",
            path.display(),
            vault::key_path(&path).display(),
            rk.as_str()
        );
    }
    if let Some(p) = store.backup_problem() {
        eprintln!("警告：今日自动备份未能完成：{p}");
    }
    let who = std::env::var("MIDUN_OPERATOR").unwrap_or_default();
    store.set_actor(if who.trim().is_empty() {
        "命令行"
    } else {
        &who
    });
    Ok(store)
}

fn execute(cmd: Command) -> midun::Result<ExitCode> {
    match cmd {
        Command::Demo {
            db,
            points,
            unanswered,
        } => {
            let store = open(db)?;
            let first = if unanswered {
                demo::FirstRound::Unanswered
            } else {
                demo::FirstRound::Answered
            };
            let e = demo::add_demo_round(&store, points as usize, first)?;
            let n = store.points().list(&e.id)?.len();
            say!("已添加演示企业：{}（{} 个密点）", e.name, n);
            say!("企业编号：{}", e.id);
            say!("数据库：{}", store.path().display());
        }
        Command::Report {
            db,
            enterprise,
            out,
            edition,
            format,
        } => {
            let store = open(db)?;
            let e = store.enterprises().resolve(enterprise.as_deref())?;
            let edition = if edition == "submission" {
                report::edition::Edition::Submission
            } else {
                report::edition::Edition::Internal
            };
            let docx_named = out
                .extension()
                .is_some_and(|x| x.eq_ignore_ascii_case("docx"));
            let format = match format.as_deref() {
                Some("docx") => report::ReportFormat::Docx,
                Some(_) => report::ReportFormat::Pdf,
                None if docx_named => report::ReportFormat::Docx,
                None => report::ReportFormat::Pdf,
            };
            // A folder stays as given (and is refused as not a file).
            let out = if out.is_dir() {
                out
            } else {
                midun::fsx::with_extension(out, format.extension())
            };
            let r = report::export_edition(&store, &e.id, edition, format, &out)?;
            say!("已导出{}：{}", edition.title(), r.path);
            if !r.missing_chars.is_empty() {
                eprintln!(
                    "警告：报告字体缺少以下字符，它们在 PDF 中显示为空白：{}",
                    r.missing_chars.join(" ")
                );
            }
            for w in &r.warnings {
                eprintln!("警告：{}", w.zh());
            }
        }
        Command::Dossier {
            db,
            enterprise,
            point,
            all,
            out,
        } => {
            let store = open(db)?;
            let e = store.enterprises().resolve(enterprise.as_deref())?;
            let scope = match (point, all) {
                (Some(code), _) => {
                    report::dossier::Scope::Point(store.points().by_code(&e.id, &code)?.id)
                }
                (None, true) => report::dossier::Scope::All,
                (None, false) => report::dossier::Scope::Core,
            };
            let r =
                report::dossier::export(&store, &e.id, scope, &report::with_pdf_extension(out))?;
            say!("已导出{}：{}", report::dossier::DOSSIER_TITLE, r.path);
            if !r.missing_chars.is_empty() {
                eprintln!(
                    "警告：字体缺少以下字符，它们在 PDF 中显示为空白：{}",
                    r.missing_chars.join(" ")
                );
            }
        }
        Command::Letter {
            db,
            enterprise,
            kind,
            person,
            out,
        } => {
            let kind = midun::letters::LetterKind::parse(&kind)?;
            let db_path = match &db {
                Some(p) => p.clone(),
                None => midun::paths::default_db_path()?,
            };
            let store = open(db)?;
            let e = store.enterprises().resolve(enterprise.as_deref())?;
            let ids = match &person {
                Some(name) => Some(vec![store.people().by_name(&e.id, name)?.id]),
                None => None,
            };
            let is_file = person.is_some()
                || out
                    .extension()
                    .is_some_and(|x| x.eq_ignore_ascii_case("docx"));
            let file = midun::fsx::with_extension(out.clone(), "docx");
            let target = if is_file {
                midun::letters::Target::File(&file)
            } else {
                midun::letters::Target::Folder(&out)
            };
            let written = midun::letters::export(
                &store,
                &e.id,
                kind,
                ids.as_deref(),
                Some(&midun::letters::templates_dir(&db_path)),
                target,
                midun::progress::Progress::none(),
            )?;
            for r in &written {
                say!("已生成{}：{}", kind.title(), r.path);
            }
        }
        Command::Workbook {
            db,
            enterprise,
            sheets,
            out,
        } => {
            let store = open(db)?;
            let e = store.enterprises().resolve(enterprise.as_deref())?;
            let sheets = sheets
                .iter()
                .filter(|s| !s.trim().is_empty())
                .map(|s| midun::workbook::Sheet::parse(s))
                .collect::<midun::error::Result<Vec<_>>>()?;
            let out = midun::fsx::with_extension(out, "xlsx");
            let r = midun::workbook::export(&store, &e.id, &sheets, &out)?;
            say!("已导出台账工作簿：{}", r.path);
        }
        Command::ApprovalForm {
            db,
            enterprise,
            point,
            approval,
            out,
        } => {
            let store = open(db)?;
            let e = store.enterprises().resolve(enterprise.as_deref())?;
            let p = store.points().by_code(&e.id, &point)?;
            let approvals = store.points().approvals(p.id)?;
            let chosen = match approval {
                Some(id) => approvals.iter().find(|a| a.id == id),
                None => approvals.last(),
            }
            .ok_or_else(|| midun::Error::ApprovalNotFound {
                id: approval
                    .map_or_else(|| format!("{}（无审批记录）", p.code), |id| id.to_string()),
            })?;
            // A .docx path asks for Word; anything else is a PDF.
            let word = out
                .extension()
                .is_some_and(|x| x.eq_ignore_ascii_case("docx"));
            let out = if word {
                out
            } else {
                report::with_pdf_extension(out)
            };
            let r = report::approval::export(&store, chosen.id, &out)?;
            say!("已导出{}：{}", report::approval::title(chosen), r.path);
            if !r.missing_chars.is_empty() {
                eprintln!(
                    "警告：字体缺少以下字符，它们在 PDF 中显示为空白：{}",
                    r.missing_chars.join(" ")
                );
            }
        }
        Command::Points {
            db,
            enterprise,
            json,
        } => {
            let store = open(db)?;
            let e = store.enterprises().resolve(enterprise.as_deref())?;
            let points = store.points().list(&e.id)?;
            if json {
                let text = serde_json::to_string_pretty(&midun::cli_json::points(&points)?)
                    .unwrap_or_default();
                say!("{text}");
            } else {
                for p in points {
                    say!(
                        "{}\t{}\t{}\t{}\t{}",
                        p.code,
                        p.name,
                        p.category.label(),
                        p.level,
                        p.status.label()
                    );
                }
            }
        }
        Command::Manifest {
            db,
            enterprise,
            file_names,
            out,
        } => {
            let store = open(db)?;
            let e = store.enterprises().resolve(enterprise.as_deref())?;
            let csv = store.fingerprints().manifest_csv(&e.id, file_names)?;
            let rows = store.fingerprints().of_enterprise(&e.id)?.len();
            report::write_atomically(&out, csv.as_bytes())?;
            say!("已导出文件指纹清单（{rows} 条）：{}", out.display());
        }
        Command::Summary {
            db,
            enterprise,
            out,
        } => {
            let store = open(db)?;
            let e = store.enterprises().resolve(enterprise.as_deref())?;
            let out = midun::fsx::with_extension(out, midun::summary::EXTENSION);
            let s = midun::summary::export(&store, &e.id, &out)?;
            say!(
                "已导出进度摘要：{}（第 {} 轮，自评总分 {}{}；校验值 {}）",
                out.display(),
                s.round_no,
                midun::score::Tenths(s.total_tenths),
                if s.draft { "，草稿" } else { "" },
                &s.hash()[..16]
            );
        }
        Command::Station { action } => station(action)?,
        Command::Backup { action } => match action {
            BackupAction::List { db } => {
                let path = db_path(db)?;
                let list = backup::list(&path)?;
                if list.is_empty() {
                    say!("尚无备份（备份目录：{}）", backup::dir_of(&path).display());
                }
                for b in list {
                    say!(
                        "{}\t{}\t{}\t{} KB",
                        b.name,
                        b.made_at,
                        b.reason,
                        b.bytes / 1024
                    );
                }
            }
            BackupAction::Create { db } => {
                let store = open(db)?;
                let b = store.backup()?;
                say!(
                    "已备份：{}（{}）",
                    b.name,
                    backup::dir_of(store.path()).display()
                );
            }
            BackupAction::Restore { db, name } => {
                let path = db_path(db)?;
                let secret = env_secret()?;
                backup::restore_with(&path, &name, secret.secret())?;
                say!("已从备份 {name} 恢复数据库 {}", path.display());
            }
        },
        Command::Export {
            db,
            enterprise,
            out,
        } => {
            let passphrase = bundle_passphrase()?;
            midun::handover::check_passphrase(&passphrase)?;
            let store = open(db)?;
            let e = store.enterprises().resolve(enterprise.as_deref())?;
            let m = midun::handover::export_to_file(
                &store,
                &e.id,
                &out,
                &passphrase,
                midun::handover::Kdf::PRODUCTION,
            )?;
            say!(
                "已导出“{}”的交接文件（{} 个条目，已加密）：{}",
                e.name,
                m.entries.len() + 1,
                out.display()
            );
        }
        Command::Import {
            db,
            file,
            as_copy,
            replace,
        } => {
            let passphrase = bundle_passphrase()?;
            let bundle = midun::handover::read_file(
                &file,
                &passphrase,
                &midun::handover::Limits::default(),
            )?;
            let mode = if as_copy {
                midun::handover::ImportMode::AsCopy
            } else if replace {
                midun::handover::ImportMode::Replace
            } else {
                midun::handover::ImportMode::Refuse
            };
            let store = open(db)?;
            let o = midun::handover::apply(&store, &bundle, mode)?;
            let how = if o.replaced {
                "已替换现有企业"
            } else if o.copied {
                "已作为副本导入"
            } else {
                "已导入"
            };
            say!("{how}：{}（{} 条记录）", o.name, o.rows);
            say!("企业编号：{}", o.enterprise_id);
        }
        Command::ImportPeople {
            template: Some(out),
            ..
        } => {
            let is_csv = out
                .extension()
                .is_some_and(|e| e.to_string_lossy().eq_ignore_ascii_case("csv"));
            let bytes = if is_csv {
                midun::import::person_template_csv()
            } else {
                midun::import::person_template_xlsx()?
            };
            report::write_atomically(&out, &bytes)?;
            say!("已写出涉密人员导入模板：{}", out.display());
        }
        Command::ImportPeople {
            db,
            enterprise,
            file,
            ignore_columns,
            ..
        } => {
            let file = file.unwrap_or_default();
            let rows = midun::import::read_rows(&file)?;
            let store = open(db)?;
            let e = store.enterprises().resolve(enterprise.as_deref())?;
            let outcome = store.people().import(&e.id, &rows, ignore_columns)?;
            if outcome.errors.is_empty() {
                say!("已导入 {} 名涉密人员到“{}”", outcome.imported, e.name);
            } else {
                eprintln!("错误：未导入任何人员，共 {} 处问题：", outcome.errors.len());
                for r in &outcome.errors {
                    eprintln!("  第 {} 行 · {}：{}", r.row, r.column, r.reason);
                }
                return Ok(ExitCode::from(1));
            }
        }
        Command::ImportPoints {
            template: Some(out),
            ..
        } => {
            let is_csv = out
                .extension()
                .is_some_and(|e| e.to_string_lossy().eq_ignore_ascii_case("csv"));
            let bytes = if is_csv {
                midun::import::template_csv()
            } else {
                midun::import::template_xlsx()?
            };
            report::write_atomically(&out, &bytes)?;
            say!("已写出导入模板：{}", out.display());
        }
        Command::ImportPoints {
            db,
            enterprise,
            file,
            ignore_columns,
            missing_people,
            ..
        } => {
            use midun::store::MissingPeople;
            // clap admits only "add" and "keep".
            let missing_people = match missing_people.as_deref() {
                Some("add") => MissingPeople::Add,
                Some(_) => MissingPeople::Keep,
                None => MissingPeople::Refuse,
            };
            let file = file.unwrap_or_default();
            let rows = midun::import::read_rows(&file)?;
            let store = open(db)?;
            let e = store.enterprises().resolve(enterprise.as_deref())?;
            let options = midun::store::PointImportOptions {
                ignore_unknown_columns: ignore_columns,
                missing_people,
            };
            let outcome = store.points().import_with(&e.id, &rows, &options)?;
            if outcome.errors.is_empty() {
                say!("已导入 {} 个密点到“{}”", outcome.imported, e.name);
                if outcome.people_added > 0 {
                    say!(
                        "已按知悉范围向涉密人员台账添加 {} 人（只有姓名和部门，已标记待补全）",
                        outcome.people_added
                    );
                }
            } else {
                eprintln!("错误：未导入任何密点，共 {} 处问题：", outcome.errors.len());
                for r in &outcome.errors {
                    eprintln!("  第 {} 行 · {}：{}", r.row, r.column, r.reason);
                }
                if !outcome.missing_people.is_empty() {
                    eprintln!(
                        "知悉范围中的 {} 人尚不在涉密人员台账中。可加 --missing-people add 把他们添加到台账（只填姓名和部门，标记待补全），或 --missing-people keep 保留为待补全的姓名。",
                        outcome.missing_people.len()
                    );
                }
                return Ok(ExitCode::from(1));
            }
        }
        Command::Password { db } => {
            let path = db_path(db)?;
            let secret = env_secret()?;
            let new = std::env::var("MIDUN_NEW_PASSWORD").unwrap_or_default();
            if new.is_empty() {
                return Err(midun::Error::PasswordTooShort {
                    min: vault::MIN_PASSWORD_CHARS.to_string(),
                });
            }
            let copies =
                backup::change_password(&path, secret.secret(), &new, KdfParams::PRODUCTION)?;
            say!("密码已修改（数据未重新加密；恢复密钥不变）");
            if copies > 0 {
                say!("{copies} 份备份所带的密钥文件也已改用新密码（旧密码不再能打开任何备份）");
            }
        }
        Command::Check {
            db,
            enterprise,
            anchor,
        } => {
            let path = db_path(db)?;
            let anchor = match anchor {
                Some(a) => Some(
                    midun::store::ChainHead::parse(&a)
                        .ok_or(midun::Error::AnchorInvalid { anchor: a.clone() })?,
                ),
                None => None,
            };
            let store = match open(Some(path.clone())) {
                Ok(s) => s,
                // These name the newest sound backup themselves.
                Err(
                    e @ (midun::Error::DbEmpty { .. }
                    | midun::Error::DbFileMissing { .. }
                    | midun::Error::DbDamaged { .. }
                    | midun::Error::KeyFileMismatch { .. }),
                ) => {
                    eprintln!("错误：{e}");
                    return Ok(ExitCode::from(1));
                }
                Err(e @ (midun::Error::DbCorrupt { .. } | midun::Error::DbNotMidun)) => {
                    eprintln!("错误：{e}");
                    let secret = env_secret()?;
                    eprintln!("{}。", backup::advice(&path, secret.secret()));
                    return Ok(ExitCode::from(1));
                }
                Err(e) => return Err(e),
            };
            let r = store.check()?;
            say!(
                "数据库完整性：{}",
                if r.integrity == "ok" {
                    "正常".to_string()
                } else {
                    r.integrity.clone()
                }
            );
            say!(
                "引用关系：{}",
                if r.foreign_key_problems == 0 {
                    "正常".to_string()
                } else {
                    format!("{} 处引用了不存在的记录", r.foreign_key_problems)
                }
            );
            say!(
                "操作记录：{} 条，{}",
                r.audit_entries,
                if r.audit_problems.is_empty() {
                    "校验通过"
                } else {
                    "校验未通过"
                }
            );
            for p in &r.audit_problems {
                say!("  {} 第 {} 条：{}", p.chain, p.seq, p.problem);
            }
            let mut anchored = true;
            if let Some(a) = anchor {
                let e = store.enterprises().resolve(enterprise.as_deref())?;
                match store.audit().check_anchor(&e.id, &a)? {
                    midun::store::AnchorCheck::Holds { later } => say!(
                        "操作记录校验值 {}：相符（“{}”的操作记录仍含这 {} 条，其后又新增 {later} 条）",
                        a.anchor(),
                        e.name,
                        a.count
                    ),
                    midun::store::AnchorCheck::Shorter { now } => {
                        anchored = false;
                        say!(
                            "操作记录校验值 {}：不符——“{}”的操作记录现只有 {now} 条，少于记下时的 {} 条（记录被删除）",
                            a.anchor(),
                            e.name,
                            a.count
                        )
                    }
                    midun::store::AnchorCheck::Differs => {
                        anchored = false;
                        say!(
                            "操作记录校验值 {}：不符——“{}”的第 {} 条操作记录与记下时不同（记录被改写）",
                            a.anchor(),
                            e.name,
                            a.count
                        )
                    }
                }
            }
            return Ok(if r.is_sound() && anchored {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            });
        }
        Command::Catalog {
            action: CatalogAction::Check { file },
        } => {
            let c = match file {
                // Size checked before the file is read.
                Some(f) => Catalogue::load_file(&f)?,
                None => Catalogue::default_catalogue()?,
            };
            let criteria = c.criteria().count();
            say!(
                "目录有效：{}（{} 版），{} 个领域、{} 个评价项、总分 {}",
                c.title,
                c.version,
                c.domains.len(),
                criteria,
                c.total_points()
            );
        }
        Command::Catalog {
            action: CatalogAction::Show { json },
        } => {
            let c = Catalogue::default_catalogue()?;
            if json {
                say!("{}", midun::cli_json::catalogue(&c)?);
            } else {
                say!("{}（{} 版）", c.title, c.version);
                say!("{}", c.statement);
                for d in &c.domains {
                    say!("\n{} {}（{} 分）", d.id, d.name, d.weight());
                    for k in &d.criteria {
                        say!(
                            "  {}\t{} 分{}\t{}",
                            k.id,
                            k.points,
                            if k.basic { "\t基础项" } else { "" },
                            k.title
                        );
                    }
                }
            }
        }
        Command::Score {
            db,
            enterprise,
            json,
        } => {
            let store = open(db)?;
            let e = store.enterprises().resolve(enterprise.as_deref())?;
            let round = store.rounds().latest_required(&e.id)?;
            let catalogue = Catalogue::default_catalogue()?;
            let s = midun::assess::score_round(&store, round.id, &catalogue)?;
            if json {
                let mut v = midun::cli_json::score(&s)?;
                v["enterprise"] = serde_json::json!({ "id": e.id, "name": e.name });
                v["round"] = serde_json::json!(round.round_no);
                v["base_date"] = serde_json::json!(round.base_date);
                v["catalogue"] =
                    serde_json::json!({ "id": catalogue.id, "version": catalogue.version });
                say!("{}", serde_json::to_string_pretty(&v).unwrap_or_default());
            } else {
                say!(
                    "{}（第 {} 次自评，基准日 {}）",
                    e.name,
                    round.round_no,
                    round.base_date
                );
                say!(
                    "总分：{}　等级：{}　结论：{}{}",
                    s.total,
                    s.tier.label(),
                    s.verdict_zh(),
                    if s.draft { "（草稿）" } else { "" }
                );
                for c in &s.caps {
                    say!("限制：{}", c.zh());
                }
                for b in &s.basic_items {
                    say!(
                        "基础项 {}：{}（{}）",
                        b.criterion,
                        b.status.label(),
                        b.title
                    );
                }
                for d in &s.domains {
                    let score = d
                        .score
                        .map(|x| x.to_string())
                        .unwrap_or_else(|| "不适用".into());
                    say!("{} {}（{} 分）：{}", d.id, d.name, d.weight, score);
                }
                for g in s.gaps.iter().take(10) {
                    let why = match g.kind {
                        midun::score::GapKind::EvidencePending => {
                            format!("待补充佐证，计 {} 分", g.points_lost)
                        }
                        k => format!("{}，影响总分 {} 分", k.label(), g.points_lost),
                    };
                    say!("问题 {}（{why}）：{} —— {}", g.criterion, g.title, g.action);
                }
                for c in &s.contradictions {
                    say!(
                        "不一致 {}（答“{}”）：{}{}",
                        c.criterion,
                        c.answer.label(),
                        c.fact,
                        c.suggested
                            .map(|s| format!("；建议“{}”", s.label()))
                            .unwrap_or_default()
                    );
                }
                for n in &s.not_applicable {
                    say!(
                        "不适用 {}（{} 分）：{}——理由：{}",
                        n.criterion,
                        n.points,
                        n.title,
                        n.reason
                    );
                }
                for w in &s.warnings {
                    say!("提示：{}", w.zh());
                }
            }
        }
        Command::Answer {
            db,
            enterprise,
            criterion,
            status,
            reason,
            note,
        } => {
            let status = midun::model::AnswerStatus::parse(&status)?;
            if status == midun::model::AnswerStatus::Unanswered {
                return Err(midun::Error::AnswerStatusUnknown {
                    status: status.label().into(),
                });
            }
            let store = open(db)?;
            let e = store.enterprises().resolve(enterprise.as_deref())?;
            let catalogue = Catalogue::default_catalogue()?;
            let a = midun::flow::answer_criterion(
                &store,
                &e.id,
                &catalogue,
                criterion.trim(),
                status,
                &note,
                &reason,
                midun::model::today(),
            )?;
            say!("已作答：{} {}", a.criterion_id, a.status.label());
            // What the registers say against it, at once.
            let round = store.rounds().latest_required(&e.id)?;
            let s = midun::assess::score_round(&store, round.id, &catalogue)?;
            for c in s
                .contradictions
                .iter()
                .filter(|c| c.criterion == a.criterion_id)
            {
                eprintln!(
                    "提示：与登记簿不一致——{}{}",
                    c.fact,
                    c.suggested
                        .map(|s| format!("，建议作答“{}”", s.label()))
                        .unwrap_or_default()
                );
            }
        }
        Command::List { db } => {
            let store = open(db)?;
            let all = store.enterprises().list()?;
            if all.is_empty() {
                say!("数据库中还没有企业。");
            }
            for e in all {
                say!(
                    "{}\t{}\t{}\t{} 个密点",
                    e.id,
                    e.name,
                    e.credit_code.as_deref().unwrap_or("（未填写信用代码）"),
                    e.secret_point_count
                );
            }
        }
        Command::ValidateCode { codes } => {
            let codes = if codes == ["-"] {
                std::io::stdin()
                    .lock()
                    .lines()
                    .collect::<Result<Vec<_>, _>>()?
                    .into_iter()
                    .filter(|l| !l.trim().is_empty())
                    .collect()
            } else {
                codes
            };
            let mut all_ok = true;
            for c in &codes {
                let check = credit_code::check(c);
                all_ok &= check.status != credit_code::CodeStatus::Invalid;
                say!("{}", check.line());
            }
            return Ok(if all_ok {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            });
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Print clap's outcome in Chinese: help and version to stdout (exit 0),
/// every usage error to stderr (exit 2).
fn usage_error(e: clap::Error) -> ExitCode {
    match e.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
            let _ = e.print();
            return ExitCode::SUCCESS;
        }
        _ => {}
    }
    let ctx = |k: ContextKind| -> String {
        match e.get(k) {
            Some(ContextValue::String(s)) => s.clone(),
            Some(ContextValue::Strings(v)) => v.join("、"),
            Some(ContextValue::StyledStr(s)) => s.to_string(),
            Some(ContextValue::StyledStrs(v)) => v
                .iter()
                .map(|s| s.to_string())
                .collect::<Vec<_>>()
                .join("、"),
            Some(ContextValue::Number(n)) => n.to_string(),
            _ => String::new(),
        }
    };
    let arg = ctx(ContextKind::InvalidArg);
    let msg = match e.kind() {
        ErrorKind::UnknownArgument => format!("无法识别的参数“{arg}”"),
        ErrorKind::InvalidSubcommand => {
            format!("无法识别的命令“{}”", ctx(ContextKind::InvalidSubcommand))
        }
        ErrorKind::MissingSubcommand | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            "缺少命令".to_string()
        }
        ErrorKind::MissingRequiredArgument => format!("缺少必需的参数：{arg}"),
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => {
            format!("参数 {arg} 的值“{}”无效", ctx(ContextKind::InvalidValue))
        }
        ErrorKind::TooManyValues | ErrorKind::WrongNumberOfValues => {
            format!("参数 {arg} 的值个数不对")
        }
        ErrorKind::ArgumentConflict => format!("参数 {arg} 不能与其他参数同时使用"),
        ErrorKind::NoEquals => format!("参数 {arg} 须写作 {arg}=值"),
        ErrorKind::InvalidUtf8 => "参数含有无效的字符编码".to_string(),
        _ => "命令行参数有误".to_string(),
    };
    let suggested = ctx(ContextKind::SuggestedArg);
    let suggested_cmd = ctx(ContextKind::SuggestedSubcommand);
    eprintln!("错误：{msg}");
    if !suggested.is_empty() {
        eprintln!("提示：是否要用 {suggested}？");
    } else if !suggested_cmd.is_empty() {
        eprintln!("提示：是否要用 {suggested_cmd}？");
    }
    eprintln!("运行 midun --help 查看用法。");
    ExitCode::from(2)
}

/// The shared database's address: `--pg`, else `MIDUN_PG_URL`, else the
/// one this station used last.
fn pg_url(store: &Store, pg: Option<String>) -> midun::Result<String> {
    let env = std::env::var("MIDUN_PG_URL").ok().filter(|v| !v.is_empty());
    match pg.or(env) {
        Some(u) => Ok(u),
        None => store
            .station()
            .pg_url()?
            .ok_or_else(|| midun::Error::PgUrlInvalid {
                reason: "未指定（用 --pg 或环境变量 MIDUN_PG_URL）".into(),
            }),
    }
}

fn station(action: StationAction) -> midun::Result<()> {
    use midun::station;
    match action {
        StationAction::Import { db, files } => {
            let store = open(db)?;
            let r = station::import_files(&store, &files)?;
            say!(
                "已读取 {} 个文件：新增进度摘要 {} 份，已有 {} 份；本站现跟踪企业 {} 家",
                r.files,
                r.added,
                r.already,
                r.enterprises
            );
        }
        StationAction::List { db, json } => {
            let store = open(db)?;
            let d = station::dashboard(&store, chrono::Local::now().date_naive())?;
            if json {
                say!(
                    "{}",
                    serde_json::to_string_pretty(&d).expect("the dashboard serialises")
                );
                return Ok(());
            }
            if d.rows.is_empty() {
                say!("尚未导入进度摘要（midun station import 文件...）");
            }
            for r in &d.rows {
                let change = r.change_tenths.map_or("—".to_string(), |c| {
                    if c >= 0 {
                        format!("+{}", midun::score::Tenths(c))
                    } else {
                        format!("-{}", midun::score::Tenths(-c))
                    }
                });
                say!(
                    "{}\t{}\t{}\t第{}轮\t{}{}\t{}\t基础项未落实 {}\t逾期整改 {}\t{}",
                    r.name,
                    r.credit_code,
                    if r.township.is_empty() {
                        "—"
                    } else {
                        &r.township
                    },
                    r.round_no,
                    midun::score::Tenths(r.total_tenths),
                    if r.draft { "（草稿）" } else { "" },
                    change,
                    r.basic_not_met,
                    r.overdue_tasks,
                    r.generated_on
                );
            }
        }
        StationAction::Workbook { db, out } => {
            let store = open(db)?;
            let out = midun::fsx::with_extension(out, "xlsx");
            let r = station::export_workbook(&store, &out)?;
            say!("已导出指导站工作簿：{}", r.path);
        }
        StationAction::Report { db, out } => {
            let store = open(db)?;
            let word = out
                .extension()
                .is_some_and(|x| x.eq_ignore_ascii_case("docx"));
            let (out, format) = if word {
                (out, midun::report::ReportFormat::Docx)
            } else {
                (
                    midun::report::with_pdf_extension(out),
                    midun::report::ReportFormat::Pdf,
                )
            };
            let r = station::export_report(&store, &out, format)?;
            say!("已导出工作进展汇总：{}", r.path);
        }
        StationAction::Push {
            db,
            pg,
            station: name,
            ca,
        } => {
            let store = open(db)?;
            let url = pg_url(&store, pg)?;
            let r = station::pg::push(&store, &url, ca.as_deref(), name.as_deref())?;
            say!(
                "已推送到共享数据库（{}）：本站“{}”的进度摘要 {} 份，其中新增 {} 份",
                station::pg::target(&url)?.display,
                r.station,
                r.sent,
                r.added
            );
        }
        StationAction::Pull { db, pg, ca } => {
            let store = open(db)?;
            let url = pg_url(&store, pg)?;
            let r = station::pg::pull(&store, &url, ca.as_deref())?;
            say!(
                "已从共享数据库读回进度摘要 {} 份（来自 {}），其中本站新增 {} 份",
                r.read,
                if r.stations.is_empty() {
                    "—".to_string()
                } else {
                    r.stations.join("、")
                },
                r.added
            );
        }
    }
    Ok(())
}
