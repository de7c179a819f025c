//! GML's tokens: keys (`[A-Za-z][A-Za-z0-9_]*`), integers, reals (with a `.` or an
//! exponent, or `+INF` / `-INF`), strings in double quotes (no escapes but HTML character
//! references and entities, as networkx writes them), `[` and `]`. `#` starts a comment to
//! the end of the line; comments starting `# groggy: ` are kept as hints (see values.rs).

use crate::io::located::Position;
use crate::io::text::parse_i64;

#[derive(Debug, PartialEq)]
pub(super) enum Token<'a> {
    Key(&'a str),
    Int(i64),
    Real(f64),
    Str(String),
    Open,
    Close,
}

/// A comment naming an attribute's kind.
const HINT: &[u8] = b"# groggy: ";

pub(super) struct Lexer<'a> {
    text: &'a [u8],
    pos: usize,
    line: u64,
    line_start: usize,
    /// Hints met so far (the text after `# groggy: `), not yet taken.
    pub(super) hints: Vec<(Position, &'a str)>,
}

pub(super) type Failure = (Position, String);

impl<'a> Lexer<'a> {
    pub(super) fn new(text: &'a [u8]) -> Lexer<'a> {
        let bom = if text.starts_with(b"\xEF\xBB\xBF") {
            3
        } else {
            0
        };
        Lexer {
            text,
            pos: bom,
            line: 1,
            line_start: 0,
            hints: Vec::new(),
        }
    }

    pub(super) fn position(&self) -> Position {
        self.at(self.pos)
    }

    fn at(&self, pos: usize) -> Position {
        Position {
            line: self.line,
            column: (pos - self.line_start) as u64 + 1,
        }
    }

    fn newline(&mut self, pos: usize) {
        self.line += 1;
        self.line_start = pos + 1;
    }

    /// The next token and where it starts, `None` at the end.
    pub(super) fn next(&mut self) -> Result<Option<(Position, Token<'a>)>, Failure> {
        self.skip_blanks_and_comments()?;
        let start = self.pos;
        let at = self.at(start);
        let Some(&c) = self.text.get(start) else {
            return Ok(None);
        };
        let token = match c {
            b'[' => {
                self.pos += 1;
                Token::Open
            }
            b']' => {
                self.pos += 1;
                Token::Close
            }
            b'"' => self.string(at)?,
            b'A'..=b'Z' | b'a'..=b'z' => {
                let len = self.text[start..]
                    .iter()
                    .take_while(|b| b.is_ascii_alphanumeric() || **b == b'_')
                    .count();
                self.pos += len;
                Token::Key(std::str::from_utf8(&self.text[start..self.pos]).expect("ASCII"))
            }
            b'0'..=b'9' | b'+' | b'-' | b'.' => self.number(at)?,
            _ => {
                let shown = String::from_utf8_lossy(&self.text[start..])
                    .chars()
                    .next()
                    .unwrap_or('?');
                return Err((at, format!("unexpected character {shown:?}")));
            }
        };
        Ok(Some((at, token)))
    }

    fn skip_blanks_and_comments(&mut self) -> Result<(), Failure> {
        while let Some(&c) = self.text.get(self.pos) {
            match c {
                b'\n' => self.newline(self.pos),
                b' ' | b'\t' | b'\r' | b'\x0b' | b'\x0c' => {}
                b'#' => {
                    let rest = &self.text[self.pos..];
                    let len = rest.iter().position(|&b| b == b'\n').unwrap_or(rest.len());
                    let comment = &rest[..len];
                    if let Some(hint) = comment.strip_prefix(HINT) {
                        let text = std::str::from_utf8(hint)
                            .map_err(|_| (self.position(), "a comment that is not UTF-8".into()))?;
                        self.hints.push((self.position(), text.trim_end()));
                    }
                    self.pos += len;
                    continue;
                }
                _ => return Ok(()),
            }
            self.pos += 1;
        }
        Ok(())
    }

    fn string(&mut self, at: Position) -> Result<Token<'a>, Failure> {
        let body_start = self.pos + 1;
        let Some(len) = self.text[body_start..].iter().position(|&b| b == b'"') else {
            return Err((at, "a string without its closing '\"'".into()));
        };
        let body = &self.text[body_start..body_start + len];
        let text = std::str::from_utf8(body).map_err(|e| {
            let bad = body_start + e.valid_up_to();
            let lines = body[..e.valid_up_to()]
                .iter()
                .filter(|&&b| b == b'\n')
                .count();
            let column = match body[..e.valid_up_to()].iter().rposition(|&b| b == b'\n') {
                Some(nl) => (bad - (body_start + nl)) as u64,
                None => self.at(bad).column,
            };
            let position = Position {
                line: self.line + lines as u64,
                column,
            };
            (position, "a string that is not valid UTF-8".to_string())
        })?;
        for (i, &b) in body.iter().enumerate() {
            if b == b'\n' {
                self.newline(body_start + i);
            }
        }
        self.pos = body_start + len + 1;
        Ok(Token::Str(super::values::unescape(text)))
    }

    fn number(&mut self, at: Position) -> Result<Token<'a>, Failure> {
        let rest = &self.text[self.pos..];
        let sign = usize::from(matches!(rest[0], b'+' | b'-'));
        if rest[sign..].starts_with(b"INF") && sign == 1 {
            self.pos += 4;
            let inf = if rest[0] == b'-' {
                f64::NEG_INFINITY
            } else {
                f64::INFINITY
            };
            return self.delimited(at, Token::Real(inf));
        }
        let digits = |from: usize| {
            rest[from..]
                .iter()
                .take_while(|b| b.is_ascii_digit())
                .count()
        };
        let mut end = sign;
        let whole = digits(end);
        end += whole;
        let mut real = false;
        let mut fraction = 0;
        if rest.get(end) == Some(&b'.') {
            real = true;
            fraction = digits(end + 1);
            end += 1 + fraction;
        }
        if whole + fraction == 0 {
            return Err((at, "a number without digits".into()));
        }
        if matches!(rest.get(end), Some(b'e' | b'E')) {
            let sign = usize::from(matches!(rest.get(end + 1), Some(b'+' | b'-')));
            let exponent = digits(end + 1 + sign);
            if exponent > 0 {
                real = true;
                end += 1 + sign + exponent;
            }
        }
        let text = std::str::from_utf8(&rest[..end]).expect("ASCII");
        self.pos += end;
        let token = match real {
            true => Token::Real(text.parse().map_err(|_| (at, format!("bad real {text}")))?),
            false => Token::Int(
                parse_i64(text.as_bytes())
                    .ok_or_else(|| (at, format!("the integer {text} does not fit in 64 bits")))?,
            ),
        };
        self.delimited(at, token)
    }

    /// `token`, if what follows it ends it (a blank, a bracket, a quote, a comment, the end).
    fn delimited(&self, at: Position, token: Token<'a>) -> Result<Token<'a>, Failure> {
        match self.text.get(self.pos) {
            None
            | Some(b' ' | b'\t' | b'\r' | b'\n' | b'\x0b' | b'\x0c' | b'[' | b']' | b'"' | b'#') => {
                Ok(token)
            }
            Some(_) => Err((at, "a malformed number".into())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(text: &str) -> Result<Vec<Token<'_>>, Failure> {
        let mut lexer = Lexer::new(text.as_bytes());
        let mut out = Vec::new();
        while let Some((_, t)) = lexer.next()? {
            out.push(t);
        }
        Ok(out)
    }

    #[test]
    fn every_token() {
        let got =
            tokens("graph [ a_1 -12 +3.5 1.0E+20 .5 -INF \"x &amp; &#233;\" ] # c\nNAN").unwrap();
        assert_eq!(
            got,
            [
                Token::Key("graph"),
                Token::Open,
                Token::Key("a_1"),
                Token::Int(-12),
                Token::Real(3.5),
                Token::Real(1e20),
                Token::Real(0.5),
                Token::Real(f64::NEG_INFINITY),
                Token::Str("x & é".into()),
                Token::Close,
                Token::Key("NAN"),
            ]
        );
    }

    #[test]
    fn bad_tokens_say_where() {
        let fail = |text: &str| tokens(text).unwrap_err();
        assert_eq!(
            fail("a\n  99999999999999999999").0,
            Position { line: 2, column: 3 }
        );
        assert!(fail("a 12x").1.contains("malformed number"));
        assert!(fail("a \"open").1.contains("closing"));
        assert!(fail("a @").1.contains("unexpected"));
        assert!(fail("a -").1.contains("without digits"));
        let mut lexer = Lexer::new(b"a \"ok\nb\xff\"");
        lexer.next().unwrap();
        let (at, why) = lexer.next().unwrap_err();
        assert_eq!(
            (at, why.contains("UTF-8")),
            (Position { line: 2, column: 2 }, true)
        );
    }

    #[test]
    fn hints_are_kept_with_their_position() {
        let mut lexer = Lexer::new(b"# groggy: node x=int8\n# other\ngraph");
        assert_eq!(lexer.next().unwrap().unwrap().1, Token::Key("graph"));
        assert_eq!(
            lexer.hints,
            [(Position { line: 1, column: 1 }, "node x=int8")]
        );
    }
}
