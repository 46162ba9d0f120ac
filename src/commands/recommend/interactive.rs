//! The interactive prompter: one question at a time with inquire, its help
//! shown above it, a way back to the previous question, and Ctrl-C as an
//! interruption (exit 130, nothing written).

use crate::Error;
use crate::catalog::model::Question;
use crate::engine::walk::{Prompter, Reply};
use crate::render::Term;
use crate::render::sanitize::clean_line;
use inquire::InquireError;
use std::fmt;
use std::io::Write;

pub struct Interactive {
    /// What the prompts are drawn on (standard error): its colour, width
    /// and whether it takes Unicode.
    term: Term,
}

impl Interactive {
    pub fn new(term: Term) -> Self {
        Interactive { term }
    }
}

/// An entry of the menu: a choice's value, or "back".
struct Entry {
    label: String,
    value: Option<String>,
}

impl fmt::Display for Entry {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(&self.label)
    }
}

const BACK: &str = "← back to the previous question";

impl Prompter for Interactive {
    fn ask(
        &mut self,
        question: &Question,
        can_go_back: bool,
        previous: Option<&str>,
    ) -> Result<Reply, Error> {
        // Catalog text as the prompt may show it: one line, ASCII under --ascii.
        let shown = |text: &str| self.term.printable(&clean_line(text)).into_owned();
        if let Some(help) = &question.help {
            let mut text = String::from("\n");
            for line in crate::render::text::wrap(help, self.term.width.min(100), "  ", "  ") {
                text.push_str(&self.term.printable(&crate::render::sanitize::clean(&line)));
                text.push('\n');
            }
            if self.term.color {
                text = format!("\x1b[2m{text}\x1b[0m");
            }
            let _ = std::io::stderr().write_all(text.as_bytes());
        }
        let mut entries: Vec<Entry> = question
            .choices
            .iter()
            .map(|c| Entry {
                label: shown(&c.label),
                value: Some(c.value.to_string()),
            })
            .collect();
        entries.push(Entry {
            label: "don't know (unknown: lowers the confidence)".to_owned(),
            value: Some(crate::engine::walk::UNKNOWN.to_owned()),
        });
        if can_go_back {
            entries.push(Entry {
                label: self.term.printable(BACK).into_owned(),
                value: None,
            });
        }
        let start = question
            .choices
            .iter()
            .position(|c| Some(&*c.value) == previous)
            .or_else(|| {
                question
                    .choices
                    .iter()
                    .position(|c| c.value == question.default)
            })
            .unwrap_or(0);
        let prompt = shown(&question.prompt);
        let keys = match self.term.unicode {
            true => "↑↓",
            false => "arrows",
        };
        let help = match can_go_back {
            true => format!("{keys} move, enter select, esc back, ctrl-c quit"),
            false => format!("{keys} move, enter select, ctrl-c quit"),
        };
        let render = if self.term.color {
            inquire::ui::RenderConfig::default()
        } else {
            inquire::ui::RenderConfig::empty()
        };
        let answer = inquire::Select::new(&prompt, entries)
            .with_render_config(render)
            .with_starting_cursor(start)
            .with_help_message(&help)
            .without_filtering()
            .with_page_size(10)
            .prompt();
        match answer {
            Ok(Entry {
                value: Some(value), ..
            }) => Ok(Reply::Answer(value)),
            Ok(Entry { value: None, .. }) => Ok(Reply::Back),
            Err(InquireError::OperationCanceled) if can_go_back => Ok(Reply::Back),
            Err(InquireError::OperationCanceled) => self.ask(question, can_go_back, previous),
            Err(InquireError::OperationInterrupted) => Err(Error::Interrupted),
            Err(InquireError::NotTTY) => Err(Error::usage(
                "no terminal to ask questions on".to_owned(),
                Some("pass --no-input, or give answers with --answer KEY=VALUE".into()),
            )),
            Err(e) => Err(Error::Io {
                action: "prompt on",
                path: "the terminal".into(),
                reason: e.to_string(),
                help: None,
            }),
        }
    }
}
