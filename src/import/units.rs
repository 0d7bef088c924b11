//! Which unit a row means. Our forms carry the folder path; other sheets carry a name as
//! the clerk wrote it — 东村, 东村村委会, 东 — matched exactly, else loosely with a warning
//! that says which unit was taken, else refused with the nearest name: never a silent guess.

use std::path::Path;

use crate::diag::{suggest, Diagnostics};
use crate::model::{Project, UnitId};

pub enum Found {
    One(UnitId),
    /// Matched only once 镇/村/社区… were set aside: taken, with a warning.
    Loose(UnitId),
    Many(Vec<UnitId>),
    None {
        suggestion: Option<String>,
    },
}

/// The unit whose folder path below `data/` is `path` (`城关县/城关镇/东村`).
pub fn by_path(project: &Project, path: &str) -> Found {
    match project.units.iter().find(|u| u.path.join("/") == path) {
        Some(u) => Found::One(u.id),
        None => Found::None { suggestion: None },
    }
}

/// Suffixes that a name may carry or drop: 东村 = 东村村委会 = 东.
const SUFFIXES: &[&str] = &[
    "村民委员会",
    "居民委员会",
    "村委会",
    "居委会",
    "有限责任公司",
    "有限公司",
    "人民政府",
    "街道办事处",
    "街道",
    "社区",
    "公司",
    "乡",
    "镇",
    "村",
];

fn core(name: &str) -> String {
    let mut s: String = name.chars().filter(|c| !c.is_whitespace()).collect();
    while let Some(suffix) = SUFFIXES
        .iter()
        .find(|x| s.ends_with(*x) && s.len() > x.len())
    {
        s.truncate(s.len() - suffix.len());
    }
    s
}

/// The unit named `typed` (its name, short name or folder), below `within` if given.
pub fn by_name(project: &Project, typed: &str, within: Option<UnitId>) -> Found {
    let typed: String = typed.chars().filter(|c| !c.is_whitespace()).collect();
    let pool: Vec<UnitId> = project
        .units
        .iter()
        .filter(|u| within.is_none_or(|w| u.id == w || project.ancestors(u.id).contains(&w)))
        .map(|u| u.id)
        .collect();
    let names = |id: UnitId| {
        let u = &project.units[id];
        let folder = u.path.last().cloned().unwrap_or_default();
        [Some(u.name.clone()), u.short_name.clone(), Some(folder)]
            .into_iter()
            .flatten()
            .collect::<Vec<String>>()
    };
    let exact: Vec<UnitId> = pool
        .iter()
        .copied()
        .filter(|&id| names(id).contains(&typed))
        .collect();
    let loose: Vec<UnitId> = pool
        .iter()
        .copied()
        .filter(|&id| names(id).iter().any(|n| core(n) == core(&typed)))
        .collect();
    match (exact.as_slice(), loose.as_slice()) {
        ([one], _) => Found::One(*one),
        ([], [one]) => Found::Loose(*one),
        ([], []) => {
            let all: Vec<String> = pool
                .iter()
                .map(|&id| project.units[id].name.clone())
                .collect();
            Found::None {
                suggestion: suggest(&typed, all.iter().map(String::as_str)).map(str::to_string),
            }
        }
        ([], many) | (many, _) => Found::Many(many.to_vec()),
    }
}

/// The unit a lookup gives, or a message at the cell `at` saying why there is none.
pub fn resolve(
    found: Found,
    project: &Project,
    at: &str,
    typed: &str,
    diags: &mut Diagnostics,
) -> Option<UnitId> {
    let place = Path::new(at);
    match found {
        Found::One(id) => Some(id),
        Found::Loose(id) => {
            let path = project.units[id].path.join("/");
            diags
                .warning(place, None, format!("单位“{typed}”按 {path} 读入"))
                .help("名称与 data/ 中的不完全相同（多了或少了“镇”“村”等字）；如果不是这个单位，请改正表中的名称。");
            Some(id)
        }
        Found::Many(ids) => {
            let list: Vec<String> = ids
                .iter()
                .map(|&i| project.units[i].path.join("/"))
                .collect();
            diags
                .error(
                    place,
                    None,
                    format!("有不止一个单位叫“{typed}”：{}", list.join("、")),
                )
                .help("用 --unit 指定上级单位（如 --unit 城关镇），或在表中写单位全称。");
            None
        }
        Found::None { suggestion } => {
            let help = match suggestion {
                Some(s) => format!("是不是“{s}”？改正表中的名称后重新读入；是新单位的话先用 zongjie new 建好它。"),
                None => "表中的单位名称要与 data/ 下的单位文件夹（或 unit.yaml 的 name、short_name）一致；新单位先用 zongjie new 建好。".to_string(),
            };
            diags
                .error(place, None, format!("找不到单位“{typed}”"))
                .help(help);
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_differ_by_the_words_clerks_add_or_drop() {
        assert_eq!(core("东村"), "东");
        assert_eq!(core("东村村委会"), "东");
        assert_eq!(core(" 东 村 "), "东");
        assert_eq!(core("城关镇"), "城关");
        assert_eq!(core("鑫源化工有限公司"), "鑫源化工");
        // A name that is only a suffix stays itself.
        assert_eq!(core("村"), "村");
    }
}
