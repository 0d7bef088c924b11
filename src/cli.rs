//! Command-line interface: parses arguments and hands each command to `cmd`.

use std::path::{Path, PathBuf};

use clap::{ArgAction, CommandFactory, FromArgMatches, Parser, Subcommand};

use crate::cmd::{self, Verbosity};

/// zongjie（总结）：把安全生产指标数据（YAML）做成带图表的工作总结网站。
#[derive(Debug, Parser)]
#[command(
    name = "zongjie",
    version,
    long_about = None,
    after_help = EXAMPLES,
    disable_help_flag = true,
    disable_version_flag = true
)]
pub struct Cli {
    /// 项目文件夹（含 zongjie.yaml），默认为当前文件夹
    #[arg(
        short = 'C',
        long = "project",
        global = true,
        default_value = ".",
        hide_default_value = true,
        value_name = "文件夹"
    )]
    pub project: PathBuf,

    /// 只输出错误
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    pub quiet: bool,

    /// 输出更多信息（每个写出的文件、每个警告的详情）
    #[arg(short, long, global = true)]
    pub verbose: bool,

    /// 显示帮助（本页）
    #[arg(short = 'h', long = "help", global = true, action = ArgAction::Help)]
    help: Option<bool>,

    /// 显示版本号
    #[arg(short = 'V', long = "version", action = ArgAction::Version)]
    version: Option<bool>,

    #[command(subcommand)]
    pub command: Command,
}

const EXAMPLES: &str = "示例：
  zongjie init 安全生产总结               新建项目（含一个示例单位）
  zongjie new 城关县/城关镇 2025-H1       按上一期的样子新建一期的期间文件
  zongjie serve --open                    边写边在浏览器里预览，保存后自动刷新
  zongjie form 城关县/城关镇 2025-H1      生成发给下级单位的 Excel 填报表
  zongjie import 收回/*.xlsx              把填好的报表读进期间文件（只改数字）
  zongjie check                           检查 data/ 中的全部数据
  zongjie build                           生成网站到 site/
  zongjie -C ~/城关县 build --out /srv/www/anquan

每个命令的详细说明：zongjie <命令> --help";

#[derive(Debug, Subcommand)]
pub enum Command {
    /// 检查数据、计算全部指标，生成网站到 site/（出错时原网站保持不变）
    #[command(
        display_order = 5,
        after_help = "示例：\n  zongjie build\n  zongjie build --out /srv/www/anquan\n  zongjie build --drafts              连同草稿一起生成，供审阅\n  zongjie build --base-url https://anquan.example.gov.cn/zongjie/"
    )]
    Build {
        /// 输出文件夹，默认为项目下的 site/
        #[arg(long, value_name = "文件夹")]
        out: Option<PathBuf>,
        /// 网站的完整网址，仅用于必须写绝对地址的 sitemap.xml；页面之间一律用相对链接
        #[arg(long, value_name = "网址")]
        base_url: Option<String>,
        /// 同时发布草稿（没有成文日期或写了 draft: true 的总结），页面上标“草稿”
        #[arg(long)]
        drafts: bool,
        /// 同时把每篇总结打印成 PDF（需要本机装有 Chromium 或 LibreOffice）
        #[arg(long)]
        pdf: bool,
    },
    /// 检查全部数据（与 build 相同的校验），不写任何文件；有错误时退出码为 1
    #[command(
        display_order = 4,
        after_help = "示例：\n  zongjie check\n  zongjie -C 项目文件夹 check"
    )]
    Check,
    /// 新建一期的期间文件：沿用本单位上一期的指标项和各节标题，数字和正文留空待填
    #[command(display_order = 2, after_help = NEW_HELP)]
    New {
        /// 单位：data/ 下的文件夹路径，如 城关县/城关镇/东村；只要不重名，写最后几级即可
        #[arg(value_name = "单位")]
        unit: String,
        /// 期间：2025-H1（上半年）、2025-H2（下半年）或 2025（年度）
        #[arg(value_name = "期间")]
        period: String,
    },
    /// 新建一个项目：zongjie.yaml、一个示例单位和一期数据、办公室使用说明 README.md
    #[command(
        display_order = 1,
        after_help = "示例：\n  zongjie init 安全生产总结     新建文件夹“安全生产总结”并在其中建项目\n  zongjie init                  在当前（空）文件夹中建项目\n\n只在空文件夹或新文件夹中新建，不会覆盖任何已有文件。"
    )]
    Init {
        /// 项目文件夹（不存在则新建；必须是空的），默认为当前文件夹
        #[arg(value_name = "文件夹")]
        dir: Option<PathBuf>,
    },
    /// 在浏览器中预览网站：修改并保存文件后自动重新生成、刷新页面；数据有错时页面显示错误
    #[command(
        display_order = 3,
        after_help = "示例：\n  zongjie serve                 在 http://127.0.0.1:8000/ 预览\n  zongjie serve --open          同时打开浏览器\n  zongjie serve --port 9000\n\n只在本机（127.0.0.1）访问，不写 site/ 文件夹。按 Ctrl+C 结束。"
    )]
    Serve {
        /// 端口，默认 8000；被占用时自动改用后面空闲的端口
        #[arg(long, short, value_name = "端口", default_value_t = cmd::serve::DEFAULT_PORT, hide_default_value = true)]
        port: u16,
        /// 启动后用默认浏览器打开首页
        #[arg(long)]
        open: bool,
    },
    /// 生成 Excel 填报表：下级单位每个一行、每个指标一列，在 Excel 中校验填写
    #[command(display_order = 6, after_help = FORM_HELP)]
    Form {
        /// 单位：data/ 下的文件夹路径，如 城关县/城关镇
        #[arg(value_name = "UNIT")]
        unit: String,
        /// 期间：2025-H1、2025-H2 或 2025
        #[arg(value_name = "PERIOD")]
        period: String,
        /// 写到这个文件，默认为项目下的“<单位><期间>填报表.xlsx”
        #[arg(long, value_name = "文件.xlsx")]
        out: Option<PathBuf>,
        /// 只为这个单位本身生成一行（不列下级单位）
        #[arg(long = "self")]
        own: bool,
    },
    /// 读入填好的报表（.xlsx/.xls/.ods/.csv），把数字写进期间文件，只改数字不动正文
    #[command(display_order = 7, after_help = IMPORT_HELP)]
    Import {
        /// 填好的报表文件，可以一次给多个
        #[arg(value_name = "文件", required = true)]
        files: Vec<PathBuf>,
        /// 只列出将要修改的内容（原值 → 新值），不写任何文件
        #[arg(long)]
        dry_run: bool,
        /// 报表中的数字与期间文件中已有的不同时，用报表的覆盖（默认列出冲突、不覆盖）
        #[arg(long)]
        force: bool,
        /// 期间：不是 zongjie form 生成的报表中读不出期间时使用，如 2025-H1
        #[arg(long, value_name = "PERIOD")]
        period: Option<String>,
        /// 上级单位：别处格式的报表按单位名称对应时，只在这个单位之下查找
        #[arg(long, value_name = "UNIT")]
        unit: Option<String>,
    },
}

const FORM_HELP: &str = "示例：
  zongjie form 城关县/城关镇 2025-H1                    城关镇各村、企业的填报表
  zongjie form 城关镇 2025-H1 --out 城关镇上半年.xlsx
  zongjie form 城关县/城关镇/东村 2025-H1 --self        只给东村自己一行

表头锁定，数字格只能填不小于 0 的数（计数为整数）；留空表示未报送，确为零填 0。
收回后用 zongjie import 读入。";

const IMPORT_HELP: &str = "示例：
  zongjie import 收回/*.xlsx --dry-run      先看看会改哪些数字
  zongjie import 收回/*.xlsx                写入期间文件
  zongjie import 东村.xlsx --force          报表中的数字覆盖文件中已有的不同数字
  zongjie import 统计表.xls --period 2025-H1 --unit 城关镇   别处格式的表（单位在行、指标名在表头）

只改指标数字，正文、注释和排列不变；没有期间文件的单位按 zongjie new 的样子新建。
有错误时不写任何文件，每个错误都指出文件、工作表和单元格（如 东村.xlsx 报表!D7）。";

const NEW_HELP: &str = "示例：
  zongjie new 城关县/城关镇 2025-H1       城关镇的2025年上半年，依据它的上一期（如 2024-H1）
  zongjie new 城关镇/东村 2025-H1         东村是新单位：建文件夹 data/城关县/城关镇/东村/
  zongjie new 城关县 2025                 年度总结，依据上一个年度文件

生成的文件：指标项和各节标题与上一期相同，数字、日期、正文留空，author 沿用；
留空的数字表示“未报送”，可以通过 check。已有的文件不会被覆盖。
本单位没有期间文件时，依据同级单位的；都没有时列出常用指标。";

/// Parses the command line with the Chinese help layout of [`crate::usage`].
pub fn parse<I, T>(args: I) -> Result<Cli, clap::Error>
where
    I: IntoIterator<Item = T>,
    T: Into<std::ffi::OsString> + Clone,
{
    let mut cmd = crate::usage::localise(Cli::command());
    let matches = cmd.try_get_matches_from_mut(args)?;
    Cli::from_arg_matches(&matches).map_err(|e| e.with_cmd(&cmd))
}

/// Runs the command line and returns the process exit code: 0 ok, 1 data errors,
/// 2 usage or I/O errors.
pub fn run() -> i32 {
    let cli = match parse(std::env::args_os()) {
        Ok(cli) => cli,
        Err(e) if e.use_stderr() => {
            eprint!("{}", crate::usage::error_text(&e));
            return 2;
        }
        Err(e) if e.kind() == clap::error::ErrorKind::DisplayVersion => {
            println!("zongjie {}", env!("CARGO_PKG_VERSION"));
            return 0;
        }
        Err(e) => {
            // --help: clap prints it, in our layout, on stdout.
            let _ = e.print();
            return 0;
        }
    };
    let verbosity = match (cli.quiet, cli.verbose) {
        (true, _) => Verbosity::Quiet,
        (_, true) => Verbosity::Verbose,
        _ => Verbosity::Normal,
    };
    match cli.command {
        Command::Build {
            out,
            base_url,
            drafts,
            pdf,
        } => {
            let drafts = if drafts {
                crate::pipeline::Drafts::Publish
            } else {
                crate::pipeline::Drafts::AsConfigured
            };
            let (out, base_url) = (out.as_deref(), base_url.as_deref());
            cmd::build::run(&cli.project, out, base_url, (drafts, pdf), verbosity)
        }
        Command::Check => cmd::check::run(&cli.project, verbosity),
        Command::New { unit, period } => cmd::new::run(&cli.project, &unit, &period, verbosity),
        Command::Init { dir } => {
            // `-C` applies as it does to other commands: a relative DIR is inside it.
            let dir = match dir {
                Some(d) if cli.project == Path::new(".") => d,
                Some(d) => cli.project.join(d),
                None => cli.project.clone(),
            };
            cmd::init::run(&dir, verbosity)
        }
        Command::Serve { port, open } => cmd::serve::run(&cli.project, port, open, verbosity),
        Command::Form {
            unit,
            period,
            out,
            own,
        } => cmd::form::run(&cli.project, &unit, &period, out.as_deref(), own, verbosity),
        Command::Import {
            files,
            dry_run,
            force,
            period,
            unit,
        } => {
            let options = cmd::import::Options {
                dry_run,
                force,
                period,
                unit,
            };
            cmd::import::run(&cli.project, &files, &options, verbosity)
        }
    }
}
