//! Rearranges cbindgen's header into the chapters of `groups.rs`. cbindgen writes every
//! constant and type first and then every function; this moves each declaration, unchanged,
//! into its group and puts the group's introducing comment in front.

use crate::header_arrow::ARROW_C_DATA_INTERFACE;
use crate::header_groups::{Group, GROUPS};

/// The `extern "C"` guards cbindgen writes around the functions (`cpp_compat`).
const EXTERN_OPEN: &str = "#ifdef __cplusplus\nextern \"C\" {\n#endif // __cplusplus\n";
const EXTERN_CLOSE: &str = "#ifdef __cplusplus\n}  // extern \"C\"\n#endif  // __cplusplus\n";

/// The header with its declarations grouped. Panics (failing the build) when the table and
/// the declarations disagree.
pub fn arrange(header: &str) -> String {
    let open = find_once(header, EXTERN_OPEN);
    let close = find_once(header, EXTERN_CLOSE);
    let includes_end = header[..open]
        .rfind("#include ")
        .and_then(|at| header[at..].find('\n').map(|end| at + end + 1))
        .expect("cbindgen writes the #include lines before the declarations");
    let types = items(&header[includes_end..open]);
    let functions = items(&header[open + EXTERN_OPEN.len()..close]);

    let type_names: Vec<String> = types.iter().map(|item| name_of(item)).collect();
    for group in GROUPS {
        for pattern in group.types {
            assert!(
                type_names.iter().any(|name| matches(pattern, name)),
                "header/groups.rs: {pattern} (group {:?}) matches no type or constant",
                group.title
            );
        }
    }
    // Types in the order the table lists them (cbindgen's order among one pattern's).
    let mut placed: Vec<(usize, usize, &str)> = types
        .into_iter()
        .zip(&type_names)
        .map(|(item, name)| {
            let (group, pattern) = place_of_type(name);
            (group, pattern, item)
        })
        .collect();
    placed.sort_by_key(|&(group, pattern, _)| (group, pattern));
    let mut grouped: Vec<Vec<&str>> = vec![Vec::new(); GROUPS.len()];
    for (group, _, item) in placed {
        grouped[group].push(item);
    }
    let mut current: Option<usize> = None;
    for item in functions {
        let name = name_of(item);
        if let Some(start) = GROUPS.iter().position(|g| g.first_function == name) {
            assert!(
                current.is_none_or(|c| c < start),
                "include/groggy.h: group {:?} starts at {name}, which cbindgen reads before \
                 an earlier group: fix the module order in src/ffi/mod.rs",
                GROUPS[start].title
            );
            current = Some(start);
        }
        let group = current.unwrap_or_else(|| {
            panic!("include/groggy.h: function {name} comes before the first group starts")
        });
        grouped[group].push(item);
    }
    for (group, items) in GROUPS.iter().zip(&grouped) {
        assert!(
            items
                .iter()
                .any(|item| name_of(item) == group.first_function),
            "include/groggy.h: group {:?} starts at {}, which the library does not export",
            group.title,
            group.first_function
        );
    }

    declared_before_use(&grouped, &type_names);

    let mut out = String::with_capacity(header.len() + 4096);
    out.push_str(header[..includes_end].trim_end());
    out.push('\n');
    out.push_str(ARROW_C_DATA_INTERFACE);
    out.push('\n');
    out.push_str(EXTERN_OPEN);
    for (group, items) in GROUPS.iter().zip(&grouped) {
        out.push('\n');
        out.push_str(&heading(group));
        for item in items {
            out.push('\n');
            out.push_str(item);
            out.push('\n');
        }
    }
    out.push('\n');
    out.push_str(&header[close..]);
    out
}

fn find_once(header: &str, what: &str) -> usize {
    let at = header
        .find(what)
        .unwrap_or_else(|| panic!("cbindgen's header has no {what:?}"));
    assert!(
        header[at + 1..].find(what).is_none(),
        "cbindgen's header has {what:?} twice"
    );
    at
}

/// The declarations of a stretch of the header: blank-line separated, each with its comment.
fn items(text: &str) -> Vec<&str> {
    text.split("\n\n")
        .map(str::trim)
        .filter(|item| !item.is_empty())
        .collect()
}

/// An item without its comment lines.
fn code_of(item: &str) -> String {
    item.lines()
        .filter(|line| !line.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The name an item declares: the macro, the typedef name or the function.
fn name_of(item: &str) -> String {
    let code = code_of(item);
    let identifier = |text: &str| -> String {
        text.chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect()
    };
    let name = if let Some(rest) = code.strip_prefix("#define ") {
        identifier(rest)
    } else if let Some(at) = code.find("(*") {
        identifier(&code[at + 2..])
    } else if code.starts_with("typedef ") {
        let body = code.trim_end().trim_end_matches(';');
        let start = body
            .rfind(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .map_or(0, |at| at + 1);
        body[start..].to_string()
    } else {
        let before = &code[..code.find('(').unwrap_or(0)];
        let start = before
            .rfind(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .map_or(0, |at| at + 1);
        before[start..].to_string()
    };
    assert!(!name.is_empty(), "cannot tell what this declares:\n{item}");
    name
}

/// Whether a pattern of the table (an exact name, or a prefix ending in `*`) names `name`.
fn matches(pattern: &str, name: &str) -> bool {
    match pattern.strip_suffix('*') {
        Some(prefix) => name.starts_with(prefix),
        None => name == pattern,
    }
}

/// The group a type or constant goes to, and which of the group's patterns names it.
fn place_of_type(name: &str) -> (usize, usize) {
    let places: Vec<(usize, usize)> = GROUPS
        .iter()
        .enumerate()
        .flat_map(|(g, group)| {
            group
                .types
                .iter()
                .enumerate()
                .filter(|(_, p)| matches(p, name))
                .map(move |(i, _)| (g, i))
        })
        .collect();
    match places[..] {
        [place] => place,
        [] => panic!("include/groggy.h: place {name} in a group of header/groups.rs"),
        _ => panic!("include/groggy.h: {name} matches several patterns of header/groups.rs"),
    }
}

/// Checks that no declaration names a type a later group declares: C would take the name
/// in a parameter list for a new type, and the compilers reject the header.
fn declared_before_use(grouped: &[Vec<&str>], type_names: &[String]) {
    let mut declared: Vec<String> = Vec::new();
    for (group, items) in GROUPS.iter().zip(grouped) {
        for item in items {
            let name = name_of(item);
            for word in code_of(item).split(|c: char| !(c.is_ascii_alphanumeric() || c == '_')) {
                assert!(
                    word == name
                        || !type_names.iter().any(|t| t == word)
                        || declared.iter().any(|d| d == word),
                    "include/groggy.h: {name} (group {:?}) uses {word}, which a later group \
                     declares: move {word} up in header/groups.rs",
                    group.title
                );
            }
            declared.push(name);
        }
    }
}

/// The comment that opens a group: a rule, the title, the introduction.
fn heading(group: &Group) -> String {
    let rule = format!("// {}\n", "=".repeat(86));
    let mut text = rule.clone();
    text.push_str(&format!("// {}\n//\n", group.title));
    for line in group.intro {
        text.push_str(&format!("// {line}\n"));
    }
    text.push_str(&rule);
    text
}
