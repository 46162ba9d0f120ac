//! What the output goes to: whether to colour, how wide it is, and `Out`, the
//! buffer every command writes into (catalog text is sanitised on the way in).

use super::sanitize::clean;
use std::io::{IsTerminal, Write};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum ColorChoice {
    /// Colour on a terminal when NO_COLOR is unset.
    #[default]
    Auto,
    Always,
    Never,
}

/// The facts about the output that rendering depends on.
#[derive(Clone, Copy, Debug)]
pub struct Term {
    pub color: bool,
    pub width: usize,
    /// Whether to draw Unicode symbols (stars, ticks) or ASCII fallbacks.
    pub unicode: bool,
}

/// The narrowest layout archsel renders; below it, lines simply run long.
pub const MIN_WIDTH: usize = 20;

impl Term {
    /// Decides colour and width from the flags, the environment and stdout.
    pub fn detect(color: ColorChoice, width: Option<usize>, ascii: bool) -> Term {
        let is_tty = std::io::stdout().is_terminal();
        let env = |k: &str| std::env::var_os(k).filter(|v| !v.is_empty());
        let dumb = env("TERM").is_some_and(|t| t == "dumb");
        let color = match color {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => is_tty && env("NO_COLOR").is_none() && !dumb,
        };
        let columns = || {
            env("COLUMNS")
                .and_then(|c| c.to_str()?.trim().parse::<usize>().ok())
                .filter(|&c| c > 0)
        };
        let width = width
            .or_else(|| {
                if is_tty {
                    terminal_size::terminal_size().map(|(w, _)| w.0 as usize)
                } else {
                    None
                }
            })
            .or_else(columns)
            .unwrap_or(80);
        Term {
            color,
            width: width.max(MIN_WIDTH),
            unicode: draws_unicode(ascii),
        }
    }

    /// A fixed terminal for tests and snapshots: no colour.
    pub fn plain(width: usize) -> Term {
        Term {
            color: false,
            width: width.max(MIN_WIDTH),
            unicode: true,
        }
    }
}

/// Whether to colour what goes to stderr (errors, prompts).
pub fn stderr_color(choice: ColorChoice) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::io::stderr().is_terminal()
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    }
}

/// Whether to draw Unicode: not under `--ascii`, nor when the locale says
/// another encoding.
pub fn draws_unicode(ascii: bool) -> bool {
    !ascii && locale_is_utf8()
}

/// Whether the locale says UTF-8 (LC_ALL, then LC_CTYPE, then LANG). With no
/// locale set at all, assume UTF-8, as modern terminals are.
fn locale_is_utf8() -> bool {
    for key in ["LC_ALL", "LC_CTYPE", "LANG"] {
        if let Some(value) = std::env::var_os(key).filter(|v| !v.is_empty()) {
            let value = value.to_string_lossy().to_lowercase();
            return value.contains("utf-8") || value.contains("utf8");
        }
    }
    true
}

/// Text styles archsel uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Paint {
    Heading,
    Bold,
    Dim,
    Good,
    Bad,
    Accent,
    Warn,
}

impl Paint {
    fn code(self) -> &'static str {
        match self {
            Paint::Heading => "\x1b[1;36m",
            Paint::Bold => "\x1b[1m",
            Paint::Dim => "\x1b[2m",
            Paint::Good => "\x1b[32m",
            Paint::Bad => "\x1b[31m",
            Paint::Accent => "\x1b[35m",
            Paint::Warn => "\x1b[33m",
        }
    }
}

/// An output buffer. Text goes in through `text`/`paint`, which neutralise
/// control characters; only `Out` itself writes escape sequences.
pub struct Out {
    pub term: Term,
    buf: String,
}

impl Out {
    pub fn new(term: Term) -> Self {
        Out {
            term,
            buf: String::new(),
        }
    }

    pub fn text(&mut self, text: &str) -> &mut Self {
        self.buf.push_str(&clean(text));
        self
    }

    pub fn paint(&mut self, paint: Paint, text: &str) -> &mut Self {
        self.paint_cleaned(paint, &clean(text))
    }

    /// `text` for text known to be safe: through `sanitize::clean` already
    /// (tables clean their cells to measure them) or archsel's own literals.
    pub fn text_cleaned(&mut self, cleaned: &str) -> &mut Self {
        self.buf.push_str(cleaned);
        self
    }

    /// `paint` for text that has been through `sanitize::clean` already.
    pub fn paint_cleaned(&mut self, paint: Paint, cleaned: &str) -> &mut Self {
        if self.term.color {
            self.buf.push_str(paint.code());
            self.buf.push_str(cleaned);
            self.buf.push_str("\x1b[0m");
        } else {
            self.buf.push_str(cleaned);
        }
        self
    }

    pub fn line(&mut self, text: &str) -> &mut Self {
        self.text(text).newline()
    }

    pub fn newline(&mut self) -> &mut Self {
        self.buf.push('\n');
        self
    }

    pub fn into_string(self) -> String {
        self.buf
    }

    pub fn as_str(&self) -> &str {
        &self.buf
    }
}

impl Term {
    /// Text for people as it may be printed: ASCII only unless `unicode`
    /// (each character kept at its width, so the layout holds).
    pub fn printable<'a>(&self, text: &'a str) -> std::borrow::Cow<'a, str> {
        match self.unicode {
            true => std::borrow::Cow::Borrowed(text),
            false => super::ascii::transliterate(text),
        }
    }

    /// JSON as it may be printed: ASCII only unless `unicode` (escaped, so
    /// the data is the same).
    pub fn printable_json<'a>(&self, json: &'a str) -> std::borrow::Cow<'a, str> {
        match self.unicode {
            true => std::borrow::Cow::Borrowed(json),
            false => super::ascii::escape_json(json),
        }
    }
}

/// Writes to stdout. A closed pipe (`archsel show x | head -1`) is not an
/// error: the reader has what it wanted, so archsel stops quietly.
pub fn write_stdout(text: &str) -> Result<(), crate::Error> {
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(crate::Error::Io {
            action: "write",
            path: "standard output".into(),
            reason: e.to_string(),
            help: None,
        }),
    }
}
