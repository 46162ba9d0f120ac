//! One module per subcommand, each holding its clap `Args` and its `run`;
//! plus how errors reach the user.

pub mod compare;
pub mod completions;
pub mod detect;
pub mod graph;
pub mod lint;
pub mod list;
pub mod man;
pub mod path;
pub mod recommend;
pub mod schema;
pub mod show;
pub mod site;

use crate::Error;
use crate::render::term::ColorChoice;
use std::io::Write;

/// A miette handler for stderr: colour only where it may, at the terminal's width.
pub fn report_handler(term: crate::render::Term) -> miette::GraphicalReportHandler {
    let theme = match (term.color, term.unicode) {
        (true, true) => miette::GraphicalTheme::unicode(),
        (false, true) => miette::GraphicalTheme::unicode_nocolor(),
        (true, false) => miette::GraphicalTheme::ascii(),
        (false, false) => miette::GraphicalTheme::none(),
    };
    // Lines break between words, never at a hyphen inside an id
    // (`api-version`), so that what a message names can be copied.
    miette::GraphicalReportHandler::new_themed(theme)
        .with_width(term.width)
        .with_word_splitter(textwrap::WordSplitter::NoHyphenation)
        .with_break_words(false)
        .with_links(false)
}

/// Prints an error with its help, its code frames and its related findings.
pub fn report_error(error: &Error, color: ColorChoice, ascii: bool) {
    let term = crate::render::Term {
        color: crate::render::term::stderr_color(color),
        width: 100,
        unicode: crate::render::term::draws_unicode(ascii),
    };
    let handler = report_handler(term);
    let mut text = String::new();
    for finding in error.related_reports() {
        let _ = handler.render_report(&mut text, &finding);
    }
    let _ = handler.render_report(&mut text, error);
    if let Some(help) = error.help_text() {
        // Unknown-pattern help is computed, so it is printed here rather than by the derive.
        text.push_str(&format!(
            "  help: {}\n",
            crate::render::sanitize::clean(&help)
        ));
    }
    let _ = std::io::stderr()
        .lock()
        .write_all(term.printable(&text).as_bytes());
}
