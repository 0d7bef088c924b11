//! Command-line interface: parses arguments and hands each command to `cmd`.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

use crate::cmd;

/// zongjie（总结）：把安全生产指标数据（YAML）做成带图表的工作总结网站。
#[derive(Debug, Parser)]
#[command(name = "zongjie", version, about, long_about = None, after_help = EXAMPLES)]
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
  zongjie check                      检查 data/ 中的全部数据
  zongjie build                      生成网站到 site/
  zongjie -C ~/城关县 build --out /srv/www/anquan";

#[derive(Debug, Subcommand)]
pub enum Command {
    /// 检查数据、计算全部指标，生成网站到 site/（出错时原网站保持不变）
    #[command(
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
    #[command(after_help = "示例：\n  zongjie check\n  zongjie -C 项目文件夹 check")]
    Check,
}

/// How much a command prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verbosity {
    Quiet,
    Normal,
    Verbose,
}

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
    }
}
