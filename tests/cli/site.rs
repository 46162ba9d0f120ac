//! `archsel site`: the pages it writes, links that resolve, leaves that agree
//! with `recommend`, escaping of hostile catalogs, byte-identical output,
//! the OUT_DIR rules, and (when Chromium is installed) a real browser with
//! axe-core.

use crate::helpers::{archsel, finish, run, shipped};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The shipped catalog's site, built once for the tests that only read it
/// (under cargo's temporary folder for integration tests).
fn shipped_site() -> &'static Path {
    static SITE: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
    SITE.get_or_init(|| {
        let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join("site-shipped");
        let _ = std::fs::remove_dir_all(&out);
        let r = run(&["site", out.to_str().unwrap(), "--graph", "list"]);
        assert_eq!(r.code, 0, "{}", r.stderr);
        out
    })
}

/// A site of the shipped catalog with the two-leaf tree of
/// `tests/fixtures/site-small`: quick to build, for tests of other things
/// than the questionnaire (or the drawing of the graph: Graphviz is not run).
fn build_small(extra: &[&str]) -> (tempfile::TempDir, PathBuf) {
    let mut args = vec!["--catalog", "tests/fixtures/site-small", "--graph", "list"];
    args.extend_from_slice(extra);
    build(&args)
}

fn build(extra: &[&str]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("site");
    let mut args = vec!["site", out.to_str().unwrap()];
    args.extend_from_slice(extra);
    let r = run(&args);
    assert_eq!(r.code, 0, "{}", r.stderr);
    (dir, out)
}

/// Every file of a site: site path → bytes.
fn files(root: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![root.to_owned()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let rel = path
                    .strip_prefix(root)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                out.insert(rel, std::fs::read(&path).unwrap());
            }
        }
    }
    out
}

/// The values of `attr="..."` in a page, unescaped of `&amp;`.
fn attrs(html: &str, attr: &str) -> Vec<String> {
    let needle = format!(" {attr}=\"");
    html.match_indices(&needle)
        .map(|(i, _)| {
            let rest = &html[i + needle.len()..];
            rest[..rest.find('"').unwrap()].replace("&amp;", "&")
        })
        .collect()
}

fn meta(html: &str, name: &str) -> Option<String> {
    let needle = format!("<meta name=\"{name}\" content=\"");
    let i = html.find(&needle)? + needle.len();
    Some(html[i..i + html[i..].find('"')?].to_owned())
}

#[test]
fn writes_every_kind_of_page() {
    let out = shipped_site();
    let site = files(out);
    let catalog = crate::helpers::default_catalog();
    for p in &catalog.patterns {
        assert!(
            site.contains_key(&format!("patterns/{}.html", p.id)),
            "{}",
            p.id
        );
    }
    for page in [
        "index.html",
        "compare.html",
        "graph.html",
        "style.css",
        "questionnaire/index.html",
        ".archsel-site",
    ] {
        assert!(site.contains_key(page), "{page}");
    }
    assert!(site.keys().any(|k| k.starts_with("filters/infra--")));
    let index = String::from_utf8_lossy(&site["index.html"]);
    assert!(index.contains("lang=\"vi\""));
    let sidecar = String::from_utf8_lossy(&site["patterns/sidecar.html"]);
    for section in [
        "Diagram",
        "Ratings",
        "Pros and cons",
        "When not to use",
        "References",
        "Related patterns",
    ] {
        assert!(sidecar.contains(&format!(">{section}</h2>")), "{section}");
    }
    assert!(sidecar.contains("lower is better") && sidecar.contains("higher is better"));
    assert!(
        !site
            .values()
            .any(|b| String::from_utf8_lossy(b).contains("<script"))
    );
}

#[test]
fn every_internal_link_and_fragment_resolves() {
    let site = files(shipped_site());
    let mut checked = 0;
    // Each page's ids, read once: many pages link into the same few.
    let mut ids: std::collections::HashMap<String, std::collections::HashSet<String>> =
        std::collections::HashMap::new();
    for (path, bytes) in site.iter().filter(|(p, _)| p.ends_with(".html")) {
        let html = String::from_utf8_lossy(bytes);
        for href in attrs(&html, "href") {
            if href.starts_with("https://")
                || href.starts_with("http://")
                || href.starts_with("mailto:")
            {
                continue;
            }
            assert!(
                !href.starts_with('/') && !href.contains(':'),
                "{path}: {href} is not relative"
            );
            let (file, fragment) = href.split_once('#').unwrap_or((&href, ""));
            let target = if file.is_empty() {
                path.clone()
            } else {
                let mut parts: Vec<&str> = path.split('/').collect();
                parts.pop();
                for part in file.split('/') {
                    match part {
                        ".." => {
                            parts.pop();
                        }
                        p => parts.push(p),
                    }
                }
                parts.join("/")
            };
            let Some(target_bytes) = site.get(&target) else {
                panic!("{path}: link {href} → {target} does not exist");
            };
            if !fragment.is_empty() {
                let targets = ids.entry(target).or_insert_with(|| {
                    attrs(&String::from_utf8_lossy(target_bytes), "id")
                        .into_iter()
                        .collect()
                });
                assert!(targets.contains(fragment), "{path}: {href}: no #{fragment}");
            }
            checked += 1;
        }
    }
    assert!(checked > 1000, "{checked} links");
}

/// The questionnaire's paths, enumerated with the engine alone: the answers
/// of each path (`key=value;…`, in the order asked) → the pattern its walk
/// ends at.
fn questionnaire_paths(tree: &archsel::catalog::model::DecisionTree) -> BTreeMap<String, String> {
    use archsel::engine::walk::{Answers, next_question, walk};
    let mut paths = BTreeMap::new();
    let mut stack: Vec<(Answers, Vec<String>)> = vec![(Answers::new(), Vec::new())];
    while let Some((given, asked)) = stack.pop() {
        match next_question(tree, &given) {
            Some(q) => {
                for choice in q.choices.iter() {
                    let mut given = given.clone();
                    given.insert(q.key.to_string(), choice.value.to_string());
                    let mut asked = asked.clone();
                    asked.push(format!("{}={}", q.key, choice.value));
                    stack.push((given, asked));
                }
            }
            None => {
                let leaf = walk(tree, &given, None).unwrap().leaf;
                paths.insert(asked.join(";"), leaf);
            }
        }
    }
    paths
}

/// One leaf page per path of the questionnaire, each holding what
/// `recommend` answers for that path: every page's answers and pattern
/// against the engine's own enumeration, and one page in 100 against the
/// whole `recommend --format json` of the binary.
#[test]
fn every_leaf_agrees_with_recommend_json_for_its_answers() {
    let catalog = crate::helpers::default_catalog();
    let tree = catalog
        .trees
        .iter()
        .find(|t| t.id == "architecture")
        .unwrap();
    // Before reading the site (another test may be building it meanwhile).
    let expected = questionnaire_paths(tree);
    let site = files(shipped_site());
    let mut pages: BTreeMap<String, String> = BTreeMap::new();
    for (path, bytes) in &site {
        let html = String::from_utf8_lossy(bytes);
        let Some(id) = meta(&html, "archsel:recommendation") else {
            continue;
        };
        let answers = meta(&html, "archsel:answers").expect("answers meta");
        assert_eq!(expected.get(&answers), Some(&id), "{path}: {answers}");
        if pages.len().is_multiple_of(100) {
            let given: archsel::engine::walk::Answers = answers
                .split(';')
                .filter_map(|pair| pair.split_once('='))
                .map(|(k, v)| (k.to_owned(), v.to_owned()))
                .collect();
            let rec = archsel::commands::recommend::recommend_from(&catalog, &given).unwrap();
            let json = serde_json::to_value(&rec).unwrap();
            let mut args = vec!["recommend".to_owned(), "--format".into(), "json".into()];
            for pair in answers.split(';') {
                args.push("--answer".into());
                args.push(pair.to_owned());
            }
            let r = finish(archsel().args(&args).output().unwrap());
            assert_eq!(r.code, 0, "{}", r.stderr);
            let printed: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
            assert_eq!(printed, json, "{path}: the binary and the engine agree");
            assert_eq!(json["recommendation"]["id"], id, "{path}: {answers}");
        }
        assert!(
            pages.insert(answers, id).is_none(),
            "{path}: a second page for its answers"
        );
    }
    assert_eq!(pages, expected, "a leaf page for every path, and no other");
    let core = catalog.patterns.iter().filter(|p| p.core).map(|p| &p.id);
    for id in core {
        assert!(
            pages.values().any(|leaf| leaf == id),
            "{id} is a leaf of the site"
        );
    }
}

/// Two builds (of the small tree: the questionnaire's code is the same
/// for any tree, and a second build of the shipped one would double the
/// tests' longest step) are the same, byte for byte.
#[test]
fn the_same_input_gives_byte_identical_output() {
    let (_a, one) = build_small(&[]);
    let (_b, two) = build_small(&[]);
    assert!(files(&one) == files(&two), "two builds differ");
}

#[test]
fn base_url_makes_links_absolute_under_it() {
    let (_dir, out) = build_small(&["--base-url", "https://example.org/arch"]);
    let page = std::fs::read_to_string(out.join("patterns/sidecar.html")).unwrap();
    assert!(page.contains("href=\"https://example.org/arch/style.css\""));
    assert!(page.contains("href=\"https://example.org/arch/index.html\""));
    assert!(!page.contains("href=\"../"));
    let r = run(&[
        "site",
        out.join("x").to_str().unwrap(),
        "--base-url",
        "javascript:alert(1)",
    ]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("--base-url"), "{}", r.stderr);
}

#[test]
fn an_existing_folder_is_refused_without_force_and_replaced_with_it() {
    let (_dir, out) = build_small(&[]);
    let path = out.to_str().unwrap();
    let r = run(&["site", path]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("--force"), "{}", r.stderr);
    std::fs::write(out.join("stale.html"), "old").unwrap();
    let small = ["--catalog", "tests/fixtures/site-small"];
    let r = run(&[&small[..], &["site", path, "--force", "--graph", "list"]].concat());
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(!out.join("stale.html").exists(), "replaced, not merged");
    assert!(out.join("index.html").is_file());
    // No temporary folder is left beside it.
    let siblings: Vec<_> = std::fs::read_dir(out.parent().unwrap()).unwrap().collect();
    assert_eq!(siblings.len(), 1);

    // A folder archsel did not write is never deleted, even with --force.
    let other = out.parent().unwrap().join("mine");
    std::fs::create_dir(&other).unwrap();
    std::fs::write(other.join("notes.txt"), "keep").unwrap();
    let r = run(&["site", other.to_str().unwrap(), "--force"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("not written by `archsel site`"),
        "{}",
        r.stderr
    );
    assert!(other.join("notes.txt").is_file());
}

#[test]
fn a_hostile_catalog_cannot_inject_markup_or_script() {
    let dir = tempfile::tempdir().unwrap();
    let hostile =
        "<script>alert(1)</script><img src=x onerror=alert(2)>\\\" onmouseover=\\\"alert(3)";
    let text = shipped("sidecar")
        .replacen("\nname: Sidecar\n", &format!("\nname: \"Side{hostile}car\"\n"), 1)
        .replace("names: { vi: Mô hình Sidecar }", &format!("names: {{ vi: \"{hostile}\" }}"))
        .replacen("\npros:\n", &format!("\npros:\n  - \"{hostile} [x](javascript:alert(4)) ![i](https://evil.example/i.png)\"\n"), 1)
        .replacen("\ncons:\n", &format!("\ncons:\n  - \"{hostile}\"\n  - \"[click](javascript:alert(5)) and ![i](https://evil.example/i.png)\"\n"), 1)
        .replace(
            "    url: https://learn.microsoft.com/en-us/azure/architecture/patterns/sidecar",
            "    url: javascript:alert(6)",
        );
    std::fs::write(dir.path().join("sidecar.yaml"), text).unwrap();
    // The small tree: the questionnaire is not what this test is about.
    std::fs::copy(
        "tests/fixtures/site-small/architecture.yaml",
        dir.path().join("architecture.yaml"),
    )
    .unwrap();
    let out = dir.path().join("site");
    let r = run(&[
        "--catalog",
        dir.path().to_str().unwrap(),
        "site",
        out.to_str().unwrap(),
        "--graph",
        "list",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let site = files(&out);
    let mut seen = 0;
    for (path, bytes) in &site {
        let html = String::from_utf8_lossy(bytes);
        assert!(!html.contains("<script"), "{path}");
        assert!(!html.contains("<img"), "{path}");
        // Escaped text may say `onerror=`; no real tag carries a handler.
        // (Attribute values are left out: a quote in them is escaped.)
        for tag in html
            .split('<')
            .skip(1)
            .map(|t| t.split('>').next().unwrap_or(""))
        {
            let outside: String = tag.split('"').step_by(2).collect();
            assert!(
                !outside.contains("onerror") && !outside.contains("onmouseover"),
                "{path}: <{tag}>"
            );
        }
        assert!(!html.contains("href=\"javascript:"), "{path}");
        assert!(
            !html.contains("evil.example/i.png\"") || !html.contains("src=\"https://evil"),
            "{path}"
        );
        seen += usize::from(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    }
    assert!(
        seen > 3,
        "the hostile text is shown, escaped ({seen} pages)"
    );
}

/// `--graph`: auto draws with Graphviz when `dot` is on the PATH and lists
/// otherwise; graphviz fails without it (writing nothing); list never runs
/// it. Each run says how the graph was drawn.
#[test]
fn the_graph_is_drawn_as_asked_and_the_command_says_how() {
    let dir = tempfile::tempdir().unwrap();
    let small = ["--catalog", "tests/fixtures/site-small"];
    let site = |name: &str, how: &str, path: Option<&Path>| {
        let out = dir.path().join(name);
        let mut cmd = archsel();
        cmd.args(small)
            .args(["site", out.to_str().unwrap(), "--graph", how]);
        if let Some(path) = path {
            cmd.env("PATH", path);
        }
        let r = finish(cmd.output().unwrap());
        let page = std::fs::read_to_string(out.join("graph.html")).ok();
        (r, page)
    };
    // A PATH without `dot`.
    let empty = dir.path().join("bin");
    std::fs::create_dir(&empty).unwrap();

    let (r, page) = site("list", "list", None);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr
            .contains("relation graph: a list of links (--graph list)"),
        "{}",
        r.stderr
    );
    let page = page.unwrap();
    assert!(!page.contains("<svg") && page.contains("built without a drawing"));
    assert!(page.contains("<li><a href="), "the relations are listed");

    let (r, page) = site("auto-without", "auto", Some(&empty));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr.contains("Graphviz `dot` is not installed"),
        "{}",
        r.stderr
    );
    assert!(!page.unwrap().contains("<svg"));

    let (r, page) = site("required-without", "graphviz", Some(&empty));
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("`dot` is not on the PATH") && r.stderr.contains("--graph list"),
        "{}",
        r.stderr
    );
    assert!(
        page.is_none() && !dir.path().join("required-without").exists(),
        "nothing written"
    );

    let has_dot = std::process::Command::new("dot")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success());
    if !has_dot {
        eprintln!("note: Graphviz is not installed; the drawing itself is not checked");
        return;
    }
    for how in ["auto", "graphviz"] {
        let (r, page) = site(how, how, None);
        assert_eq!(r.code, 0, "{}", r.stderr);
        assert!(
            r.stderr.contains("relation graph: SVG drawn by Graphviz"),
            "{}",
            r.stderr
        );
        let page = page.unwrap();
        assert!(
            page.contains("<svg role=\"img\" aria-label=\"Relation graph\""),
            "{how}"
        );
        assert!(
            !page.contains("<!--") && !page.contains("<?xml"),
            "{how}: prolog and comments dropped"
        );
    }
}

#[test]
fn a_tree_too_large_for_a_site_fails_clearly() {
    let catalog = crate::helpers::default_catalog();
    let dir = tempfile::tempdir().unwrap();
    let options = archsel::site::Options {
        max_pages: 10,
        ..Default::default()
    };
    let Err(e) = archsel::site::generate(&catalog, &options, dir.path()) else {
        panic!("a 10-page bound must fail on the default tree");
    };
    assert!(e.to_string().contains("more than 10 paths"), "{e}");
}

// ---- a real browser -------------------------------------------------------

fn chromium() -> Option<PathBuf> {
    let names = [
        "chromium",
        "chromium-browser",
        "google-chrome",
        "google-chrome-stable",
    ];
    let path = std::env::var_os("PATH")?;
    names
        .iter()
        .flat_map(|n| std::env::split_paths(&path).map(move |d| d.join(n)))
        .find(|p| p.is_file())
}

/// axe-core's script: `$AXE_CORE_JS`, or `node_modules/axe-core/axe.min.js`
/// in the repository (`npm install --no-save axe-core`).
fn axe() -> Option<PathBuf> {
    std::env::var_os("AXE_CORE_JS")
        .map(PathBuf::from)
        .or_else(|| {
            Some(Path::new(env!("CARGO_MANIFEST_DIR")).join("node_modules/axe-core/axe.min.js"))
        })
        .filter(|p| p.is_file())
}

/// The DOM after Chromium loaded `page` (and ran its scripts for up to 10 s of virtual time).
fn dump_dom(browser: &Path, page: &Path, dark: bool) -> String {
    let mut cmd = std::process::Command::new(browser);
    cmd.args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--allow-file-access-from-files",
        "--virtual-time-budget=10000",
    ]);
    if dark {
        cmd.args([
            "--force-dark-mode",
            "--blink-settings=preferredColorScheme=0",
        ]);
    }
    cmd.arg("--dump-dom")
        .arg(format!("file://{}", page.display()));
    let mut child = cmd
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut text = String::new();
        std::io::Read::read_to_string(&mut stdout, &mut text).map(|_| text)
    });
    let start = std::time::Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > std::time::Duration::from_secs(120) {
            let _ = child.kill();
            panic!("chromium did not finish with {}", page.display());
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    reader.join().unwrap().unwrap()
}

/// Chromium takes seconds a page, so this runs on request:
/// `cargo test --test cli -- --ignored` (CI does, with axe-core).
#[test]
#[ignore = "starts Chromium a dozen times; run with --ignored (CI does)"]
fn renders_in_chromium_without_serious_accessibility_violations() {
    let Some(browser) = chromium() else {
        eprintln!(
            "note: chromium is not installed; skipping the browser test (apt-get install chromium)"
        );
        return;
    };
    // Its own build (the check writes probe pages beside the real ones),
    // with the graph drawn when Graphviz is installed.
    let (_dir, out) = build(&["--catalog", "tests/fixtures/site-small"]);
    let leaf = files(&out)
        .into_iter()
        .find(|(_, b)| String::from_utf8_lossy(b).contains("archsel:recommendation"))
        .map(|(p, _)| p)
        .unwrap();
    let pages = [
        "index.html",
        "patterns/sidecar.html",
        leaf.as_str(),
        "compare.html",
        "graph.html",
        "questionnaire/index.html",
    ];
    let rendered = |page: &str, dom: &str| {
        assert!(
            dom.contains("<main id=\"main\">") && dom.contains("<h1>"),
            "{page} rendered:\n{dom}"
        );
    };
    let Some(axe) = axe() else {
        for page in pages {
            rendered(page, &dump_dom(&browser, &out.join(page), false));
        }
        eprintln!(
            "note: axe-core not found; skipping the accessibility check (npm install --no-save axe-core, or set AXE_CORE_JS)"
        );
        return;
    };
    // With axe-core, each page is loaded once per colour scheme with the
    // checker added; the same load shows that the page renders.
    let mut report = Vec::new();
    for page in pages {
        let original = std::fs::read_to_string(out.join(page)).unwrap();
        let script = format!(
            "<script src=\"file://{}\"></script><script>axe.run(document, {{runOnly: ['wcag2a', 'wcag2aa', 'wcag21aa', 'best-practice']}}).then(function (r) {{ var p = document.createElement('pre'); p.id = 'axe-out'; p.textContent = JSON.stringify(r.violations.map(function (v) {{ return {{id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map(function (n) {{ return n.target.join(' '); }})}}; }})); document.body.appendChild(p); }});</script></body>",
            axe.display()
        );
        let probe = out.join(page).with_file_name("axe-probe.html");
        std::fs::write(&probe, original.replace("</body>", &script)).unwrap();
        for dark in [false, true] {
            let dom = dump_dom(&browser, &probe, dark);
            rendered(page, &dom);
            let start = dom
                .find("<pre id=\"axe-out\">")
                .unwrap_or_else(|| panic!("axe ran on {page}"))
                + 18;
            let json = dom[start..start + dom[start..].find("</pre>").unwrap()]
                .replace("&quot;", "\"")
                .replace("&gt;", ">")
                .replace("&lt;", "<")
                .replace("&amp;", "&");
            let violations: Vec<serde_json::Value> = serde_json::from_str(&json).unwrap();
            for v in violations {
                report.push(format!(
                    "{page} ({}): {v}",
                    if dark { "dark" } else { "light" }
                ));
            }
        }
        std::fs::remove_file(probe).unwrap();
    }
    eprintln!(
        "axe-core: {} finding(s) over {} pages, light and dark",
        report.len(),
        pages.len()
    );
    for line in &report {
        eprintln!("  {line}");
    }
    let serious: Vec<&String> = report
        .iter()
        .filter(|l| l.contains("\"serious\"") || l.contains("\"critical\""))
        .collect();
    assert!(
        serious.is_empty(),
        "serious accessibility violations:\n{serious:#?}"
    );
}
