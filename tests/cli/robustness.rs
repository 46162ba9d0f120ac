//! Hostile and broken input: a clear error (exit 2) within a second, never a
//! panic; catalog text can never drive the terminal.

use crate::helpers::{archsel, finish, run, shipped};
use std::time::{Duration, Instant};

fn catalog_with(files: &[(&str, Vec<u8>)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, bytes) in files {
        std::fs::write(dir.path().join(name), bytes).unwrap();
    }
    dir
}

fn list_with(dir: &tempfile::TempDir) -> crate::helpers::Run {
    let start = Instant::now();
    let r = run(&["--catalog", dir.path().to_str().unwrap(), "list"]);
    assert!(
        start.elapsed() < Duration::from_secs(2),
        "took {:?}",
        start.elapsed()
    );
    r
}

#[test]
fn hostile_yaml_gets_a_clear_error() {
    let bomb = "a: &a [\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"]\n".to_owned()
        + &(b'b'..=b'j')
            .map(|c| {
                let prev = (c - 1) as char;
                format!(
                    "{}: &{} [{}]\n",
                    c as char,
                    c as char,
                    vec![format!("*{prev}"); 9].join(",")
                )
            })
            .collect::<String>();
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "bomb.yaml",
            format!("apiVersion: archsel/v1\nkind: Pattern\nsummary: {bomb}").into_bytes(),
            "error",
        ),
        (
            "deep.yaml",
            format!("kind: Pattern\nsummary: {}", "[".repeat(100_000)).into_bytes(),
            "error",
        ),
        ("binary.yaml", vec![0u8, 1, 2, 3, 255, 254], "binary file"),
        (
            "latin1.yaml",
            b"kind: Pattern\nname: caf\xe9\n".to_vec(),
            "not valid UTF-8",
        ),
        ("empty.yaml", Vec::new(), "no `kind`"),
        (
            "dupkey.yaml",
            b"apiVersion: archsel/v1\nkind: Pattern\nid: a\nid: b\n".to_vec(),
            "duplicate",
        ),
        ("huge.yaml", vec![b'#'; 2 * 1024 * 1024], "limit"),
        ("list.yaml", b"- just\n- a list\n".to_vec(), "apiVersion"),
    ];
    for (name, bytes, expected) in cases {
        let dir = catalog_with(&[(name, bytes)]);
        let r = list_with(&dir);
        assert_eq!(r.code, 2, "{name}: {}", r.stderr);
        assert!(
            r.stderr.to_lowercase().contains(&expected.to_lowercase()),
            "{name}: {}",
            r.stderr
        );
    }
}

#[test]
fn bom_and_crlf_are_accepted() {
    let text = shipped("monolith")
        .replace("name: Monolith", "name: Crlf Monolith")
        .replace('\n', "\r\n");
    let mut bytes = "\u{feff}".as_bytes().to_vec();
    bytes.extend(text.as_bytes());
    let dir = catalog_with(&[("monolith.yaml", bytes)]);
    let r = run(&[
        "--catalog",
        dir.path().to_str().unwrap(),
        "show",
        "mono",
        "--section",
        "summary",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
}

#[test]
fn unknown_field_points_at_its_line() {
    let text = shipped("monolith").replace("summary:", "sumary:");
    let dir = catalog_with(&[("monolith.yaml", text.into_bytes())]);
    let r = list_with(&dir);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("unknown field `sumary`"), "{}", r.stderr);
    assert!(r.stderr.contains("monolith.yaml:"), "{}", r.stderr);
}

#[test]
fn symlink_loops_and_missing_dirs() {
    let dir = tempfile::tempdir().unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(dir.path(), dir.path().join("loop")).unwrap();
    let r = run(&["--catalog", dir.path().to_str().unwrap(), "list"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let r = run(&["--catalog", "/no/such/dir", "list"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("no such file or directory"),
        "{}",
        r.stderr
    );
}

#[test]
fn escape_sequences_in_catalog_text_are_neutralised() {
    let evil = "Evil \u{1b}[31mred\u{1b}[0m \u{1b}]8;;https://x.example\u{7}link\u{1b}]8;;\u{7} \u{1b}]52;c;aGk=\u{7} \u{202e}gnp.exe";
    // YAML double-quoted escapes: \xNN and \uNNNN.
    let yaml: String = evil
        .chars()
        .map(|c| {
            if c.is_control() || c == '\u{202e}' {
                format!("\\u{:04x}", c as u32)
            } else {
                c.to_string()
            }
        })
        .collect();
    let text = shipped("monolith").replace("name: Monolith", &format!("name: \"{yaml}\""));
    let dir = catalog_with(&[("monolith.yaml", text.into_bytes())]);
    for args in [
        &["show", "mono"][..],
        &["list"],
        &["show", "mono", "--format", "markdown"],
    ] {
        let out = finish(
            archsel()
                .arg("--catalog")
                .arg(dir.path())
                .args(args)
                .output()
                .unwrap(),
        );
        assert_eq!(out.code, 0, "{}", out.stderr);
        assert!(
            !out.stdout.contains('\x1b'),
            "{args:?} let an escape through"
        );
        assert!(
            !out.stdout.contains('\u{202e}'),
            "{args:?} let a bidi override through"
        );
        assert!(!out.stdout.contains('\u{7}'));
    }
    let json = finish(
        archsel()
            .arg("--catalog")
            .arg(dir.path())
            .args(["show", "mono", "--format", "json"])
            .output()
            .unwrap(),
    );
    assert!(
        !json.stdout.contains('\x1b'),
        "JSON escapes control characters"
    );
}

#[test]
fn narrow_and_dumb_terminals() {
    for width in ["10", "20", "300"] {
        let out = finish(
            archsel()
                .args(["show", "sidecar"])
                .env("COLUMNS", width)
                .env("TERM", "dumb")
                .output()
                .unwrap(),
        );
        assert_eq!(out.code, 0, "COLUMNS={width}: {}", out.stderr);
    }
}

#[test]
fn closed_pipe_is_quiet_for_every_command_and_format() {
    use std::io::Read;
    let commands: &[&[&str]] = &[
        &["list"],
        &["list", "--format", "json"],
        &["list", "--tree"],
        &["show", "sidecar", "--format", "markdown"],
        &["compare", "--all"],
        &["compare", "--all", "--format", "markdown"],
        &["compare", "--all", "--format", "csv"],
        &["compare", "--all", "--format", "json"],
        &["recommend", "--no-input"],
        &["recommend", "--no-input", "--format", "json"],
        &["recommend", "--questions"],
        &["graph"],
        &["graph", "--format", "mermaid"],
        &["path", "mono", "mesh"],
        &["lint", "--format", "json"],
        &["lint", "--format", "sarif"],
        &["lint", "--rules"],
        &["schema", "pattern"],
        &["completions", "bash"],
    ];
    for args in commands {
        let mut child = archsel()
            .args(*args)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take());
        let mut stderr = String::new();
        child
            .stderr
            .take()
            .unwrap()
            .read_to_string(&mut stderr)
            .unwrap();
        let status = child.wait().unwrap();
        assert_eq!(status.code(), Some(0), "{args:?}: {stderr}");
        assert!(stderr.is_empty(), "{args:?} printed: {stderr}");
    }
}

/// Runs archsel and fails the test instead of hanging when it does not end.
/// Its output is drained while it runs (a full pipe would stall it).
fn run_with_deadline(mut cmd: std::process::Command, deadline: Duration) -> crate::helpers::Run {
    use std::io::Read;
    use std::process::Stdio;
    let mut child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let drain = |mut pipe: Box<dyn Read + Send>| {
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            pipe.read_to_end(&mut bytes)
                .map(|_| bytes)
                .unwrap_or_default()
        })
    };
    let stdout = drain(Box::new(child.stdout.take().unwrap()));
    let stderr = drain(Box::new(child.stderr.take().unwrap()));
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if start.elapsed() > deadline {
            child.kill().ok();
            panic!("archsel still running after {deadline:?}");
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    finish(std::process::Output {
        status,
        stdout: stdout.join().unwrap(),
        stderr: stderr.join().unwrap(),
    })
}

#[cfg(unix)]
#[test]
fn pipes_and_devices_are_refused_not_waited_on() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pattern.yaml");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    let fifo_arg = fifo.to_str().unwrap();
    let dir_arg = dir.path().to_str().unwrap();
    let runs: &[&[&str]] = &[
        &["lint", dir_arg],
        &["lint", fifo_arg],
        &["--catalog", dir_arg, "list"],
        &["recommend", "--no-input", "--answers", fifo_arg],
        &["lint", "/dev/zero"],
    ];
    for args in runs {
        let mut cmd = archsel();
        cmd.args(*args);
        let r = run_with_deadline(cmd, Duration::from_secs(5));
        // lint reports an unreadable file as a finding (exit 1); the other
        // commands cannot go on without it (exit 2).
        let expected = if args[0] == "lint" { 1 } else { 2 };
        assert_eq!(r.code, expected, "{args:?}: {}", r.stderr);
        let said = r.stdout + &r.stderr;
        assert!(said.contains("not a regular file"), "{args:?}: {said}");
    }
}

// Linux only: elsewhere `/proc` does not exist (on Windows the path is
// relative to the drive's root and could be created).
#[cfg(target_os = "linux")]
#[test]
fn adr_into_a_place_that_cannot_be_written_is_a_clear_error() {
    // /proc refuses new files even to root, which the tests may run as
    // (a read-only directory would not stop root).
    for (target, says) in [
        ("/proc/archsel-adr.md", "cannot create a file in /proc"),
        ("/proc/1/no-such-dir/adr.md", "no-such-dir"),
    ] {
        let r = run(&["recommend", "--no-input", "--adr", target]);
        assert_eq!(r.code, 2, "{target}: {}", r.stderr);
        assert!(r.stderr.contains(says), "{target}: {}", r.stderr);
    }
}

#[test]
fn escape_sequences_are_neutralised_in_compare_and_recommend() {
    let evil = "\\e[31mEvil\\e[0m \\e]8;;https://x.example\\a link \\e]52;c;aGk=\\a \\u202e";
    let text = shipped("monolith")
        .replace("name: Monolith", &format!("name: \"{evil}\""))
        .replacen("  - ", &format!("  - \"{evil}\"\n  - "), 1);
    let dir = catalog_with(&[("monolith.yaml", text.into_bytes())]);
    let adr_dir = tempfile::tempdir().unwrap();
    let adr = adr_dir.path().join("adr.md");
    let runs: Vec<Vec<&str>> = vec![
        vec!["compare", "mono", "k8s"],
        vec!["compare", "mono", "k8s", "--format", "markdown"],
        vec!["compare", "mono", "k8s", "--format", "csv"],
        vec!["compare", "mono", "k8s", "--format", "json"],
        vec!["recommend", "--no-input", "--answer", "team-size=1-2"],
        vec![
            "recommend",
            "--no-input",
            "--answer",
            "team-size=1-2",
            "--format",
            "json",
        ],
        vec![
            "recommend",
            "--no-input",
            "--answer",
            "team-size=1-2",
            "--adr",
            adr.to_str().unwrap(),
        ],
        vec!["graph", "--format", "mermaid"],
        vec!["path", "mono", "micro"],
    ];
    for args in runs {
        let out = finish(
            archsel()
                .arg("--catalog")
                .arg(dir.path())
                .args(&args)
                .output()
                .unwrap(),
        );
        assert_eq!(out.code, 0, "{args:?}: {}", out.stderr);
        for shown in [&out.stdout, &out.stderr] {
            assert!(!shown.contains('\x1b'), "{args:?} let an escape through");
            assert!(!shown.contains('\u{7}'), "{args:?} let a BEL through");
            assert!(
                !shown.contains('\u{202e}'),
                "{args:?} let a bidi override through"
            );
        }
    }
    let written = std::fs::read_to_string(&adr).unwrap();
    assert!(written.contains("Evil"), "the ADR names the pattern");
    assert!(!written.contains('\x1b') && !written.contains('\u{202e}'));
}

/// Every file of a large tree is reported (none dropped or cut off), well
/// within a deadline; `benches/` measures lint at 10,000 files. (A thousand
/// is enough to be read by several threads in many chunks.)
#[test]
fn thousands_of_files_are_all_reported_quickly() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..1_000 {
        let name = format!("p{i:05}.{}", if i % 2 == 0 { "yaml" } else { "txt" });
        std::fs::write(
            dir.path().join(name),
            "apiVersion: archsel/v1\nkind: Nope\n",
        )
        .unwrap();
    }
    let mut cmd = archsel();
    cmd.args(["lint", "--format", "concise"]).arg(dir.path());
    let r = run_with_deadline(cmd, Duration::from_secs(60));
    assert_eq!(r.code, 1, "{}", r.stderr);
    let findings = r
        .stdout
        .lines()
        .filter(|l| l.contains("unknown-kind"))
        .count();
    assert_eq!(
        findings, 500,
        "one finding per YAML file, none for the others"
    );
}
