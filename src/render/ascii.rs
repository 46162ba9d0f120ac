//! `--ascii` (or a locale that is not UTF-8): output with ASCII characters
//! only. Text output is transliterated after layout, each character into as
//! many ASCII characters as the columns it filled, so tables and wrapped
//! lines keep their shape; JSON escapes instead, so no data is lost.

use std::borrow::Cow;
use unicode_width::UnicodeWidthChar;

/// The one-column stand-ins for the symbols archsel itself draws and for the
/// punctuation and box drawing common in catalog text.
fn symbol(c: char) -> Option<char> {
    Some(match c {
        '→' | '⇒' | '▶' | '›' | '»' => '>',
        '←' | '⇐' | '◀' | '‹' | '«' => '<',
        '↑' => '^',
        '↓' => 'v',
        '↔' => '=',
        '—' | '–' | '‐' | '‑' | '−' | '─' | '━' | '┄' | '┈' | '╌' => '-',
        '═' => '=',
        '│' | '┃' | '┆' | '┊' | '╎' | '║' => '|',
        '┌' | '┐' | '└' | '┘' | '├' | '┤' | '┬' | '┴' | '┼' | '╭' | '╮' | '╯' | '╰' | '╔' | '╗'
        | '╚' | '╝' | '╠' | '╣' | '╦' | '╩' | '╬' | '┏' | '┓' | '┗' | '┛' => {
            '+'
        }
        '·' | '•' | '●' | '◆' | '★' | '✱' => '*',
        '☆' | '○' | '◇' | '□' => '.',
        '■' => '#',
        '✓' | '✔' => '+',
        '✗' | '✘' | '×' => 'x',
        '…' => '~',
        '“' | '”' | '„' | '″' => '"',
        '‘' | '’' | '‚' | '′' => '\'',
        '\u{a0}' | '\u{2009}' | '\u{202f}' => ' ',
        _ => return None,
    })
}

/// `text` with ASCII characters only, each other character replaced by as
/// many ASCII characters as its width (zero-width ones are dropped).
pub fn transliterate(text: &str) -> Cow<'_, str> {
    if text.is_ascii() {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii() {
            out.push(c);
            continue;
        }
        let columns = c.width().unwrap_or(0);
        if columns == 0 {
            continue;
        }
        if let Some(s) = symbol(c) {
            out.push(s);
            out.extend(std::iter::repeat_n(' ', columns - 1));
            continue;
        }
        // Letters: deunicode's spelling (é → e, 北 → Bei), fitted to the
        // columns the character took.
        let spelled = deunicode::deunicode_char(c).unwrap_or("?");
        let mut taken = 0;
        for s in spelled
            .chars()
            .filter(|s| s.is_ascii_graphic())
            .take(columns)
        {
            out.push(s);
            taken += 1;
        }
        if taken == 0 {
            out.push('?');
            taken = 1;
        }
        out.extend(std::iter::repeat_n(' ', columns - taken));
    }
    Cow::Owned(out)
}

/// JSON text with every character outside ASCII written as a `\u` escape
/// (a surrogate pair above the Basic Multilingual Plane). Such characters
/// only occur inside JSON strings, so the result is the same JSON.
pub fn escape_json(json: &str) -> Cow<'_, str> {
    if json.is_ascii() {
        return Cow::Borrowed(json);
    }
    let mut out = String::with_capacity(json.len() + json.len() / 4);
    let mut units = [0u16; 2];
    for c in json.chars() {
        if c.is_ascii() {
            out.push(c);
            continue;
        }
        for unit in c.encode_utf16(&mut units) {
            out.push_str(&format!("\\u{unit:04x}"));
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::text::width;

    #[test]
    fn keeps_every_line_s_width() {
        for text in [
            "┌─┐ a → b — c · d … ★☆ ✓✗",
            "Kiến trúc “quoted” é",
            "字字 wide",
            "e\u{301} combining",
        ] {
            let ascii = transliterate(text);
            assert!(ascii.is_ascii(), "{ascii}");
            assert_eq!(width(&ascii), width(text), "{text} → {ascii}");
        }
        assert_eq!(transliterate("a → b"), "a > b");
        assert_eq!(transliterate("Kiến"), "Kien");
        assert_eq!(transliterate("plain"), Cow::Borrowed("plain"));
    }

    #[test]
    fn json_escapes_are_the_same_data() {
        let value = serde_json::json!({"name": "Kiến → 北 😀", "n": 1});
        let text = serde_json::to_string(&value).unwrap();
        let escaped = escape_json(&text);
        assert!(escaped.is_ascii());
        let back: serde_json::Value = serde_json::from_str(&escaped).unwrap();
        assert_eq!(back, value);
    }
}
