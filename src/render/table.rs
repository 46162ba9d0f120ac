//! Tables for people: box-drawn text that fits the terminal by splitting its
//! columns into several tables (repeating the row labels) instead of wrapping
//! cells; plus the markdown and CSV forms of the same table.

use super::sanitize::clean;
use super::text::{pad, truncate, width};
use super::{Out, Paint};
use std::borrow::Cow;

/// A cell's text as the terminal will show it (control characters written
/// out as escapes), so that widths are measured on what is drawn.
fn shown(text: &str) -> Cow<'_, str> {
    clean(text)
}

/// One cell: its text and an optional style (the text alone must carry the
/// meaning; the style only adds emphasis).
#[derive(Clone, Debug, Default)]
pub struct Cell {
    pub text: String,
    pub paint: Option<Paint>,
}

impl Cell {
    pub fn plain(text: impl Into<String>) -> Self {
        Cell {
            text: text.into(),
            paint: None,
        }
    }
    pub fn painted(text: impl Into<String>, paint: Paint) -> Self {
        Cell {
            text: text.into(),
            paint: Some(paint),
        }
    }
}

/// A table whose first column holds row labels.
#[derive(Clone, Debug, Default)]
pub struct Table {
    /// Header of every column, the label column first.
    pub header: Vec<String>,
    /// Rows of cells, the label first; `None` draws a separator line.
    pub rows: Vec<Option<Vec<Cell>>>,
}

struct Borders {
    h: &'static str,
    v: &'static str,
    corners: [[&'static str; 3]; 3],
}

const UNICODE: Borders = Borders {
    h: "─",
    v: "│",
    corners: [["┌", "┬", "┐"], ["├", "┼", "┤"], ["└", "┴", "┘"]],
};
const ASCII: Borders = Borders {
    h: "-",
    v: "|",
    corners: [["+", "+", "+"], ["+", "+", "+"], ["+", "+", "+"]],
};

impl Table {
    fn column_widths(&self) -> Vec<usize> {
        let mut widths: Vec<usize> = self.header.iter().map(|h| width(&shown(h))).collect();
        for row in self.rows.iter().flatten() {
            for (i, cell) in row.iter().enumerate() {
                if let Some(w) = widths.get_mut(i) {
                    *w = (*w).max(width(&shown(&cell.text)));
                }
            }
        }
        widths
    }

    /// Draws the table within `max` columns: as many data columns per table
    /// as fit, each table repeating the label column.
    pub fn render_text(&self, out: &mut Out, max: usize) {
        let mut widths = self.column_widths();
        // One data column beside the labels must fit: past that, labels take
        // at most half the room and cells are cut (with `…`), never wrapped.
        let room = max.saturating_sub(7).max(2); // "│ label │ cell │"
        if let Some((label, data)) = widths.split_first_mut() {
            let widest = data.iter().copied().max().unwrap_or(0);
            if *label + widest > room {
                *label = (*label).min(room / 2).max(1);
                for w in data.iter_mut() {
                    *w = (*w).min(room - *label).max(1);
                }
            }
        }
        let Some((&label_width, data_widths)) = widths.split_first() else {
            return;
        };
        let mut groups: Vec<Vec<usize>> = Vec::new();
        let mut used = 4 + label_width; // "│ label │"
        for (i, &w) in data_widths.iter().enumerate() {
            let extra = w + 3;
            match groups.last_mut() {
                Some(group) if used + extra <= max => group.push(i + 1),
                _ => {
                    groups.push(vec![i + 1]);
                    used = 4 + label_width;
                }
            }
            used += extra;
        }
        for (n, group) in groups.iter().enumerate() {
            if n > 0 {
                out.newline();
            }
            let columns: Vec<usize> = std::iter::once(0).chain(group.iter().copied()).collect();
            self.render_group(out, &columns, &widths);
        }
    }

    fn render_group(&self, out: &mut Out, columns: &[usize], widths: &[usize]) {
        let b = if out.term.unicode { &UNICODE } else { &ASCII };
        let rule = |out: &mut Out, row: usize| {
            let [left, mid, right] = b.corners[row];
            let parts: Vec<String> = columns.iter().map(|&c| b.h.repeat(widths[c] + 2)).collect();
            // Borders only: nothing to sanitise.
            out.text_cleaned(&format!("{left}{}{right}", parts.join(mid)))
                .newline();
        };
        rule(out, 0);
        out.text_cleaned(b.v);
        for &c in columns {
            out.text_cleaned(" ")
                .paint_cleaned(Paint::Bold, &fit(&self.header[c], widths[c]))
                .text_cleaned(" ")
                .text_cleaned(b.v);
        }
        out.newline();
        rule(out, 1);
        for row in &self.rows {
            let Some(row) = row else {
                rule(out, 1);
                continue;
            };
            out.text_cleaned(b.v);
            for &c in columns {
                let (text, paint) = row
                    .get(c)
                    .map_or(("", None), |cell| (&*cell.text, cell.paint));
                let padded = fit(text, widths[c]);
                out.text_cleaned(" ");
                match (paint, c) {
                    (Some(paint), _) => out.paint_cleaned(paint, &padded),
                    (None, 0) => out.paint_cleaned(Paint::Bold, &padded),
                    (None, _) => out.text_cleaned(&padded),
                };
                out.text_cleaned(" ").text_cleaned(b.v);
            }
            out.newline();
        }
        rule(out, 2);
    }

    /// GitHub-flavoured markdown; emphasised cells in bold.
    pub fn render_markdown(&self, out: &mut Out) {
        let escape = |s: &str| s.replace('|', "\\|");
        out.line(&format!(
            "| {} |",
            self.header
                .iter()
                .map(|h| escape(h))
                .collect::<Vec<_>>()
                .join(" | ")
        ));
        out.line(&format!("|{}|", vec!["---"; self.header.len()].join("|")));
        for row in self.rows.iter().flatten() {
            let cells: Vec<String> = row
                .iter()
                .map(|c| match c.paint {
                    Some(Paint::Good) if !c.text.is_empty() => format!("**{}**", escape(&c.text)),
                    _ => escape(&c.text),
                })
                .collect();
            out.line(&format!("| {} |", cells.join(" | ")));
        }
    }
}

/// One CSV field, quoted when it needs to be (RFC 4180).
pub fn csv_field(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_owned()
    }
}

/// A cell's shown text (sanitised) cut and padded to exactly `columns`.
fn fit(text: &str, columns: usize) -> String {
    pad(&truncate(&shown(text), columns), columns)
}
