//! The writer's loop through the real binary: `init` a project and build it, `new` period
//! files from earlier ones (and for new units) that pass `check`, and `serve` answering,
//! rebuilding after a change, showing a broken file's error and recovering from it.
//! Each test works on its own copy of `tests/fixtures/workflow-project`.

mod common;

use std::fs;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command as StdCommand, Stdio};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

use assert_cmd::Command;
use zongjie::yaml::{self, Node};

const TOWN: &str = "data/城关县/城关镇";

fn zongjie(project: &Path) -> Command {
    let mut cmd = Command::cargo_bin("zongjie").unwrap();
    cmd.arg("-C").arg(project);
    cmd
}

/// Runs a command; returns its exit code and stderr.
fn run(cmd: &mut Command) -> (i32, String) {
    let out = cmd.output().unwrap();
    (
        out.status.code().expect("exited normally"),
        String::from_utf8(out.stderr).unwrap().replace('\\', "/"),
    )
}

fn project_copy() -> (tempfile::TempDir, PathBuf) {
    common::fixture_copy("workflow-project")
}

fn assert_check_passes(project: &Path) {
    let (code, stderr) = run(zongjie(project).arg("check"));
    assert_eq!(code, 0, "check failed:\n{stderr}");
    assert!(!stderr.contains("错误:"), "{stderr}");
}

// --- init -----------------------------------------------------------------------------

#[test]
fn init_makes_a_project_that_checks_and_builds_at_once() {
    let tmp = tempfile::tempdir().unwrap();
    let (code, stderr) = run(zongjie(tmp.path()).args(["init", "安全生产总结"]));
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("zongjie serve"), "{stderr}");
    let project = tmp.path().join("安全生产总结");
    for file in [
        "zongjie.yaml",
        "README.md",
        ".gitignore",
        "data/示例镇/2025-H1.yaml",
    ] {
        assert!(project.join(file).is_file(), "{file} missing");
    }
    let readme = fs::read_to_string(project.join("README.md")).unwrap();
    for words in [
        "办公室使用说明",
        "data/",
        "unit.yaml",
        "{{ hazards.found }}",
        "zongjie check",
        "zongjie build",
        "zongjie serve",
        "zongjie new",
    ] {
        assert!(readme.contains(words), "README lacks {words}");
    }
    let (code, stderr) = run(zongjie(&project).arg("check"));
    assert_eq!(code, 0, "{stderr}");
    assert!(
        !stderr.contains("警告:"),
        "the example should be spotless:\n{stderr}"
    );
    let (code, stderr) = run(zongjie(&project).arg("build"));
    assert_eq!(code, 0, "{stderr}");
    let index = fs::read_to_string(project.join("site/index.html")).unwrap();
    assert!(index.contains("示例镇"));
    assert!(
        !index.contains("__zongjie"),
        "the reload script is for serve only"
    );
}

#[test]
fn init_refuses_a_folder_that_is_not_empty() {
    let tmp = tempfile::tempdir().unwrap();
    fs::write(tmp.path().join("总结.docx"), "precious").unwrap();
    let (code, stderr) = run(zongjie(tmp.path()).arg("init"));
    assert_eq!(code, 2);
    assert!(
        stderr.contains("不是空文件夹") && stderr.contains("提示:"),
        "{stderr}"
    );
    let names: Vec<_> = fs::read_dir(tmp.path()).unwrap().collect();
    assert_eq!(names.len(), 1, "nothing may be written");
    assert_eq!(
        fs::read_to_string(tmp.path().join("总结.docx")).unwrap(),
        "precious"
    );
}

// --- new ------------------------------------------------------------------------------

fn parse(path: &Path) -> Node {
    let text = fs::read_to_string(path).unwrap();
    yaml::parse(&text).unwrap().root
}

fn get<'a>(node: &'a Node, key: &str) -> Option<&'a Node> {
    node.as_map()?
        .iter()
        .find(|e| e.key == key)
        .map(|e| &e.value)
}

/// `group.key` for every indicator in the file, and whether all of them are blank.
fn indicator_keys(file: &Node) -> (Vec<String>, bool) {
    let mut keys = Vec::new();
    let mut all_blank = true;
    for group in get(file, "indicators")
        .and_then(Node::as_map)
        .unwrap_or(&[])
    {
        for k in group.value.as_map().unwrap() {
            keys.push(format!("{}.{}", group.key, k.key));
            all_blank &= k.value.is_null();
        }
    }
    keys.sort();
    (keys, all_blank)
}

/// Section titles of `work`, `problems` and `plans`, and whether every body is empty.
fn titles(file: &Node) -> (Vec<String>, bool) {
    let mut out = Vec::new();
    let mut bodies_empty = true;
    for key in ["work", "problems", "plans"] {
        for item in get(file, key).and_then(Node::as_seq).unwrap_or(&[]) {
            out.push(get(item, "title").unwrap().as_text().unwrap().to_string());
            let body = get(item, "body")
                .and_then(Node::as_text)
                .unwrap_or_default();
            bodies_empty &= body.trim().is_empty();
        }
    }
    (out, bodies_empty)
}

#[test]
fn new_copies_the_same_half_a_year_earlier_with_everything_blank() {
    let (_tmp, project) = project_copy();
    let (code, stderr) = run(zongjie(&project).args(["new", "城关县/城关镇", "2025-H2"]));
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains("2024-H2.yaml"),
        "says what it copied:\n{stderr}"
    );

    let text = fs::read_to_string(project.join(TOWN).join("2025-H2.yaml")).unwrap();
    assert!(
        text.starts_with("# 城关镇2025年下半年安全生产工作总结"),
        "{text}"
    );
    assert!(
        text.contains("请填写") && text.contains("留空"),
        "the header says what to fill in"
    );
    assert!(
        text.contains("# 排查隐患（处）"),
        "indicators are named in Chinese"
    );

    let new = parse(&project.join(TOWN).join("2025-H2.yaml"));
    let previous = parse(&project.join(TOWN).join("2024-H2.yaml"));
    let (keys, blank) = indicator_keys(&new);
    assert_eq!(keys, indicator_keys(&previous).0);
    assert!(blank, "every value is blank");
    let (new_titles, bodies_empty) = titles(&new);
    assert_eq!(new_titles, titles(&previous).0);
    assert!(new_titles.contains(&"强化应急准备: 演练常态化".to_string()));
    assert!(bodies_empty);
    assert_eq!(
        get(&new, "author").unwrap().as_text(),
        Some("城关镇安全生产委员会办公室")
    );
    assert!(get(&new, "date").unwrap().is_null());

    assert_check_passes(&project);
}

#[test]
fn new_first_half_copies_last_years_first_half_not_the_half_before() {
    let (_tmp, project) = project_copy();
    let (code, stderr) = run(zongjie(&project).args(["new", "城关镇", "2025-H1"]));
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("2024-H1.yaml"), "{stderr}");
    let new = parse(&project.join(TOWN).join("2025-H1.yaml"));
    let h1 = parse(&project.join(TOWN).join("2024-H1.yaml"));
    // 抓好汛期安全 (2024-H1's plan), not 2024-H2's 推进治本攻坚.
    assert_eq!(titles(&new).0, titles(&h1).0);
    assert!(titles(&new).0.contains(&"抓好汛期安全".to_string()));
    let text = fs::read_to_string(project.join(TOWN).join("2025-H1.yaml")).unwrap();
    assert!(text.contains("# 三、下半年工作安排"), "{text}");
    assert_check_passes(&project);
}

#[test]
fn new_annual_copies_the_previous_annual() {
    let (_tmp, project) = project_copy();
    let (code, stderr) = run(zongjie(&project).args(["new", "城关镇", "2025"]));
    assert_eq!(code, 0, "{stderr}");
    let new = parse(&project.join(TOWN).join("2025.yaml"));
    assert_eq!(
        indicator_keys(&new).0,
        ["training.covered", "training.headcount"]
    );
    assert_eq!(titles(&new).0, ["全年工作回顾"]);
    assert_eq!(
        get(&new, "author").unwrap().as_text(),
        Some("城关镇人民政府")
    );
    assert_check_passes(&project);
}

#[test]
fn new_for_a_new_unit_creates_its_folder_from_a_sibling() {
    let (_tmp, project) = project_copy();
    let (code, stderr) = run(zongjie(&project).args(["new", "城关镇/西村", "2024-H2"]));
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("已新建单位文件夹"), "{stderr}");
    let file = project.join(TOWN).join("西村/2024-H2.yaml");
    let new = parse(&file);
    let sibling = parse(&project.join(TOWN).join("东村/2024-H1.yaml"));
    assert_eq!(indicator_keys(&new), (indicator_keys(&sibling).0, true));
    // The neighbour's section titles are its own story: neutral examples instead.
    assert!(titles(&new).0.is_empty());
    let text = fs::read_to_string(&file).unwrap();
    for title in titles(&sibling).0 {
        assert!(!text.contains(&title), "{title} copied:\n{text}");
    }
    assert!(text.contains("# - title:"), "{text}");
    // The sibling's 落款 is another organisation's: not carried over.
    assert!(get(&new, "author").unwrap().is_null());
    assert_check_passes(&project);
}

#[test]
fn new_for_a_unit_with_no_file_anywhere_lists_the_standard_indicators() {
    let (_tmp, project) = project_copy();
    let (code, stderr) = run(zongjie(&project).args(["new", "城关镇/东村/一组", "2025-H1"]));
    assert_eq!(code, 0, "{stderr}");
    let new = parse(&project.join(TOWN).join("东村/一组/2025-H1.yaml"));
    let (keys, blank) = indicator_keys(&new);
    assert!(
        blank && keys.contains(&"hazards.found".to_string()),
        "{keys:?}"
    );
    assert!(titles(&new).0.is_empty());
    assert_check_passes(&project);
}

#[test]
fn new_never_overwrites_a_file() {
    let (_tmp, project) = project_copy();
    let path = project.join(TOWN).join("2024-H1.yaml");
    let before = fs::read(&path).unwrap();
    let (code, stderr) = run(zongjie(&project).args(["new", "城关县/城关镇", "2024-H1"]));
    assert_eq!(code, 2);
    assert!(
        stderr.contains("已经存在") && stderr.contains("提示:"),
        "{stderr}"
    );
    assert_eq!(fs::read(&path).unwrap(), before);
}

#[test]
fn new_explains_a_wrong_period_or_parent() {
    let (_tmp, project) = project_copy();
    let (code, stderr) = run(zongjie(&project).args(["new", "城关镇", "2025上半年"]));
    assert_eq!(code, 2);
    assert!(stderr.contains("2024-H1（上半年）"), "{stderr}");
    let (code, stderr) = run(zongjie(&project).args(["new", "城官镇/西村", "2025-H1"]));
    assert_eq!(code, 2);
    assert!(
        stderr.contains("`城关县/城关镇`"),
        "suggests the nearest unit:\n{stderr}"
    );
    assert!(!project.join("data/城官镇").exists());
}

// --- serve ----------------------------------------------------------------------------

/// A running `zongjie serve`, killed when dropped so no process outlives the test.
struct Server {
    child: Child,
    port: u16,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    /// Starts on a port the system chooses and waits for the address it prints.
    fn start(project: &Path) -> Server {
        let mut child = StdCommand::new(assert_cmd::cargo::cargo_bin("zongjie"))
            .arg("-C")
            .arg(project)
            .args(["serve", "--port", "0"])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let stderr = child.stderr.take().unwrap();
        let (tx, rx) = mpsc::channel();
        thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                let _ = tx.send(line);
            }
        });
        let mut server = Server { child, port: 0 };
        let deadline = Instant::now() + Duration::from_secs(30);
        while server.port == 0 {
            let line = rx
                .recv_timeout(deadline.saturating_duration_since(Instant::now()))
                .expect("serve printed its address");
            if let Some(rest) = line.split("http://127.0.0.1:").nth(1) {
                server.port = rest.split('/').next().unwrap().parse().unwrap();
                assert!(line.starts_with("正在预览："), "{line}");
            }
        }
        server
    }

    /// GETs `path`; returns the status and the body.
    fn get(&self, path: &str) -> (u16, String) {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(10)))
            .unwrap();
        write!(
            stream,
            "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
        )
        .unwrap();
        let mut response = String::new();
        stream.read_to_string(&mut response).unwrap();
        let (head, body) = response.split_once("\r\n\r\n").unwrap();
        let status = head.split(' ').nth(1).unwrap().parse().unwrap();
        (status, body.to_string())
    }

    /// Polls `path` until its body satisfies `ok`, for up to thirty seconds (a rebuild on a
    /// loaded CI machine can take several).
    fn wait_for(&self, path: &str, what: &str, ok: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            let (_, body) = self.get(path);
            if ok(&body) {
                return body;
            }
            assert!(
                Instant::now() < deadline,
                "gave up waiting for {what}; last page:\n{body}"
            );
            thread::sleep(Duration::from_millis(100));
        }
    }
}

#[test]
fn serve_answers_rebuilds_shows_errors_and_recovers() {
    let (_tmp, project) = project_copy();
    let server = Server::start(&project);
    let report = "/xian/zhen/2024-H1/index.html";

    let (status, index) = server.get("/");
    assert_eq!(status, 200);
    assert!(
        index.contains("<html") && index.contains("/__zongjie/version"),
        "{index}"
    );
    let (status, page) = server.get(report);
    assert_eq!(status, 200);
    assert!(page.contains("发现隐患31处"), "{page}");
    let (_, version) = server.get("/__zongjie/version");

    let file = project.join(TOWN).join("2024-H1.yaml");
    let original = fs::read_to_string(&file).unwrap();
    fs::write(
        &file,
        original.replace("found: 31, rectified: 31", "found: 37, rectified: 31"),
    )
    .unwrap();
    server.wait_for(report, "the changed figure", |b| b.contains("发现隐患37处"));
    assert_ne!(
        server.get("/__zongjie/version").1,
        version,
        "open pages are told to reload"
    );

    fs::write(&file, original.replace("found: 31", "found: 三十一")).unwrap();
    let error = server.wait_for(report, "the error page", |b| b.contains("数据有"));
    assert!(
        error.contains("data/城关县/城关镇/2024-H1.yaml:7:"),
        "names file and line:\n{error}"
    );
    assert!(
        error.contains("提示") && error.contains("/__zongjie/version"),
        "{error}"
    );
    assert!(
        server.get("/").1.contains("数据有"),
        "every page shows the error"
    );

    fs::write(&file, &original).unwrap();
    let fixed = server.wait_for(report, "recovery", |b| !b.contains("数据有"));
    assert!(fixed.contains("发现隐患31处"), "{fixed}");
}

#[test]
fn serve_refuses_a_folder_that_is_not_a_project() {
    let tmp = tempfile::tempdir().unwrap();
    let (code, stderr) = run(zongjie(tmp.path()).arg("serve"));
    assert_eq!(code, 2);
    assert!(stderr.contains("zongjie init"), "{stderr}");
}

#[test]
fn every_command_has_help_with_an_example() {
    for command in [
        &["--help"][..],
        &["init", "--help"],
        &["new", "--help"],
        &["serve", "--help"],
        &["check", "--help"],
        &["build", "--help"],
    ] {
        let out = Command::cargo_bin("zongjie")
            .unwrap()
            .args(command)
            .output()
            .unwrap();
        assert!(out.status.success());
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(text.contains("示例：\n  zongjie"), "{command:?}:\n{text}");
    }
}

#[test]
fn new_keeps_asking_for_the_situation_section() {
    let (_tmp, project) = project_copy();
    let annual = project.join(TOWN).join("2024.yaml");
    let text = std::fs::read_to_string(&annual).unwrap();
    std::fs::write(&annual, format!("situation: true\n{text}")).unwrap();
    let (code, stderr) = run(zongjie(&project).args(["new", "城关镇", "2025"]));
    assert_eq!(code, 0, "{stderr}");
    let new = parse(&project.join(TOWN).join("2025.yaml"));
    assert_eq!(get(&new, "situation").unwrap().as_text(), Some("true"));
    assert_check_passes(&project);
}
