//! The command line in Chinese: clap's help layout (用法、命令、选项、参数) and its
//! usage errors, which clap only writes in English.

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::Command;

/// clap's help page with Chinese headings (用法、命令、参数、选项) instead of "Usage:",
/// "Commands:", "Arguments:" and "Options:", which clap writes itself with {all-args}.
const TOP_TEMPLATE: &str =
    "{about-with-newline}\n用法：{usage}\n\n命令：\n{subcommands}\n\n选项：\n{options}{after-help}";
const WITH_ARGS_TEMPLATE: &str =
    "{about-with-newline}\n用法：{usage}\n\n参数：\n{positionals}\n\n选项：\n{options}{after-help}";
const OPTIONS_TEMPLATE: &str =
    "{about-with-newline}\n用法：{usage}\n\n选项：\n{options}{after-help}";

/// `cmd` and its subcommands with Chinese headings and usage lines.
pub fn localise(cmd: Command) -> Command {
    let usage = usage_line(&cmd, "zongjie");
    cmd.help_template(TOP_TEMPLATE)
        .subcommand_value_name("命令")
        .disable_help_subcommand(true)
        .override_usage(usage)
        .mut_subcommands(|sub| {
            let usage = usage_line(&sub, &format!("zongjie {}", sub.get_name()));
            let template = if sub.get_positionals().next().is_some() {
                WITH_ARGS_TEMPLATE
            } else {
                OPTIONS_TEMPLATE
            };
            sub.help_template(template).override_usage(usage)
        })
}

/// `zongjie new [选项] <单位> <期间>`: what clap writes as `[OPTIONS] <UNIT>`.
fn usage_line(cmd: &Command, name: &str) -> String {
    let mut line = format!("{name} [选项]");
    for arg in cmd.get_positionals() {
        let value = arg
            .get_value_names()
            .and_then(|v| v.first())
            .map_or_else(|| arg.get_id().to_string(), |v| v.to_string());
        if arg.is_required_set() {
            line.push_str(&format!(" <{value}>"));
        } else {
            line.push_str(&format!(" [{value}]"));
        }
    }
    if cmd.has_subcommands() {
        line.push_str(" <命令>");
    }
    line
}

/// A usage error said in Chinese, with what to do and where the help is.
pub fn error_text(e: &clap::Error) -> String {
    let text = |kind| match e.get(kind) {
        Some(ContextValue::String(s)) => s.clone(),
        Some(ContextValue::Strings(v)) => v.join("、"),
        Some(ContextValue::StyledStr(s)) => s.to_string(),
        Some(ContextValue::StyledStrs(v)) => v
            .iter()
            .map(|s| s.to_string())
            .collect::<Vec<_>>()
            .join("、"),
        _ => String::new(),
    };
    let suggestion = |kind| {
        let s = text(kind);
        if s.is_empty() {
            String::new()
        } else {
            format!("是不是 `{s}`？")
        }
    };
    let what = match e.kind() {
        ErrorKind::InvalidSubcommand => format!(
            "没有 `{}` 这个命令。{}",
            text(ContextKind::InvalidSubcommand),
            suggestion(ContextKind::SuggestedSubcommand)
        ),
        ErrorKind::UnknownArgument => format!(
            "不认识的选项 `{}`。{}",
            text(ContextKind::InvalidArg),
            suggestion(ContextKind::SuggestedArg)
        ),
        ErrorKind::MissingRequiredArgument => {
            format!("缺少参数 {}。", text(ContextKind::InvalidArg))
        }
        ErrorKind::ArgumentConflict => format!(
            "{} 和 {} 不能同时使用。",
            text(ContextKind::InvalidArg),
            text(ContextKind::PriorArg)
        ),
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => format!(
            "{} 的值 `{}` 不对。",
            text(ContextKind::InvalidArg),
            text(ContextKind::InvalidValue)
        ),
        ErrorKind::TooManyValues | ErrorKind::WrongNumberOfValues => {
            format!("多余的参数 `{}`。", text(ContextKind::InvalidValue))
        }
        ErrorKind::MissingSubcommand | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            "请写出要做什么：init、new、serve、check 或 build。".to_string()
        }
        _ => format!("命令行有误：{}", e.kind()),
    };
    let usage = text(ContextKind::Usage);
    let usage = usage.trim().trim_start_matches("Usage:").trim();
    let mut out = format!("错误：{what}\n");
    if !usage.is_empty() {
        out.push_str(&format!("\n用法：{usage}\n"));
    }
    out.push_str("\n查看说明：zongjie --help，或 zongjie <命令> --help\n");
    out
}

#[cfg(test)]
mod tests {
    use crate::cli::parse;

    fn error(args: &[&str]) -> String {
        super::error_text(&parse(args.iter().copied()).expect_err("a usage error"))
    }

    fn help(args: &[&str]) -> String {
        parse(args.iter().copied())
            .expect_err("--help stops parsing")
            .render()
            .to_string()
    }

    #[test]
    fn help_pages_speak_chinese_throughout() {
        for args in [
            &["zongjie", "--help"][..],
            &["zongjie", "new", "--help"],
            &["zongjie", "serve", "-h"],
            &["zongjie", "build", "--help"],
        ] {
            let page = help(args);
            assert!(page.contains("用法：zongjie"), "{page}");
            assert!(page.contains("选项："), "{page}");
            for english in [
                "Usage",
                "Options",
                "Arguments",
                "Commands",
                "Print",
                "[default",
            ] {
                assert!(!page.contains(english), "{english} in {args:?}:\n{page}");
            }
        }
        assert!(help(&["zongjie", "new", "--help"]).contains("<单位> <期间>"));
        assert!(help(&["zongjie", "serve", "--help"]).contains("默认 8000"));
    }

    #[test]
    fn usage_errors_say_what_is_wrong_in_chinese_with_a_suggestion() {
        let e = error(&["zongjie", "bulid"]);
        assert!(
            e.contains("没有 `bulid` 这个命令") && e.contains("是不是 `build`"),
            "{e}"
        );
        let e = error(&["zongjie", "build", "--outt", "x"]);
        assert!(
            e.contains("不认识的选项 `--outt`") && e.contains("`--out`"),
            "{e}"
        );
        let e = error(&["zongjie", "new"]);
        assert!(e.contains("缺少参数 <单位>、<期间>"), "{e}");
        let e = error(&["zongjie", "-q", "-v", "check"]);
        assert!(e.contains("不能同时使用"), "{e}");
        for e in [e, error(&["zongjie", "serve", "--port", "abc"])] {
            assert!(!e.contains("error:") && !e.contains("Usage"), "{e}");
            assert!(e.contains("zongjie --help"), "{e}");
        }
    }
}
