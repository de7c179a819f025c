//! The query AST and a recursive-descent parser for it (grammar in `super`'s docs).

use std::fmt;

use super::lexer::{lex, CmpOp, Token, TokenKind};
use super::SyntaxError;

/// How deeply parentheses and `NOT`s may nest, so a hostile query cannot overflow the stack.
pub(crate) const MAX_DEPTH: usize = 256;

/// A literal a column is compared with.
#[derive(Clone, Debug, PartialEq)]
pub enum Literal {
    Int(i64),
    Float(f64),
    Str(Box<str>),
    Bool(bool),
}

/// A parsed query. `And` and `Or` hold two or more operands.
#[derive(Clone, Debug, PartialEq)]
pub enum Expr {
    /// `name op value`; `value op name` is stored with the operator flipped.
    Compare {
        name: Box<str>,
        op: CmpOp,
        value: Literal,
    },
    /// `has(name)`: the entity has the attribute (null included).
    Has(Box<str>),
    Not(Box<Expr>),
    And(Vec<Expr>),
    Or(Vec<Expr>),
}

/// Parses a whole query.
pub(crate) fn parse(query: &str) -> Result<Expr, SyntaxError> {
    let tokens = lex(query)?;
    let end = query.chars().count();
    if tokens.is_empty() {
        return Err(SyntaxError::new(0, "empty query".into()));
    }
    let mut p = Parser {
        query: query.chars().collect(),
        tokens,
        next: 0,
        end,
        depth: 0,
    };
    let expr = p.or_expr()?;
    match p.peek() {
        None => Ok(expr),
        Some(t) if t.kind == TokenKind::RParen => Err(p.error_at(t, "unmatched ')'".into())),
        Some(t) => Err(p.error_at(
            t,
            format!(
                "unexpected {} after a complete condition (expected AND, OR or the end of the query)",
                p.describe(t)
            ),
        )),
    }
}

struct Parser {
    query: Vec<char>,
    tokens: Vec<Token>,
    next: usize,
    /// Char length of the query: where "the query ends" errors point.
    end: usize,
    depth: usize,
}

impl Parser {
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.next)
    }

    fn peek_kind(&self, ahead: usize) -> Option<&TokenKind> {
        self.tokens.get(self.next + ahead).map(|t| &t.kind)
    }

    fn bump(&mut self) -> Option<Token> {
        let t = self.tokens.get(self.next).cloned();
        self.next += 1;
        t
    }

    /// A token as it reads in the query, quoted, for messages.
    fn describe(&self, t: &Token) -> String {
        let text: String = self.query[t.start..t.end].iter().collect();
        match t.kind {
            TokenKind::And | TokenKind::Or | TokenKind::Not => format!("'{}'", text.to_uppercase()),
            _ => format!("'{text}'"),
        }
    }

    fn error_at(&self, t: &Token, msg: String) -> SyntaxError {
        SyntaxError::new(t.start, msg)
    }

    /// An error for the next token (or the end of the query) where `wanted` was expected.
    fn expected(&self, wanted: &str, after: Option<&Token>) -> SyntaxError {
        let after = after
            .map(|t| format!(" after {}", self.describe(t)))
            .unwrap_or_default();
        match self.peek() {
            None => SyntaxError::new(
                self.end,
                format!("expected {wanted}{after}, but the query ends"),
            ),
            Some(t) => self.error_at(
                t,
                format!("expected {wanted}{after}, found {}", self.describe(t)),
            ),
        }
    }

    fn enter(&mut self, at: usize) -> Result<(), SyntaxError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(SyntaxError::new(
                at,
                format!("query nests too deeply (more than {MAX_DEPTH} levels)"),
            ));
        }
        Ok(())
    }

    // or_expr := and_expr (OR and_expr)*
    fn or_expr(&mut self) -> Result<Expr, SyntaxError> {
        let mut items = vec![self.and_expr()?];
        while self.peek_kind(0) == Some(&TokenKind::Or) {
            self.bump();
            items.push(self.and_expr()?);
        }
        Ok(if items.len() == 1 {
            items.pop().expect("one item")
        } else {
            Expr::Or(items)
        })
    }

    // and_expr := not_expr (AND not_expr)*
    fn and_expr(&mut self) -> Result<Expr, SyntaxError> {
        let mut items = vec![self.not_expr()?];
        while self.peek_kind(0) == Some(&TokenKind::And) {
            self.bump();
            items.push(self.not_expr()?);
        }
        Ok(if items.len() == 1 {
            items.pop().expect("one item")
        } else {
            Expr::And(items)
        })
    }

    // not_expr := NOT not_expr | atom
    fn not_expr(&mut self) -> Result<Expr, SyntaxError> {
        if self.peek_kind(0) == Some(&TokenKind::Not) {
            let not = self.bump().expect("peeked");
            self.enter(not.start)?;
            let inner = self.not_expr()?;
            self.depth -= 1;
            return Ok(Expr::Not(Box::new(inner)));
        }
        self.atom()
    }

    // atom := '(' or_expr ')' | HAS '(' name ')' | name op literal | literal op name
    fn atom(&mut self) -> Result<Expr, SyntaxError> {
        let Some(t) = self.peek().cloned() else {
            let after = self.next.checked_sub(1).map(|i| self.tokens[i].clone());
            return Err(self.expected("a condition", after.as_ref()));
        };
        match &t.kind {
            TokenKind::LParen => {
                self.bump();
                self.enter(t.start)?;
                let inner = self.or_expr()?;
                self.depth -= 1;
                match self.peek() {
                    Some(c) if c.kind == TokenKind::RParen => {
                        self.bump();
                        Ok(inner)
                    }
                    None => Err(self.error_at(&t, "unclosed '('".into())),
                    Some(c) => Err(self.error_at(
                        c,
                        format!("expected ')', AND or OR, found {}", self.describe(c)),
                    )),
                }
            }
            TokenKind::Ident(word)
                if word.eq_ignore_ascii_case("has")
                    && self.peek_kind(1) == Some(&TokenKind::LParen) =>
            {
                self.bump();
                let open = self.bump().expect("peeked");
                let name = match self.peek().cloned() {
                    Some(Token {
                        kind: TokenKind::Ident(n) | TokenKind::QuotedName(n) | TokenKind::Str(n),
                        ..
                    }) => {
                        self.bump();
                        n
                    }
                    Some(c) if c.kind == TokenKind::RParen => {
                        return Err(self.error_at(&c, "has() needs an attribute name".into()))
                    }
                    _ => return Err(self.expected("an attribute name", Some(&open))),
                };
                match self.peek() {
                    Some(c) if c.kind == TokenKind::RParen => {
                        self.bump();
                        Ok(Expr::Has(name.into()))
                    }
                    None => Err(self.error_at(&open, "unclosed '(' of has(...)".into())),
                    Some(_) => Err(self.expected("')'", self.tokens.get(self.next - 1))),
                }
            }
            TokenKind::Ident(name) | TokenKind::QuotedName(name) => {
                let name: Box<str> = name.as_str().into();
                self.bump();
                let op = self.operator(&t)?;
                let value = self.literal(&op)?;
                Ok(Expr::Compare {
                    name,
                    op: op_of(&op),
                    value,
                })
            }
            TokenKind::Str(_)
            | TokenKind::Int(_)
            | TokenKind::Float(_)
            | TokenKind::True
            | TokenKind::False => {
                let value = self.literal_token(&t).expect("a literal token");
                self.bump();
                let op = self.operator(&t)?;
                let name = match self.peek().cloned() {
                    Some(Token {
                        kind: TokenKind::Ident(n) | TokenKind::QuotedName(n),
                        ..
                    }) => {
                        self.bump();
                        n
                    }
                    _ => return Err(self.expected("an attribute name", Some(&op))),
                };
                Ok(Expr::Compare {
                    name: name.into(),
                    op: op_of(&op).flipped(),
                    value,
                })
            }
            TokenKind::Op(_) => Err(self.error_at(
                &t,
                format!("missing attribute name before {}", self.describe(&t)),
            )),
            TokenKind::RParen => Err(self.error_at(&t, "unexpected ')'".into())),
            TokenKind::And | TokenKind::Or => Err(self.error_at(
                &t,
                format!("missing condition before {}", self.describe(&t)),
            )),
            TokenKind::Not => unreachable!("not_expr takes NOT"),
        }
    }

    /// The comparison operator after `left`.
    fn operator(&mut self, left: &Token) -> Result<Token, SyntaxError> {
        match self.peek() {
            Some(t) if matches!(t.kind, TokenKind::Op(_)) => Ok(self.bump().expect("peeked")),
            _ => Err(self.expected("a comparison operator (==, !=, <, <=, >, >=)", Some(left))),
        }
    }

    /// The literal after operator `op`.
    fn literal(&mut self, op: &Token) -> Result<Literal, SyntaxError> {
        let value = self.peek().and_then(|t| self.literal_token(t));
        match value {
            Some(v) => {
                self.bump();
                Ok(v)
            }
            None => Err(self.expected("a value (string, number, true or false)", Some(op))),
        }
    }

    fn literal_token(&self, t: &Token) -> Option<Literal> {
        Some(match &t.kind {
            TokenKind::Str(s) => Literal::Str(s.as_str().into()),
            TokenKind::Int(n) => Literal::Int(*n),
            TokenKind::Float(x) => Literal::Float(*x),
            TokenKind::True => Literal::Bool(true),
            TokenKind::False => Literal::Bool(false),
            _ => return None,
        })
    }
}

fn op_of(t: &Token) -> CmpOp {
    match t.kind {
        TokenKind::Op(op) => op,
        _ => unreachable!("an operator token"),
    }
}

// ----- printing: a canonical form that parses back to the same AST -----------------------

fn is_plain_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
        && !["and", "or", "not", "true", "false", "has"]
            .iter()
            .any(|k| name.eq_ignore_ascii_case(k))
}

fn write_quoted(f: &mut fmt::Formatter<'_>, text: &str, quote: char) -> fmt::Result {
    write!(f, "{quote}")?;
    for c in text.chars() {
        match c {
            '\\' => write!(f, "\\\\")?,
            '\n' => write!(f, "\\n")?,
            '\t' => write!(f, "\\t")?,
            '\r' => write!(f, "\\r")?,
            '\0' => write!(f, "\\0")?,
            c if c == quote => write!(f, "\\{c}")?,
            c => write!(f, "{c}")?,
        }
    }
    write!(f, "{quote}")
}

fn write_name(f: &mut fmt::Formatter<'_>, name: &str) -> fmt::Result {
    if is_plain_name(name) {
        write!(f, "{name}")
    } else {
        write_quoted(f, name, '`')
    }
}

impl fmt::Display for Literal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Literal::Int(n) => write!(f, "{n}"),
            Literal::Float(x) if x.is_infinite() => {
                write!(f, "{}1e999", if *x < 0.0 { "-" } else { "" })
            }
            // `{:?}` prints the shortest text that reads back as the same f64, with a '.' or
            // an exponent, so it lexes as a float (NaN cannot be written in a query).
            Literal::Float(x) => write!(f, "{x:?}"),
            Literal::Str(s) => write_quoted(f, s, '"'),
            Literal::Bool(b) => write!(f, "{b}"),
        }
    }
}

impl fmt::Display for Expr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Operands that are themselves AND/OR get parentheses, so the structure survives.
        let operand = |f: &mut fmt::Formatter<'_>, e: &Expr| match e {
            Expr::And(_) | Expr::Or(_) => write!(f, "({e})"),
            _ => write!(f, "{e}"),
        };
        match self {
            Expr::Compare { name, op, value } => {
                write_name(f, name)?;
                write!(f, " {} {value}", op.symbol())
            }
            Expr::Has(name) => {
                write!(f, "has(")?;
                write_name(f, name)?;
                write!(f, ")")
            }
            Expr::Not(e) => {
                write!(f, "NOT ")?;
                operand(f, e)
            }
            Expr::And(items) | Expr::Or(items) => {
                let sep = if matches!(self, Expr::And(_)) {
                    " AND "
                } else {
                    " OR "
                };
                for (i, e) in items.iter().enumerate() {
                    if i > 0 {
                        write!(f, "{sep}")?;
                    }
                    operand(f, e)?;
                }
                Ok(())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cmp(name: &str, op: CmpOp, value: Literal) -> Expr {
        Expr::Compare {
            name: name.into(),
            op,
            value,
        }
    }

    fn err(q: &str) -> SyntaxError {
        parse(q).unwrap_err()
    }

    #[test]
    fn precedence_not_and_or() {
        let e = parse("NOT a > 1 AND b == 'x' OR c").unwrap_err();
        assert_eq!(e.pos, 27);
        let e = parse("NOT a > 1 AND b == 'x' OR has(c)").unwrap();
        assert_eq!(
            e,
            Expr::Or(vec![
                Expr::And(vec![
                    Expr::Not(Box::new(cmp("a", CmpOp::Gt, Literal::Int(1)))),
                    cmp("b", CmpOp::Eq, Literal::Str("x".into())),
                ]),
                Expr::Has("c".into()),
            ])
        );
        let e = parse("a == 1 and (b == 2.5 or not (c != true)) AND d < -3").unwrap();
        assert_eq!(
            e,
            Expr::And(vec![
                cmp("a", CmpOp::Eq, Literal::Int(1)),
                Expr::Or(vec![
                    cmp("b", CmpOp::Eq, Literal::Float(2.5)),
                    Expr::Not(Box::new(cmp("c", CmpOp::Ne, Literal::Bool(true)))),
                ]),
                cmp("d", CmpOp::Lt, Literal::Int(-3)),
            ])
        );
    }

    #[test]
    fn literal_first_flips_and_names_can_be_quoted() {
        assert_eq!(
            parse("30 < age").unwrap(),
            cmp("age", CmpOp::Gt, Literal::Int(30))
        );
        assert_eq!(
            parse("'b' >= `my name`").unwrap(),
            cmp("my name", CmpOp::Le, Literal::Str("b".into()))
        );
        assert_eq!(
            parse("`and` == FALSE").unwrap(),
            cmp("and", CmpOp::Eq, Literal::Bool(false))
        );
        // `has` is only a function when a '(' follows.
        assert_eq!(
            parse("has == 1").unwrap(),
            cmp("has", CmpOp::Eq, Literal::Int(1))
        );
        assert_eq!(parse("HAS(`a b`)").unwrap(), Expr::Has("a b".into()));
        assert_eq!(parse("has('a b')").unwrap(), Expr::Has("a b".into()));
        assert_eq!(parse("((has(x)))").unwrap(), Expr::Has("x".into()));
    }

    #[test]
    fn errors_say_what_and_where() {
        let cases: &[(&str, usize, &str)] = &[
            ("   ", 0, "empty query"),
            ("age >", 5, "expected a value (string, number, true or false) after '>', but the query ends"),
            ("age > AND b == 1", 6, "expected a value (string, number, true or false) after '>', found 'AND'"),
            ("age > other", 6, "expected a value (string, number, true or false) after '>', found 'other'"),
            ("> 3", 0, "missing attribute name before '>'"),
            ("age", 3, "expected a comparison operator (==, !=, <, <=, >, >=) after 'age', but the query ends"),
            ("age 3", 4, "expected a comparison operator (==, !=, <, <=, >, >=) after 'age', found '3'"),
            ("3 > 4", 4, "expected an attribute name after '>', found '4'"),
            ("a == 1 AND", 10, "expected a condition after 'AND', but the query ends"),
            ("a == 1 and or b == 2", 11, "missing condition before 'OR'"),
            ("AND a == 1", 0, "missing condition before 'AND'"),
            ("NOT", 3, "expected a condition after 'NOT', but the query ends"),
            ("(a == 1", 0, "unclosed '('"),
            ("(a == 1 b", 8, "expected ')', AND or OR, found 'b'"),
            ("a == 1)", 6, "unmatched ')'"),
            ("()", 1, "unexpected ')'"),
            ("age > 30 AND )", 13, "unexpected ')'"),
            ("a == 1 b == 2", 7, "unexpected 'b' after a complete condition (expected AND, OR or the end of the query)"),
            ("has()", 4, "has() needs an attribute name"),
            ("has(1)", 4, "expected an attribute name after '(', found '1'"),
            ("has(", 4, "expected an attribute name after '(', but the query ends"),
            ("has(a", 3, "unclosed '(' of has(...)"),
            ("has(a b)", 6, "expected ')' after 'a', found 'b'"),
            ("has a", 4, "expected a comparison operator (==, !=, <, <=, >, >=) after 'has', found 'a'"),
        ];
        for &(q, pos, msg) in cases {
            let e = err(q);
            assert_eq!((e.pos, e.msg.as_str()), (pos, msg), "query {q:?}");
        }
    }

    #[test]
    fn nesting_is_bounded() {
        let deep = format!("{}a == 1{}", "(".repeat(MAX_DEPTH), ")".repeat(MAX_DEPTH));
        assert!(parse(&deep).is_ok());
        let deeper = format!("({deep})");
        assert!(err(&deeper).msg.contains("nests too deeply"));
        let nots = format!("{}a == 1", "NOT ".repeat(100_000));
        assert!(err(&nots).msg.contains("nests too deeply"));
    }

    #[test]
    fn display_parses_back() {
        for q in [
            "NOT (a > 1 OR `b c` == \"x\\\"y\\\\\") AND has(`not`) AND NOT NOT d != -2.5e-7",
            "x == 1e999 OR x == -1e999 OR x < 1e300 OR `1x` >= 0.1",
            "(a == true OR b == false) OR (c == 'é\\n' AND d <= 9223372036854775807)",
        ] {
            let e = parse(q).unwrap();
            assert_eq!(parse(&e.to_string()).unwrap(), e, "{q} printed as {e}");
        }
        assert_eq!(
            parse("NOT a>1 and (b==2 OR c==3)").unwrap().to_string(),
            "NOT a > 1 AND (b == 2 OR c == 3)"
        );
    }
}
