//! What an input line that is not a token seems to be: the shape of a common mistake
//! (a UTF-16 file, a JSON response, a form body, a token wrapped over several lines),
//! found only after the line failed to parse, so well-formed tokens never pay for it.
//! Commands phrase the hint; this module only recognises the shape.

use super::{Batch, Item};

/// The shape an unparsable token line seems to have.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Shape {
    /// UTF-16 text (a byte-order mark FF FE / FE FF, or NUL bytes between characters).
    Utf16,
    /// A byte-order mark (U+FEFF) that is not at the start of the input.
    Bom,
    /// A JSON object on one line with a token in the named member.
    JsonMember(String),
    /// A form body or query string with a token in the named field.
    FormField(String),
    /// One token wrapped over the lines `first..=last` of its source.
    SplitToken { first: usize, last: usize },
}

impl Shape {
    /// The stable id of the hint, as JSON output names it.
    pub fn id(&self) -> &'static str {
        match self {
            Shape::Utf16 => "input-utf16",
            Shape::Bom => "input-bom",
            Shape::JsonMember(_) => "input-json-member",
            Shape::FormField(_) => "input-form-field",
            Shape::SplitToken { .. } => "input-split-token",
        }
    }
}

/// JSON members and form fields that carry tokens, in the order they are preferred.
const TOKEN_NAMES: [&str; 5] = ["access_token", "id_token", "token", "jwt", "refresh_token"];

/// The most lines a wrapped token is looked for in, either side of a line.
const SPLIT_REACH: usize = 64;

/// The widths tools wrap at, for a token of two lines whose first parses on its own.
const WRAP_WIDTHS: [usize; 4] = [64, 72, 76, 80];

/// The shape of an input line that did not parse as a token, when it has a known one.
pub fn detect(item: &Item<'_>) -> Option<Shape> {
    let text = match item.text {
        Ok(text) => text,
        Err(_) => return item.batch.entries[item.index].utf16.then_some(Shape::Utf16),
    };
    if looks_utf16(text.as_bytes()) {
        return Some(Shape::Utf16);
    }
    if text.starts_with('\u{feff}') {
        return Some(Shape::Bom);
    }
    if let Some(name) = json_member(text) {
        return Some(Shape::JsonMember(name));
    }
    if let Some(name) = form_field(text) {
        return Some(Shape::FormField(name));
    }
    if is_wrapped_inside(text) {
        return Some(Shape::SplitToken {
            first: item.line,
            last: item.line + text.lines().count().saturating_sub(1),
        });
    }
    split_lines(item.batch, item.index)
}

/// UTF-16 read as bytes: its byte-order mark, or NUL bytes between ASCII characters.
pub(super) fn looks_utf16(bytes: &[u8]) -> bool {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return true;
    }
    let nuls = bytes.iter().filter(|&&b| b == 0).count();
    // ASCII as UTF-16 is every other byte NUL; allow for a cut at either end.
    nuls >= 1 && nuls * 2 + 2 >= bytes.len()
}

/// Whether `s` could be a token as far as its characters go: base64url and dots.
fn is_token_chars(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
}

/// Whether `s` has the outline of a compact JWS (three parts) or JWE (five).
fn is_compact(s: &str) -> bool {
    if !is_token_chars(s) {
        return false;
    }
    let parts: Vec<&str> = s.split('.').collect();
    match parts.len() {
        3 => !parts[0].is_empty() && !parts[1].is_empty(),
        5 => !parts[0].is_empty(),
        _ => false,
    }
}

/// The preferred member of a one-line JSON object whose value is a token.
fn json_member(text: &str) -> Option<String> {
    if !text.starts_with('{') {
        return None;
    }
    let object: serde_json::Map<String, serde_json::Value> = serde_json::from_str(text).ok()?;
    let holds_token = |name: &String| {
        object
            .get(name)
            .and_then(serde_json::Value::as_str)
            .is_some_and(|v| is_compact(super::clean_token(v)))
    };
    TOKEN_NAMES
        .iter()
        .map(|n| (*n).to_owned())
        .find(|n| holds_token(n))
        .or_else(|| object.keys().find(|n| holds_token(n)).cloned())
}

/// The preferred field of a form body or query string (`a=1&access_token=...`) whose
/// value is a token.
fn form_field(text: &str) -> Option<String> {
    let text = text.trim_start_matches('?');
    let fields: Vec<(&str, &str)> = text
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .filter(|(name, _)| {
            !name.is_empty()
                && name
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-'))
        })
        .collect();
    let holds_token = |name: &str| {
        fields
            .iter()
            .any(|(n, v)| *n == name && is_compact(v.trim()))
    };
    TOKEN_NAMES
        .iter()
        .find(|n| holds_token(n))
        .map(|n| (*n).to_owned())
        .or_else(|| {
            fields
                .iter()
                .find(|(_, v)| is_compact(v.trim()))
                .map(|(n, _)| (*n).to_owned())
        })
}

/// A token given whole (an argument) with line breaks inside it. Spaces alone are not
/// a wrapped token: they are a different mistake (or a deliberate test of a verifier).
fn is_wrapped_inside(text: &str) -> bool {
    text.contains(['\n', '\r']) && {
        let joined: String = text.split_whitespace().collect();
        is_compact(&joined)
    }
}

/// A line that could be a piece of a token: token characters, not a whole token.
fn is_piece(text: &str) -> bool {
    is_token_chars(text) && !is_compact(text)
}

/// The lines around `index` that join into one token, when `index` is one of them.
fn split_lines(batch: &Batch, index: usize) -> Option<Shape> {
    let piece_at = |i: usize| -> Option<&str> {
        let item = batch.get(i);
        item.text.ok().filter(|t| is_piece(t))
    };
    piece_at(index)?;
    // Consecutive lines of the same source only.
    let follows = |a: usize, b: usize| {
        let (ea, eb) = (&batch.entries[a], &batch.entries[b]);
        ea.source == eb.source && ea.line + 1 == eb.line
    };
    let mut start = index;
    while index - start < SPLIT_REACH
        && start > 0
        && follows(start - 1, start)
        && piece_at(start - 1).is_some()
    {
        start -= 1;
    }
    // A wrap can leave a whole token, with a cut signature, on its first line: that
    // line parses, and only the lines after it fail. It is taken for the start of a
    // wrapped token only when the lines have the fixed width a wrapping tool gives.
    let wrapped_first = (start > 0 && follows(start - 1, start))
        .then(|| start - 1)
        .filter(|&i| batch.get(i).text.is_ok_and(is_compact));
    // Two full lines or more and the rest; or one full line of a usual wrapping width
    // (PEM's 64, base64's 76, fold's 80) and the rest.
    let fixed_width = |first: usize, end: usize| {
        let len = |i: usize| batch.get(i).text.map_or(0, str::len);
        let width = len(first);
        (end - first >= 2 || WRAP_WIDTHS.contains(&width))
            && (first + 1..end).all(|i| len(i) == width)
            && len(end) <= width
    };
    // From each possible start, the first run of pieces that joins into a token.
    for first in wrapped_first.into_iter().chain(start..=index) {
        let mut joined = String::new();
        let mut end = first;
        loop {
            if Some(end) == wrapped_first {
                joined.push_str(batch.get(end).text.ok()?);
            } else {
                joined.push_str(piece_at(end)?);
            }
            if end >= index && end > first && is_compact(&joined) {
                // Only a whole token: the next line must not extend it further.
                let extended = end + 1 < batch.len()
                    && follows(end, end + 1)
                    && piece_at(end + 1).is_some_and(|next| {
                        let mut longer = joined.clone();
                        longer.push_str(next);
                        is_compact(&longer)
                    });
                if !extended && (Some(first) != wrapped_first || fixed_width(first, end)) {
                    return Some(Shape::SplitToken {
                        first: batch.entries[first].line,
                        last: batch.entries[end].line,
                    });
                }
            }
            if end + 1 >= batch.len()
                || end - first >= SPLIT_REACH
                || !follows(end, end + 1)
                || piece_at(end + 1).is_none()
            {
                break;
            }
            end += 1;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_is_seen_by_its_mark_or_its_nuls() {
        assert!(looks_utf16(b"\xff\xfee\0y\0"));
        assert!(looks_utf16(b"\0e\0y\0J\0h\0"));
        assert!(!looks_utf16(b"eyJhbGciOiJIUzI1NiJ9.e30.sig"));
    }

    #[test]
    fn members_and_fields_holding_tokens_are_named() {
        assert_eq!(
            json_member(r#"{"token_type":"Bearer","id_token":"a.b.c"}"#),
            Some("id_token".into())
        );
        assert_eq!(json_member(r#"{"a":1}"#), None);
        assert_eq!(
            form_field("grant_type=x&access_token=a.b.c"),
            Some("access_token".into())
        );
        assert_eq!(form_field("a.b.c="), None);
    }
}
