//! `reference-url`: references and example sources without a usable URL.

use crate::catalog::raw::RawPattern;
use crate::diagnostics::{Finding, Rule, Severity};

pub const RULE: Rule = Rule {
    id: "reference-url",
    severity: Severity::Error,
    summary: "a reference or example source is not an http(s) URL",
    explanation: "Facts in the catalog are backed by references, and real-world examples by \
their public source; a reader must be able to open them. A URL needs the http or https scheme \
and a host, and no spaces.\n\nExample: `url: www.example.com/page` → \
`url: https://www.example.com/page`.",
};

/// A URL a browser opens: http(s), a host with a dot (or localhost), no spaces.
pub fn is_web_url(url: &str) -> bool {
    let Some(rest) = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
    else {
        return false;
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host = host.rsplit('@').next().unwrap_or_default();
    let host = host.split(':').next().unwrap_or_default();
    !url.contains(char::is_whitespace)
        && !host.is_empty()
        && (host.contains('.') || host == "localhost")
        && host
            .chars()
            .all(|c| c.is_alphanumeric() || c == '.' || c == '-')
}

pub fn check_page(source: usize, raw: &RawPattern, _text: &str) -> Vec<Finding> {
    let mut findings = Vec::new();
    let urls = raw
        .references
        .iter()
        .map(|r| (&r.url, "reference"))
        .chain(raw.examples.iter().map(|e| (&e.source, "example source")));
    for (url, what) in urls {
        if !is_web_url(&url.value) {
            findings.push(
                Finding::new(
                    &RULE,
                    format!("{what} `{}` is not an http(s) URL", url.value),
                )
                .at(source, url.span)
                .label("not a URL")
                .help("write the full address, starting with https://"),
            );
        }
    }
    if raw.references.is_empty() {
        findings.push(
            Finding::new(&RULE, format!("`{}` has no references", raw.id.value))
                .at(source, raw.id.span)
                .help("cite at least one public source (title + URL) for the facts on the page"),
        );
    }
    findings
}

#[cfg(test)]
mod tests {
    #[test]
    fn urls() {
        for ok in [
            "https://martinfowler.com/bliki/MonolithFirst.html",
            "http://localhost:8080/x",
            "https://a.b/c?d=e#f",
        ] {
            assert!(super::is_web_url(ok), "{ok}");
        }
        for bad in [
            "www.example.com",
            "https://",
            "https://exa mple.com",
            "ftp://x.y",
            "https://nodot/",
        ] {
            assert!(!super::is_web_url(bad), "{bad}");
        }
    }
}
