//! HTML building blocks: escaping, links relative to the page (or under
//! `--base-url`), and the layout every page shares.

use std::fmt::Write as _;

/// Escapes text for an HTML text node or a quoted attribute value. Control
/// characters other than newline and tab are dropped: a catalog cannot put
/// markup, script or terminal escapes into a page.
pub fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\n' | '\t' => out.push(c),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// A file name for an identifier: catalog ids are kebab-case, but a user
/// catalog's text never reaches the file system unchecked.
pub fn slug(id: &str) -> String {
    let plain = !id.is_empty()
        && !id.starts_with('.')
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_');
    if plain {
        return id.to_owned();
    }
    let mut out = String::from("x");
    for b in id.bytes() {
        let _ = write!(out, "{b:02x}");
    }
    out
}

/// An external link target a page may carry: http(s) and mailto only.
pub fn safe_url(url: &str) -> Option<&str> {
    let lower = url.trim_start().to_ascii_lowercase();
    (lower.starts_with("https://") || lower.starts_with("http://") || lower.starts_with("mailto:"))
        .then_some(url.trim())
}

/// Where links point: relative to the page (works from `file://`) or under
/// a base URL.
#[derive(Clone, Debug)]
pub struct Links {
    base: Option<String>,
}

impl Links {
    /// `base`: an `http(s)://` URL or an absolute path (`/docs/arch`).
    pub fn new(base: Option<&str>) -> Result<Links, crate::Error> {
        let Some(base) = base else {
            return Ok(Links { base: None });
        };
        let ok =
            (base.starts_with("https://") || base.starts_with("http://") || base.starts_with('/'))
                && !base
                    .chars()
                    .any(|c| c.is_whitespace() || c.is_control() || "\"'<>`".contains(c));
        if !ok {
            return Err(crate::Error::usage(
                format!("`--base-url {base}` is not a URL the site can be hosted under"),
                Some("give an absolute URL or path, e.g. --base-url https://example.org/arch/ or --base-url /arch/".into()),
            ));
        }
        let mut base = base.to_owned();
        if !base.ends_with('/') {
            base.push('/');
        }
        Ok(Links { base: Some(base) })
    }

    /// The href from page `from` (a site path such as `patterns/x.html`) to
    /// site path `to`, escaped for an attribute.
    pub fn href(&self, from: &str, to: &str) -> String {
        match &self.base {
            Some(base) => esc(&format!("{base}{to}")),
            None => {
                let depth = from.matches('/').count();
                esc(&format!("{}{to}", "../".repeat(depth)))
            }
        }
    }
}

/// One page being written: its site path and its `<main>` content.
pub struct Page {
    pub path: String,
    pub title: String,
    /// Extra `<meta>` tags, `(name, content)`.
    pub meta: Vec<(&'static str, String)>,
    /// Which navigation entry is current.
    pub section: Nav,
    pub body: String,
    pub links: Links,
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Nav {
    Patterns,
    Compare,
    Graph,
    Questionnaire,
}

const NAV: [(Nav, &str, &str); 4] = [
    (Nav::Patterns, "index.html", "Patterns"),
    (Nav::Compare, "compare.html", "Compare"),
    (Nav::Graph, "graph.html", "Graph"),
    (
        Nav::Questionnaire,
        "questionnaire/index.html",
        "Questionnaire",
    ),
];

impl Page {
    pub fn href(&self, to: &str) -> String {
        self.links.href(&self.path, to)
    }

    /// The whole document.
    pub fn finish(self, footer: &str) -> String {
        let mut out = String::with_capacity(self.body.len() + 1500);
        out.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        out.push_str("<meta name=\"color-scheme\" content=\"light dark\">\n");
        let _ = writeln!(out, "<title>{} · archsel</title>", esc(&self.title));
        for (name, content) in &self.meta {
            let _ = writeln!(out, "<meta name=\"{name}\" content=\"{}\">", esc(content));
        }
        let _ = writeln!(
            out,
            "<link rel=\"stylesheet\" href=\"{}\">",
            self.href("style.css")
        );
        out.push_str("</head>\n<body>\n<a class=\"skip\" href=\"#main\">Skip to content</a>\n");
        out.push_str("<header class=\"site\"><nav aria-label=\"Site\"><ul>\n");
        for (nav, to, label) in NAV {
            let current = if to == self.path {
                " aria-current=\"page\" class=\"here\""
            } else if nav == self.section {
                " class=\"here\""
            } else {
                ""
            };
            let _ = writeln!(
                out,
                "<li><a href=\"{}\"{current}>{label}</a></li>",
                self.href(to)
            );
        }
        out.push_str("</ul></nav></header>\n<main id=\"main\">\n");
        out.push_str(&self.body);
        out.push_str("</main>\n<footer class=\"site\"><p>");
        out.push_str(footer);
        out.push_str("</p></footer>\n</body>\n</html>\n");
        out
    }
}
