//! The catalog's pages: the index (patterns grouped by category and role),
//! one page per dimension value (the filters, no JavaScript needed) and one
//! page per pattern with everything `show` has.

use super::Site;
use super::html::{Nav, Page, esc, safe_url, slug};
use crate::catalog::model::{Better, DIMENSION_IDS, Pattern, Rating};
use crate::render::rating;
use std::fmt::Write as _;

pub fn pattern_path(p: &Pattern) -> String {
    format!("patterns/{}.html", slug(&p.id))
}

pub fn filter_path(dimension: &str, value: &str) -> String {
    format!("filters/{}--{}.html", slug(dimension), slug(value))
}

/// Other-language names, each marked with its language.
fn other_names(p: &Pattern) -> String {
    let mut out = String::new();
    for (lang, name) in &p.names {
        let tag: String = lang
            .chars()
            .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
            .collect();
        let _ = write!(
            out,
            " <span class=\"alt-name\" lang=\"{}\">{}</span>",
            esc(&tag),
            esc(name)
        );
    }
    out
}

fn first_sentence(text: &str) -> &str {
    let text = text.trim();
    match text.find(". ") {
        Some(i) => &text[..=i],
        None => text,
    }
}

/// A list of patterns, each linked, for the index and the filter pages.
fn pattern_list(site: &Site, page: &Page, members: &[usize]) -> String {
    let mut out = String::from("<ul class=\"patterns\">\n");
    for &i in members {
        let p = &site.catalog.patterns[i];
        let _ = writeln!(
            out,
            "<li><a href=\"{}\">{}</a> <code>{}</code>{}{}<br><span class=\"summary\">{}</span></li>",
            page.href(&pattern_path(p)),
            esc(&p.name),
            esc(&p.id),
            other_names(p),
            if p.core {
                " <span class=\"tag\">core</span>"
            } else {
                ""
            },
            esc(first_sentence(&p.body().summary)),
        );
    }
    out.push_str("</ul>\n");
    out
}

/// `(id, name)` of the vocabulary's groups in order, then any other id the
/// patterns use (a user catalog's), named by its id.
fn groups<'a>(
    known: &'a [crate::catalog::model::Category],
    used: impl Iterator<Item = &'a str>,
) -> Vec<(&'a str, String)> {
    let mut out: Vec<(&str, String)> = known.iter().map(|c| (&*c.id, c.name.clone())).collect();
    for id in used {
        if !out.iter().any(|(k, _)| *k == id) {
            out.push((id, id.to_owned()));
        }
    }
    out
}

/// Patterns grouped by category (vocabulary order), then role.
fn grouped(site: &Site, page: &Page, members: &[usize], level: u8) -> String {
    let vocab = &site.catalog.vocabulary;
    let mut out = String::new();
    let patterns = &site.catalog.patterns;
    let categories = groups(
        &vocab.categories,
        members.iter().map(|&i| &*patterns[i].category),
    );
    let roles = groups(&vocab.roles, members.iter().map(|&i| &*patterns[i].role));
    for (category, name) in &categories {
        let in_category: Vec<usize> = members
            .iter()
            .copied()
            .filter(|&i| site.catalog.patterns[i].category == *category)
            .collect();
        if in_category.is_empty() {
            continue;
        }
        let _ = writeln!(
            out,
            "<section aria-labelledby=\"cat-{id}\">\n<h{level} id=\"cat-{id}\">{}</h{level}>",
            esc(name),
            id = slug(category)
        );
        if let Some(c) = vocab.category(category) {
            let _ = writeln!(out, "<p class=\"lead\">{}</p>", esc(&c.description));
        }
        for (role, role_name) in &roles {
            let in_role: Vec<usize> = in_category
                .iter()
                .copied()
                .filter(|&i| site.catalog.patterns[i].role == *role)
                .collect();
            if in_role.is_empty() {
                continue;
            }
            let label = if *role == crate::catalog::model::ARCHITECTURE {
                role_name.clone()
            } else {
                format!("Part: {}", role_name.to_lowercase())
            };
            let _ = writeln!(out, "<h{l}>{}</h{l}>", esc(&label), l = level + 1);
            out.push_str(&pattern_list(site, page, &in_role));
        }
        out.push_str("</section>\n");
    }
    out
}

/// The filter links: every value of every dimension, with its count.
fn filters(site: &Site, page: &Page) -> String {
    let mut out = String::from(
        "<nav aria-labelledby=\"filters\" class=\"filters\">\n<h2 id=\"filters\">Filter by dimension</h2>\n",
    );
    for d in &site.catalog.vocabulary.dimensions {
        let _ = writeln!(out, "<h3>{}</h3>\n<ul class=\"chips\">", esc(&d.name));
        for v in &d.values {
            let count = site.by_dimension(&d.id, &v.id).len();
            if count == 0 {
                let _ = writeln!(
                    out,
                    "<li><span class=\"empty\">{} (0)</span></li>",
                    esc(&v.name)
                );
            } else {
                let current = if page.path == filter_path(&d.id, &v.id) {
                    " aria-current=\"page\""
                } else {
                    ""
                };
                let _ = writeln!(
                    out,
                    "<li><a href=\"{}\"{current}>{} ({count})</a></li>",
                    page.href(&filter_path(&d.id, &v.id)),
                    esc(&v.name)
                );
            }
        }
        out.push_str("</ul>\n");
    }
    out.push_str("</nav>\n");
    out
}

pub fn index(site: &mut Site) -> Result<(), crate::Error> {
    let mut page = site.page("index.html", "Architecture patterns", Nav::Patterns);
    let all: Vec<usize> = (0..site.catalog.patterns.len()).collect();
    let mut body = format!(
        "<h1>Architecture patterns</h1>\n<p class=\"lead\">{} patterns, grouped by category and by role: a whole architecture, or a part that combines with one. \
         Not sure where to start? <a href=\"{}\">Answer the questionnaire</a> or <a href=\"{}\">compare the core patterns</a>.</p>\n",
        all.len(),
        page.href("questionnaire/index.html"),
        page.href("compare.html"),
    );
    body.push_str(&filters(site, &page));
    body.push_str(&grouped(site, &page, &all, 2));
    page.body = body;
    site.write_page(page)?;
    for d in &site.catalog.vocabulary.dimensions {
        for v in &d.values {
            let members = site.by_dimension(&d.id, &v.id);
            if members.is_empty() {
                continue;
            }
            let mut page = site.page(
                &filter_path(&d.id, &v.id),
                &format!("{}: {}", d.name, v.name),
                Nav::Patterns,
            );
            let mut body = format!(
                "<nav aria-label=\"Breadcrumb\" class=\"crumbs\"><a href=\"{}\">All patterns</a></nav>\n<h1>{}: {}</h1>\n<p class=\"lead\">{}</p>\n<p>{} pattern(s).</p>\n",
                page.href("index.html"),
                esc(&d.name),
                esc(&v.name),
                esc(&v.description),
                members.len()
            );
            body.push_str(&grouped(site, &page, members, 2));
            body.push_str(&filters(site, &page));
            page.body = body;
            site.write_page(page)?;
        }
    }
    Ok(())
}

fn bullets(items: &[String]) -> String {
    let mut out = String::from("<ul>\n");
    for item in items {
        let _ = writeln!(out, "<li>{}</li>", esc(item));
    }
    out.push_str("</ul>\n");
    out
}

fn section(out: &mut String, id: &str, title: &str, content: &str) {
    let _ = write!(
        out,
        "<section aria-labelledby=\"{id}\">\n<h2 id=\"{id}\">{title}</h2>\n{content}</section>\n"
    );
}

/// A scrolling block of preformatted text (never wrapped), reachable by keyboard.
fn preformatted(text: &str, label: &str, class: &str) -> String {
    format!(
        "<div class=\"scroll {class}\" tabindex=\"0\" role=\"region\" aria-label=\"{} (scrolls sideways)\"><pre>{}</pre></div>\n",
        esc(label),
        esc(text.trim_end_matches('\n'))
    )
}

fn direction(better: Better) -> &'static str {
    match better {
        Better::Lower => "lower is better",
        Better::Higher => "higher is better",
        Better::None => "no better end",
    }
}

/// The note behind a rating: the pattern's, or the ancestor's it inherits.
fn note<'a>(site: &'a Site, p: &'a Pattern, rating: &Rating) -> Option<&'a str> {
    let mut current = p;
    for _ in 0..16 {
        if let Some(note) = current.body().rating_note(&rating.criterion) {
            return Some(note);
        }
        if !rating.inherited {
            return None;
        }
        current = site.catalog.pattern(current.parent()?)?;
    }
    None
}

pub fn pattern_page(site: &mut Site, index: usize) -> Result<(), crate::Error> {
    let catalog = site.catalog;
    let p = &catalog.patterns[index];
    let b = p.body();
    let vocab = &catalog.vocabulary;
    let mut page = site.page(&pattern_path(p), &p.name, Nav::Patterns);
    let mut body = String::new();
    let category = vocab
        .category(&p.category)
        .map_or(&*p.category, |c| &*c.name);
    let role = match vocab.role(&p.role) {
        Some(r) if p.is_architecture() => r.name.to_lowercase(),
        Some(r) => format!("part: {}", r.name.to_lowercase()),
        None => p.role.clone(),
    };
    let _ = writeln!(
        body,
        "<nav aria-label=\"Breadcrumb\" class=\"crumbs\"><a href=\"{}\">Patterns</a> › <a href=\"{}#cat-{}\">{}</a></nav>",
        page.href("index.html"),
        page.href("index.html"),
        slug(&p.category),
        esc(category)
    );
    let _ = writeln!(body, "<article>\n<header>\n<h1>{}</h1>", esc(&p.name));
    for (lang, name) in &p.names {
        let tag: String = lang
            .chars()
            .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
            .collect();
        let _ = writeln!(
            body,
            "<p class=\"alt-name\"><span class=\"label\">{}:</span> <span lang=\"{}\">{}</span></p>",
            esc(lang),
            esc(&tag),
            esc(name)
        );
    }
    let mut facts = vec![format!("id <code>{}</code>", esc(&p.id))];
    if !p.aliases.is_empty() {
        let aliases: Vec<String> = p
            .aliases
            .iter()
            .map(|a| format!("<code>{}</code>", esc(a)))
            .collect();
        facts.push(format!("aliases {}", aliases.join(", ")));
    }
    facts.push(esc(category));
    facts.push(esc(&role));
    if p.core {
        facts.push("one of the 12 core patterns".into());
    }
    if let Some(parent) = p.parent().and_then(|id| catalog.pattern(id)) {
        facts.push(format!(
            "variant of <a href=\"{}\">{}</a>",
            page.href(&pattern_path(parent)),
            esc(&parent.name)
        ));
    }
    if let Some(replaced) = &p.provenance.replaces {
        facts.push(format!(
            "from {}, which replaces the built-in definition ({})",
            esc(&p.provenance.file),
            esc(replaced)
        ));
    } else if !p.provenance.builtin {
        facts.push(format!("from {}", esc(&p.provenance.file)));
    }
    let _ = writeln!(
        body,
        "<p class=\"facts\">{}</p>\n</header>",
        facts.join(" · ")
    );
    let _ = writeln!(body, "<p class=\"lead\">{}</p>", esc(b.summary.trim()));

    let mut dims = String::from("<dl class=\"pairs\">\n");
    for d in DIMENSION_IDS {
        let (Some(dimension), Some(value)) = (vocab.dimension(d), p.dimensions.get(d)) else {
            continue;
        };
        let name = dimension
            .values
            .iter()
            .find(|v| v.id == value)
            .map_or(value, |v| &*v.name);
        let _ = writeln!(
            dims,
            "<dt>{}</dt><dd><a href=\"{}\">{}</a></dd>",
            esc(&dimension.name),
            page.href(&filter_path(d, value)),
            esc(name)
        );
    }
    dims.push_str("</dl>\n");
    section(&mut body, "dimensions", "Dimensions", &dims);
    if !b.diagram.trim().is_empty() {
        section(
            &mut body,
            "diagram",
            "Diagram",
            &preformatted(&b.diagram, &format!("Diagram of {}", p.name), "diagram"),
        );
    }

    let mut ratings = String::from(
        "<div class=\"scroll\" tabindex=\"0\" role=\"region\" aria-label=\"Ratings table (scrolls sideways)\"><table class=\"ratings\">\n<thead><tr><th scope=\"col\">Criterion</th><th scope=\"col\">Rating</th><th scope=\"col\">Direction</th><th scope=\"col\">Why</th></tr></thead>\n<tbody>\n",
    );
    for c in &vocab.criteria {
        let Some(r) = p.rating(&c.id) else { continue };
        let bar = rating::bar(c, &r.value, true);
        let bar = if bar.is_empty() {
            String::new()
        } else {
            format!(
                " <span class=\"bar\" aria-hidden=\"true\">{}</span>",
                esc(&bar)
            )
        };
        let _ = writeln!(
            body_row(&mut ratings),
            "<th scope=\"row\">{}</th><td>{}{bar}</td><td>{}</td><td>{}</td></tr>",
            esc(&c.name),
            esc(&rating::words(c, &r.value)),
            direction(c.better),
            esc(note(site, p, r).unwrap_or(""))
        );
    }
    ratings.push_str("</tbody>\n</table></div>\n");
    section(&mut body, "ratings", "Ratings", &ratings);

    let pros_cons = format!(
        "<div class=\"two\"><div><h3>Pros</h3>\n{}</div><div><h3>Cons</h3>\n{}</div></div>\n",
        bullets(&b.pros),
        bullets(&b.cons)
    );
    section(&mut body, "pros-cons", "Pros and cons", &pros_cons);
    section(&mut body, "when", "When to use", &bullets(&b.when_to_use));
    section(
        &mut body,
        "when-not",
        "When not to use",
        &bullets(&b.when_not_to_use),
    );
    if !b.use_cases.is_empty() {
        section(&mut body, "use-cases", "Use cases", &bullets(&b.use_cases));
    }
    if !b.anti_patterns.is_empty() {
        let mut list = String::from("<dl class=\"anti\">\n");
        for a in &b.anti_patterns {
            let _ = writeln!(
                list,
                "<dt>{}</dt><dd>{}</dd>",
                esc(&a.name),
                esc(&a.description)
            );
        }
        list.push_str("</dl>\n");
        section(&mut body, "anti-patterns", "Anti-patterns", &list);
    }
    if !b.technologies.is_empty() {
        section(
            &mut body,
            "technologies",
            "Technologies",
            &format!("<p>{}</p>\n", esc(&b.technologies.join(", "))),
        );
    }
    if !b.examples.is_empty() {
        let mut list = String::from("<ul>\n");
        for e in &b.examples {
            let source = match safe_url(&e.source) {
                Some(url) => format!("<a href=\"{}\">source</a>", esc(url)),
                None => esc(&e.source),
            };
            let _ = writeln!(
                list,
                "<li>{} <span class=\"source\">({source})</span></li>",
                esc(&e.description)
            );
        }
        list.push_str("</ul>\n");
        section(&mut body, "examples", "Real-world examples", &list);
    }
    if let Some(files) = &b.file_structure {
        section(
            &mut body,
            "file-structure",
            "File structure",
            &preformatted(files, "File structure", "files"),
        );
    }
    if !b.deploy.is_empty() {
        section(
            &mut body,
            "deploy",
            "Deploy",
            &preformatted(&b.deploy.join("\n"), "Deploy commands", "commands"),
        );
    }
    let related = related(site, &page, index);
    if !related.is_empty() {
        section(&mut body, "related", "Related patterns", &related);
    }
    if !b.references.is_empty() {
        let mut list = String::from("<ul>\n");
        for r in &b.references {
            match safe_url(&r.url) {
                Some(url) => {
                    let _ = writeln!(
                        list,
                        "<li><a href=\"{}\">{}</a></li>",
                        esc(url),
                        esc(&r.title)
                    );
                }
                None => {
                    let _ = writeln!(list, "<li>{} ({})</li>", esc(&r.title), esc(&r.url));
                }
            }
        }
        list.push_str("</ul>\n");
        section(&mut body, "references", "References", &list);
    }
    body.push_str("</article>\n");
    page.body = body;
    site.write_page(page)
}

fn body_row(out: &mut String) -> &mut String {
    out.push_str("<tr>");
    out
}

/// Related patterns from the graph, grouped by relation: outgoing under the
/// relation's name, incoming under its inverse.
fn related(site: &Site, page: &Page, index: usize) -> String {
    let catalog = site.catalog;
    let mut groups: Vec<(String, Vec<String>)> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for n in catalog.graph().neighbours(index, &catalog.patterns) {
        let label = match (catalog.vocabulary.relation(n.kind), n.outgoing) {
            (Some(k), true) => k.name.clone(),
            (Some(k), false) if k.symmetric => k.name.clone(),
            (Some(k), false) => k.inverse.clone(),
            (None, _) => n.kind.to_owned(),
        };
        if !seen.insert((label.clone(), n.pattern)) {
            continue;
        }
        let other = &catalog.patterns[n.pattern];
        let mut item = format!(
            "<a href=\"{}\">{}</a>",
            page.href(&pattern_path(other)),
            esc(&other.name)
        );
        if let Some(note) = n.note {
            let _ = write!(item, ": {}", esc(note));
        }
        match groups.iter_mut().find(|(l, _)| *l == label) {
            Some((_, items)) => items.push(item),
            None => groups.push((label, vec![item])),
        }
    }
    let mut out = String::new();
    if groups.is_empty() {
        return out;
    }
    out.push_str("<dl class=\"related\">\n");
    for (label, items) in groups {
        let _ = writeln!(out, "<dt>{}</dt>", esc(&label));
        for item in items {
            let _ = writeln!(out, "<dd>{item}</dd>");
        }
    }
    out.push_str("</dl>\n");
    out
}
