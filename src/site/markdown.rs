//! Markdown (the recommend report) to HTML with pulldown-cmark, made safe:
//! raw HTML in the text is shown as text, images become links (a page makes
//! no request), and only http(s), mailto and in-page links are kept.

use pulldown_cmark::{CowStr, Event, Options, Parser, Tag, TagEnd, html};

pub fn to_html(markdown: &str) -> String {
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    let events = Parser::new_ext(markdown, options).map(|event| match event {
        Event::Html(text) | Event::InlineHtml(text) => Event::Text(text),
        Event::Start(Tag::Image { dest_url, .. }) => Event::Start(link(dest_url)),
        Event::End(TagEnd::Image) => Event::End(TagEnd::Link),
        Event::Start(Tag::Link { dest_url, .. }) => Event::Start(link(dest_url)),
        // Headings one level down: the page has its own h1.
        Event::Start(Tag::Heading {
            level,
            id,
            classes,
            attrs,
        }) => Event::Start(Tag::Heading {
            level: lower(level),
            id,
            classes,
            attrs,
        }),
        Event::End(TagEnd::Heading(level)) => Event::End(TagEnd::Heading(lower(level))),
        other => other,
    });
    let mut out = String::with_capacity(markdown.len() * 2);
    html::push_html(&mut out, events);
    out
}

fn lower(level: pulldown_cmark::HeadingLevel) -> pulldown_cmark::HeadingLevel {
    use pulldown_cmark::HeadingLevel::*;
    match level {
        H1 => H2,
        H2 => H3,
        H3 => H4,
        H4 => H5,
        _ => H6,
    }
}

fn link(dest: CowStr<'_>) -> Tag<'_> {
    let keep = super::html::safe_url(&dest).is_some() || dest.starts_with('#');
    Tag::Link {
        link_type: pulldown_cmark::LinkType::Inline,
        dest_url: if keep { dest } else { CowStr::Borrowed("#") },
        title: CowStr::Borrowed(""),
        id: CowStr::Borrowed(""),
    }
}
