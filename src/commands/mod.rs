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
pub fn report_handler(color: bool, width: usize) -> miette::GraphicalReportHandler {
    let theme = if color {
        miette::GraphicalTheme::unicode()
    } else {
        miette::GraphicalTheme::unicode_nocolor()
    };
    miette::GraphicalReportHandler::new_themed(theme)
        .with_width(width)
        .with_links(false)
}

/// Prints an error with its help, its code frames and its related findings.
pub fn report_error(error: &Error, color: ColorChoice) {
    let color = crate::render::term::stderr_color(color);
    let handler = report_handler(color, 100);
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
    let _ = std::io::stderr().lock().write_all(text.as_bytes());
}
