//! Text into XML, so that an XML reader gives back exactly that text.

/// Why a text cannot be written in XML 1.0 exactly, if it cannot: it holds a character
/// XML 1.0 has no way to write (a control character other than TAB, LF, CR, or U+FFFE /
/// U+FFFF), not even as a character reference.
pub(super) fn check(text: &str) -> Result<(), String> {
    match text.chars().find(|&c| !allowed(c)) {
        None => Ok(()),
        Some(c) => Err(format!(
            "holds the character U+{:04X}, which XML 1.0 cannot hold",
            c as u32
        )),
    }
}

fn allowed(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | ' '..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// Appends `text` as the content of an element: `&`, `<`, `>` as entities, CR as a
/// character reference (a reader turns a raw CR into LF). `text` passed `check`.
pub(super) fn text(out: &mut String, text: &str) {
    escape(out, text, false);
}

/// Appends `text` as an attribute value in double quotes: also `"`, and TAB, LF and CR as
/// character references (a reader turns raw ones into spaces).
pub(super) fn attribute(out: &mut String, text: &str) {
    escape(out, text, true);
}

fn escape(out: &mut String, text: &str, in_attribute: bool) {
    let mut rest = text;
    while let Some(i) = rest.find(|c| needs_escape(c, in_attribute)) {
        out.push_str(&rest[..i]);
        let c = rest[i..].chars().next().expect("found a char at i");
        out.push_str(match c {
            '&' => "&amp;",
            '<' => "&lt;",
            '>' => "&gt;",
            '"' => "&quot;",
            '\t' => "&#9;",
            '\n' => "&#10;",
            _ => "&#13;",
        });
        rest = &rest[i + c.len_utf8()..];
    }
    out.push_str(rest);
}

fn needs_escape(c: char, in_attribute: bool) -> bool {
    match c {
        '&' | '<' | '>' | '\r' => true,
        '"' | '\t' | '\n' => in_attribute,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_characters_are_escaped() {
        let mut out = String::new();
        attribute(&mut out, "a&b<c>\"d\te\nf\rg");
        assert_eq!(out, "a&amp;b&lt;c&gt;&quot;d&#9;e&#10;f&#13;g");
        out.clear();
        text(&mut out, "x\"\ny\r]]>é");
        assert_eq!(out, "x\"\ny&#13;]]&gt;é");
    }

    #[test]
    fn control_characters_are_refused() {
        assert!(check("tab\tok\u{10FFFF}").is_ok());
        assert!(check("bell\u{7}").unwrap_err().contains("U+0007"));
        assert!(check("\u{FFFE}").is_err());
    }
}
