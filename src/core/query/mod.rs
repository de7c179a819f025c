//! The query language of attribute filters, e.g. `age > 30 AND club == 'Blue'`.
//!
//! Grammar (keywords case-insensitive; whitespace between tokens ignored):
//!
//! ```text
//! query      := or_expr END
//! or_expr    := and_expr ( OR and_expr )*
//! and_expr   := not_expr ( AND not_expr )*
//! not_expr   := NOT not_expr | atom
//! atom       := '(' or_expr ')'
//!             | HAS '(' name ')'                 -- presence; a Null value counts as present
//!             | name op literal
//!             | literal op name                  -- same as `name flipped(op) literal`
//! op         := '==' | '!=' | '<' | '<=' | '>' | '>='
//! name       := [A-Za-z_][A-Za-z0-9_]*           -- not a keyword; `has` only before '('
//!             | '`' any chars '`'                -- backslash escapes as in strings
//!             | string                           -- only inside has(...)
//! literal    := string | int | float | TRUE | FALSE
//! string     := '...' | "..."                    -- escapes \\ \' \" \` \n \t \r \0 \u{X..} \uXXXX
//! int        := [+-]? digits                     -- beyond i64: read as a float
//! float      := [+-]? ( digits '.' digits? | '.' digits | digits ) ( [eE] [+-]? digits )?
//!                                                -- with a '.' or an exponent
//! ```
//!
//! Precedence: NOT binds tighter than AND, AND tighter than OR; a comparison is an atom, so
//! `NOT age > 30` is `NOT (age > 30)`. Nesting of parentheses and NOTs is limited to
//! 256 levels.
//!
//! Semantics (pandas' two-valued logic; details in `eval.rs`): a comparison with an absent or
//! Null value is false and `NOT` negates it; numbers of any width compare numerically and
//! exactly; bools with `true`/`false`; strings bytewise with strings; a comparison of
//! incompatible kinds is false for every operator, `!=` included. Evaluation is vectorised:
//! each comparison scans its column once into a mask over the entities.

mod eval;
mod lexer;
mod parser;
#[cfg(test)]
mod reference_tests;

pub use lexer::CmpOp;
pub use parser::{Expr, Literal};

use std::fmt;

use super::attr_table::AttrTable;
use super::error::{GraphError, GraphResult};

/// A parsed query, ready to evaluate against any attribute table.
#[derive(Clone, Debug, PartialEq)]
pub struct Query {
    expr: Expr,
}

impl Query {
    /// Parses `query`; a malformed one is `InvalidArgument` with the position (a 0-based char
    /// offset) and a caret under the query.
    pub fn parse(query: &str) -> GraphResult<Query> {
        parser::parse(query)
            .map(|expr| Query { expr })
            .map_err(|e| e.into_graph_error(query))
    }

    pub fn expr(&self) -> &Expr {
        &self.expr
    }

    /// Which of the entities `0..len` of `table` satisfy the query (entities the table has
    /// no attributes for are treated as having none).
    pub fn eval(&self, table: &AttrTable, len: usize) -> Vec<bool> {
        self.expr.eval(table, len)
    }
}

/// Prints the query in canonical form (it parses back to the same query).
impl fmt::Display for Query {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.expr.fmt(f)
    }
}

/// A lexing or parsing error at a char offset of the query.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct SyntaxError {
    pub pos: usize,
    pub msg: String,
}

impl SyntaxError {
    pub(crate) fn new(pos: usize, msg: String) -> SyntaxError {
        SyntaxError { pos, msg }
    }

    /// One message: what, where, and the query with a caret under the spot.
    pub(crate) fn into_graph_error(self, query: &str) -> GraphError {
        if query.trim().is_empty() {
            return GraphError::InvalidArgument("empty query".into());
        }
        // One char per char, so the caret lines up under the offending one.
        let shown: String = query
            .chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect();
        GraphError::InvalidArgument(format!(
            "{} at position {} in query:\n{}\n{}^",
            self.msg,
            self.pos,
            shown,
            " ".repeat(self.pos)
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn message(q: &str) -> String {
        match Query::parse(q) {
            Err(GraphError::InvalidArgument(m)) => m,
            other => panic!("{q:?} gave {other:?}"),
        }
    }

    #[test]
    fn errors_show_position_and_caret() {
        assert_eq!(
            message("age > 30 AND )"),
            "unexpected ')' at position 13 in query:\nage > 30 AND )\n             ^"
        );
        assert_eq!(message(""), "empty query");
        assert_eq!(message(" \n\t"), "empty query");
        assert_eq!(
            message("x == 'abc"),
            "unterminated string at position 5 in query:\nx == 'abc\n     ^"
        );
        assert_eq!(
            message("x\t= 1"),
            "unknown operator '=' (did you mean '=='?) at position 2 in query:\nx = 1\n  ^"
        );
        assert_eq!(
            message("é > "),
            "unexpected character 'é' (quote attribute names that are not plain ASCII \
             identifiers with backticks: `name`) at position 0 in query:\né > \n^"
        );
        assert_eq!(
            message("`é` > "),
            "expected a value (string, number, true or false) after '>', but the query ends \
             at position 6 in query:\n`é` > \n      ^"
        );
        for (q, start) in [
            ("(a == 1", "unclosed '('"),
            ("a == 1 2", "unexpected '2'"),
            ("a == 1.2.3", "bad number '1.2.3'"),
            ("has()", "has() needs an attribute name"),
            ("a >", "expected a value"),
        ] {
            assert!(message(q).starts_with(start), "{q}: {}", message(q));
        }
    }

    #[test]
    fn display_is_canonical() {
        let q = Query::parse("not `a b`>1 and (X == 'y' or has(z))").unwrap();
        assert_eq!(q.to_string(), "NOT `a b` > 1 AND (X == \"y\" OR has(z))");
        assert_eq!(Query::parse(&q.to_string()).unwrap(), q);
    }
}
