//! Command-line interface: parses arguments and hands each command to `cmd`.

use std::path::{Path, PathBuf};

use clap::{Parser, Subcommand};

use crate::cmd::{self, Verbosity};

/// zongjie（总结）：把安全生产指标数据（YAML）做成带图表的工作总结网站。
#[derive(Debug, Parser)]
#[command(name = "zongjie", version, long_about = None, after_help = EXAMPLES)]
pub struct Cli {
    /// 项目文件夹（含 zongjie.yaml），默认为当前文件夹
    #[arg(
        short = 'C',
        long = "project",
        global = true,
        default_value = ".",
        value_name = "DIR"
    )]
    pub project: PathBuf,

    /// 只输出错误
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    pub quiet: bool,

    /// 输出更多信息（每个写出的文件、每个警告的详情）
    #[arg(short, long, global = true)]
    pub verbose: bool,

    #[command(subcommand)]
    pub command: Command,
}

const EXAMPLES: &str = "示例：
  zongjie init 安全生产总结               新建项目（含一个示例单位）
  zongjie new 城关县/城关镇 2025-H1       按上一期的样子新建一期的期间文件
  zongjie serve --open                    边写边在浏览器里预览，保存后自动刷新
  zongjie check                           检查 data/ 中的全部数据
  zongjie build                           生成网站到 site/
  zongjie -C ~/城关县 build --out /srv/www/anquan

每个命令的详细说明：zongjie <命令> --help";

#[derive(Debug, Subcommand)]
pub enum Command {
    /// 检查数据、计算全部指标，生成网站到 site/（出错时原网站保持不变）
    #[command(
        display_order = 5,
        after_help = "示例：\n  zongjie build\n  zongjie build --out /srv/www/anquan\n  zongjie build --base-url https://anquan.example.gov.cn/zongjie/"
    )]
    Build {
        /// 输出文件夹，默认为项目下的 site/
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
        /// 网站的完整网址，仅用于必须写绝对地址的 sitemap.xml；页面之间一律用相对链接
        #[arg(long, value_name = "URL")]
        base_url: Option<String>,
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
        #[arg(value_name = "UNIT")]
        unit: String,
        /// 期间：2025-H1（上半年）、2025-H2（下半年）或 2025（年度）
        #[arg(value_name = "PERIOD")]
        period: String,
    },
    /// 新建一个项目：zongjie.yaml、一个示例单位和一期数据、办公室使用说明 README.md
    #[command(
        display_order = 1,
        after_help = "示例：\n  zongjie init 安全生产总结     新建文件夹“安全生产总结”并在其中建项目\n  zongjie init                  在当前（空）文件夹中建项目\n\n只在空文件夹或新文件夹中新建，不会覆盖任何已有文件。"
    )]
    Init {
        /// 项目文件夹（不存在则新建；必须是空的），默认为当前文件夹
        #[arg(value_name = "DIR")]
        dir: Option<PathBuf>,
    },
    /// 在浏览器中预览网站：修改并保存文件后自动重新生成、刷新页面；数据有错时页面显示错误
    #[command(
        display_order = 3,
        after_help = "示例：\n  zongjie serve                 在 http://127.0.0.1:8000/ 预览\n  zongjie serve --open          同时打开浏览器\n  zongjie serve --port 9000\n\n只在本机（127.0.0.1）访问，不写 site/ 文件夹。按 Ctrl+C 结束。"
    )]
    Serve {
        /// 端口；被占用时自动改用后面空闲的端口
        #[arg(long, short, value_name = "N", default_value_t = cmd::serve::DEFAULT_PORT)]
        port: u16,
        /// 启动后用默认浏览器打开首页
        #[arg(long)]
        open: bool,
    },
}

const NEW_HELP: &str = "示例：
  zongjie new 城关县/城关镇 2025-H1       城关镇的2025年上半年，依据它的上一期（如 2024-H1）
  zongjie new 城关镇/东村 2025-H1         东村是新单位：建文件夹 data/城关县/城关镇/东村/
  zongjie new 城关县 2025                 年度总结，依据上一个年度文件

生成的文件：指标项和各节标题与上一期相同，数字、日期、正文留空，author 沿用；
留空的数字表示“未报送”，可以通过 check。已有的文件不会被覆盖。
本单位没有期间文件时，依据同级单位的；都没有时列出常用指标。";

/// Runs the command line and returns the process exit code: 0 ok, 1 data errors,
/// 2 usage or I/O errors.
pub fn run() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() { 2 } else { 0 };
        }
    };
    let verbosity = match (cli.quiet, cli.verbose) {
        (true, _) => Verbosity::Quiet,
        (_, true) => Verbosity::Verbose,
        _ => Verbosity::Normal,
    };
    match cli.command {
        Command::Build { out, base_url } => {
            cmd::build::run(&cli.project, out.as_deref(), base_url.as_deref(), verbosity)
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
    }
}
