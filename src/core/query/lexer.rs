//! Splits a query into tokens. Positions are 0-based char offsets into the query, so error
//! messages can point at the offending character with a caret.

use super::SyntaxError;

/// A comparison operator.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CmpOp {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
}

impl CmpOp {
    /// The operator as written in a query.
    pub fn symbol(self) -> &'static str {
        match self {
            CmpOp::Eq => "==",
            CmpOp::Ne => "!=",
            CmpOp::Lt => "<",
            CmpOp::Le => "<=",
            CmpOp::Gt => ">",
            CmpOp::Ge => ">=",
        }
    }

    /// The operator with its operands swapped: `5 < x` is `x > 5`.
    pub fn flipped(self) -> CmpOp {
        match self {
            CmpOp::Eq => CmpOp::Eq,
            CmpOp::Ne => CmpOp::Ne,
            CmpOp::Lt => CmpOp::Gt,
            CmpOp::Le => CmpOp::Ge,
            CmpOp::Gt => CmpOp::Lt,
            CmpOp::Ge => CmpOp::Le,
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub(crate) enum TokenKind {
    /// A bare identifier (`has` included; the parser gives it its meaning).
    Ident(String),
    /// A backtick-quoted attribute name, never a keyword.
    QuotedName(String),
    Str(String),
    Int(i64),
    Float(f64),
    True,
    False,
    And,
    Or,
    Not,
    Op(CmpOp),
    LParen,
    RParen,
}

/// A token and where it sits in the query (`start..end`, in chars).
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Token {
    pub kind: TokenKind,
    pub start: usize,
    pub end: usize,
}

/// The tokens of `query`, or the first lexical error.
pub(crate) fn lex(query: &str) -> Result<Vec<Token>, SyntaxError> {
    Lexer {
        chars: query.chars().collect(),
        pos: 0,
    }
    .run()
}

struct Lexer {
    chars: Vec<char>,
    pos: usize,
}

fn is_ident_start(c: char) -> bool {
    c.is_ascii_alphabetic() || c == '_'
}

fn is_ident_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

fn is_op_char(c: char) -> bool {
    matches!(c, '=' | '!' | '<' | '>' | '&' | '|' | '~')
}

impl Lexer {
    fn peek(&self, ahead: usize) -> Option<char> {
        self.chars.get(self.pos + ahead).copied()
    }

    fn text(&self, start: usize, end: usize) -> String {
        self.chars[start..end].iter().collect()
    }

    fn run(mut self) -> Result<Vec<Token>, SyntaxError> {
        let mut tokens = Vec::new();
        while let Some(c) = self.peek(0) {
            if c.is_whitespace() {
                self.pos += 1;
                continue;
            }
            let start = self.pos;
            let kind = match c {
                '(' => {
                    self.pos += 1;
                    TokenKind::LParen
                }
                ')' => {
                    self.pos += 1;
                    TokenKind::RParen
                }
                '\'' | '"' => TokenKind::Str(self.quoted(c, "string")?),
                '`' => TokenKind::QuotedName(self.quoted('`', "attribute name")?),
                c if c.is_ascii_digit()
                    || ((c == '-' || c == '+' || c == '.')
                        && self.peek(1).is_some_and(|d| d.is_ascii_digit() || d == '.')) =>
                {
                    self.number()?
                }
                '-' | '+' => {
                    return Err(SyntaxError::new(
                        start,
                        format!("bad number '{c}': a sign must be followed by digits"),
                    ))
                }
                c if is_ident_start(c) => {
                    while self.peek(0).is_some_and(is_ident_char) {
                        self.pos += 1;
                    }
                    let word = self.text(start, self.pos);
                    match word.to_ascii_lowercase().as_str() {
                        "and" => TokenKind::And,
                        "or" => TokenKind::Or,
                        "not" => TokenKind::Not,
                        "true" => TokenKind::True,
                        "false" => TokenKind::False,
                        _ => TokenKind::Ident(word),
                    }
                }
                c if is_op_char(c) => self.operator()?,
                c => {
                    let hint = if c.is_alphabetic() {
                        " (quote attribute names that are not plain ASCII identifiers with backticks: `name`)"
                    } else {
                        ""
                    };
                    return Err(SyntaxError::new(
                        start,
                        format!("unexpected character '{c}'{hint}"),
                    ));
                }
            };
            tokens.push(Token {
                kind,
                start,
                end: self.pos,
            });
        }
        Ok(tokens)
    }

    /// A run of operator characters; only the six comparison operators are valid.
    fn operator(&mut self) -> Result<TokenKind, SyntaxError> {
        let start = self.pos;
        while self.peek(0).is_some_and(is_op_char) {
            self.pos += 1;
        }
        let text = self.text(start, self.pos);
        let op = match text.as_str() {
            "==" => CmpOp::Eq,
            "!=" => CmpOp::Ne,
            "<" => CmpOp::Lt,
            "<=" => CmpOp::Le,
            ">" => CmpOp::Gt,
            ">=" => CmpOp::Ge,
            _ => {
                let hint = match text.as_str() {
                    "=" | "===" => " (did you mean '=='?)",
                    "=>" => " (did you mean '>='?)",
                    "=<" => " (did you mean '<='?)",
                    "<>" | "!==" => " (did you mean '!='?)",
                    "&" | "&&" => " (use AND)",
                    "|" | "||" => " (use OR)",
                    "!" | "~" => " (use NOT)",
                    _ => "",
                };
                return Err(SyntaxError::new(
                    start,
                    format!("unknown operator '{text}'{hint}"),
                ));
            }
        };
        Ok(TokenKind::Op(op))
    }

    /// A quoted string or name; `quote` is the opening (and closing) character.
    fn quoted(&mut self, quote: char, what: &str) -> Result<String, SyntaxError> {
        let start = self.pos;
        self.pos += 1;
        let mut out = String::new();
        loop {
            let Some(c) = self.peek(0) else {
                return Err(SyntaxError::new(start, format!("unterminated {what}")));
            };
            self.pos += 1;
            if c == quote {
                return Ok(out);
            }
            if c != '\\' {
                out.push(c);
                continue;
            }
            let at = self.pos - 1;
            let Some(e) = self.peek(0) else {
                return Err(SyntaxError::new(start, format!("unterminated {what}")));
            };
            self.pos += 1;
            out.push(match e {
                '\\' | '\'' | '"' | '`' => e,
                'n' => '\n',
                't' => '\t',
                'r' => '\r',
                '0' => '\0',
                'u' => self.unicode_escape(at)?,
                _ => {
                    return Err(SyntaxError::new(
                        at,
                        format!("unknown escape '\\{e}' in {what}"),
                    ))
                }
            });
        }
    }

    /// After `\u`: `{X..}` (1-6 hex digits) or exactly 4 hex digits.
    fn unicode_escape(&mut self, at: usize) -> Result<char, SyntaxError> {
        let bad = || SyntaxError::new(at, "bad unicode escape (use \\u{XXXX} or \\uXXXX)".into());
        let digits = if self.peek(0) == Some('{') {
            let open = self.pos + 1;
            let mut end = open;
            while self.chars.get(end).is_some_and(|c| c.is_ascii_hexdigit()) {
                end += 1;
            }
            if self.chars.get(end) != Some(&'}') || end == open || end - open > 6 {
                return Err(bad());
            }
            self.pos = end + 1;
            self.text(open, end)
        } else {
            let end = self.pos + 4;
            if end > self.chars.len()
                || !self.chars[self.pos..end]
                    .iter()
                    .all(char::is_ascii_hexdigit)
            {
                return Err(bad());
            }
            let digits = self.text(self.pos, end);
            self.pos = end;
            digits
        };
        u32::from_str_radix(&digits, 16)
            .ok()
            .and_then(char::from_u32)
            .ok_or_else(bad)
    }

    /// A number: `[+-]? (digits ('.' digits?)? | '.' digits) ([eE] [+-]? digits)?`. Whatever
    /// letters, digits, dots or underscores follow are taken in too, so `1.2.3` and `12abc`
    /// are reported whole as bad numbers. Integers too large for i64 become floats.
    fn number(&mut self) -> Result<TokenKind, SyntaxError> {
        let start = self.pos;
        if matches!(self.peek(0), Some('-' | '+')) {
            self.pos += 1;
        }
        while let Some(c) = self.peek(0) {
            let exponent_sign = matches!(c, '+' | '-')
                && matches!(self.chars[self.pos - 1], 'e' | 'E')
                && self.chars[start..self.pos - 1]
                    .iter()
                    .all(|d| d.is_ascii_digit() || matches!(d, '.' | '+' | '-'));
            if is_ident_char(c) || c == '.' || exponent_sign {
                self.pos += 1;
            } else {
                break;
            }
        }
        let text = self.text(start, self.pos);
        let bad = || SyntaxError::new(start, format!("bad number '{text}'"));
        if !is_number(&text) {
            return Err(bad());
        }
        let integral = !text.contains(['.', 'e', 'E']);
        if integral {
            if let Ok(n) = text.parse::<i64>() {
                return Ok(TokenKind::Int(n));
            }
        }
        text.parse::<f64>().map(TokenKind::Float).map_err(|_| bad())
    }
}

/// Whether `text` matches the number grammar (Rust's float parser also takes `inf`, `nan`).
fn is_number(text: &str) -> bool {
    let b = text.as_bytes();
    let mut i = 0;
    if matches!(b.first(), Some(b'+' | b'-')) {
        i += 1;
    }
    let digits = |i: &mut usize| {
        let from = *i;
        while b.get(*i).is_some_and(u8::is_ascii_digit) {
            *i += 1;
        }
        *i - from
    };
    let mut mantissa = digits(&mut i);
    if b.get(i) == Some(&b'.') {
        i += 1;
        mantissa += digits(&mut i);
    }
    if mantissa == 0 {
        return false;
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(b.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        if digits(&mut i) == 0 {
            return false;
        }
    }
    i == b.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(q: &str) -> Vec<TokenKind> {
        lex(q).unwrap().into_iter().map(|t| t.kind).collect()
    }

    fn err(q: &str) -> SyntaxError {
        lex(q).unwrap_err()
    }

    #[test]
    fn tokens_keywords_and_positions() {
        use TokenKind::*;
        assert_eq!(
            kinds("age>=30 and NOT `my col`!='x' Or has(b)"),
            vec![
                Ident("age".into()),
                Op(CmpOp::Ge),
                Int(30),
                And,
                Not,
                QuotedName("my col".into()),
                Op(CmpOp::Ne),
                Str("x".into()),
                Or,
                Ident("has".into()),
                LParen,
                Ident("b".into()),
                RParen,
            ]
        );
        let t = lex("  é == 'ü'").map(|_| ()).unwrap_err();
        assert_eq!(t.pos, 2);
        let t = lex("`é` == 'ü' )").unwrap();
        assert_eq!((t[2].start, t[2].end), (7, 10));
        assert_eq!(t[3].start, 11);
        assert_eq!(kinds("TRUE False tRuE"), vec![True, False, True]);
    }

    #[test]
    fn numbers() {
        use TokenKind::*;
        assert_eq!(
            kinds("1 -2 +3 2.5 -.5 1. 1e3 -2.5E-2 9223372036854775807 -9223372036854775808"),
            vec![
                Int(1),
                Int(-2),
                Int(3),
                Float(2.5),
                Float(-0.5),
                Float(1.0),
                Float(1000.0),
                Float(-0.025),
                Int(i64::MAX),
                Int(i64::MIN),
            ]
        );
        assert_eq!(
            kinds("9223372036854775808 1e999"),
            vec![Float(9223372036854775808.0), Float(f64::INFINITY)]
        );
        assert_eq!(kinds("x>-1"), kinds("x > -1"));
        for bad in [
            "1.2.3", "12abc", "1e", "1e+", "1_000", "0x10", "1..2", "- 1", "-x",
        ] {
            let e = err(bad);
            assert!(e.msg.starts_with("bad number"), "{bad}: {}", e.msg);
            assert_eq!(e.pos, 0);
        }
    }

    #[test]
    fn strings_and_escapes() {
        use TokenKind::*;
        assert_eq!(
            kinds(r#"'it\'s' "a\"b\\c\n" '\u{e9}\u00e9' "" `a\`b`"#),
            vec![
                Str("it's".into()),
                Str("a\"b\\c\n".into()),
                Str("éé".into()),
                Str(String::new()),
                QuotedName("a`b".into()),
            ]
        );
        assert_eq!(err("x == 'abc").msg, "unterminated string");
        assert_eq!(err("x == 'abc").pos, 5);
        assert_eq!(err("x == 'abc\\").msg, "unterminated string");
        assert_eq!(err("`abc == 1").msg, "unterminated attribute name");
        assert_eq!(err("x == 'a\\q'").msg, "unknown escape '\\q' in string");
        assert_eq!(err("x == 'a\\q'").pos, 7);
        assert!(err("x == '\\u{110000}'")
            .msg
            .starts_with("bad unicode escape"));
        assert!(err("x == '\\u12'").msg.starts_with("bad unicode escape"));
    }

    #[test]
    fn unknown_operators() {
        assert_eq!(
            err("x = 1").msg,
            "unknown operator '=' (did you mean '=='?)"
        );
        assert_eq!(err("x = 1").pos, 2);
        assert_eq!(
            err("x <> 1").msg,
            "unknown operator '<>' (did you mean '!='?)"
        );
        assert_eq!(err("a && b").msg, "unknown operator '&&' (use AND)");
        assert_eq!(err("!a").msg, "unknown operator '!' (use NOT)");
        assert_eq!(
            err("x =>1").msg,
            "unknown operator '=>' (did you mean '>='?)"
        );
        assert_eq!(err("x == 1 ; y").msg, "unexpected character ';'");
    }
}
