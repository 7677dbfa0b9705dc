//! The architecture rules, checked on the source text of `src/` and `tests/` (std only, no
//! parser): the layers look only left, no files import each other, the domain does no I/O, the
//! app is headless and runs no SQL, and no file is over 800 lines.
//!
//! The files read are this crate's, or those of the project folder `FINCTL_ARCH_ROOT` names (to
//! try the rules on another checkout: `FINCTL_ARCH_ROOT=/tmp/old cargo test --test integration
//! architecture::`). `cargo test --test integration architecture:: -- --nocapture` also prints
//! the cycles found.
//!
//! `//` comments (doc comments too) are not code here; string literals are read as code.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

/// The layers, left to right: `domain` <- `store` <- `files`, `handoff`, `import` <- `app` <-
/// `ui` <- `cli`; `presentation` (shared number formatting) stands on the domain alone; `demo`
/// writes through the store and only the cli runs it. Each layer, and the layers it must not
/// name.
const MUST_NOT_NAME: &[(&str, &str)] = &[
    (
        "domain",
        "store files handoff import app ui cli demo presentation",
    ),
    ("presentation", "store files handoff import app ui cli demo"),
    ("store", "files handoff import app ui cli demo"),
    ("files", "app ui cli demo"),
    ("handoff", "app ui cli demo"),
    ("import", "app ui cli demo"),
    ("demo", "files handoff import app ui cli"),
    ("app", "ui cli demo"),
    ("ui", "cli demo"),
    ("cli", ""),
];

/// Import cycles tolerated, each as its files (relative to `src/`, sorted). None: any cycle
/// fails the test.
const KNOWN_CYCLES: &[&str] = &[];

/// What the domain must not name: I/O and SQL.
const IO: &[&str] = &["std::fs", "std::io", "std::net", "std::process", "rusqlite"];
/// What the app must not name: the terminal and SQL.
const TERMINAL_AND_SQL: &[&str] = &["ratatui", "ratatui_textarea", "rusqlite"];
/// What the drawing of a screen must not name: SQL.
const SQL: &[&str] = &["rusqlite"];

const MAX_LINES: usize = 800;

// ---------------------------------------------------------------------------------------------
// The rules

/// Each `crate::`/`super::` path (in a `use`, braces expanded, or inline) made absolute: its
/// first name is the layer it reaches.
#[test]
fn layers_only_look_left() {
    let mut problems = Vec::new();
    for file in sources() {
        let Some(layer) = file.module.first() else {
            continue; // lib.rs and main.rs declare the layers
        };
        let Some((_, forbidden)) = MUST_NOT_NAME.iter().find(|(l, _)| l == layer) else {
            problems.push(format!(
                "{}: `{layer}` is in no layer of MUST_NOT_NAME",
                file.shown
            ));
            continue;
        };
        let mut seen = BTreeSet::new();
        for (at, path) in crate_paths(&file.code) {
            let target = absolute(&file.module, &path);
            let Some(other) = target.first() else {
                continue;
            };
            let line = line_of(&file.code, at);
            if forbidden.split(' ').any(|f| f == other) && seen.insert((line, other.clone())) {
                problems.push(format!(
                    "{}:{line}: {layer} names {} (`{other}` is to the right of `{layer}`)",
                    file.shown,
                    path.join("::")
                ));
            }
        }
    }
    assert!(
        problems.is_empty(),
        "a layer names a layer to its right (see MUST_NOT_NAME in tests/architecture.rs):\n{}",
        problems.join("\n")
    );
}

#[test]
fn no_file_imports_itself_through_others() {
    let graph = import_graph(&project().join("src"));
    let cycles = cycles(&graph);
    for cycle in &cycles {
        println!("{} files: {}", cycle.len(), cycle.join(" "));
    }
    println!("{} cycle(s)", cycles.len());
    let unexpected: Vec<String> = (cycles.iter())
        .filter(|c| !KNOWN_CYCLES.contains(&c.join(" ").as_str()))
        .map(|c| describe_cycle(&graph, c))
        .collect();
    assert!(
        unexpected.is_empty(),
        "{} cycle(s) of files that import each other (directly or through others); \
         take one of these imports away in each:\n{}",
        unexpected.len(),
        unexpected.join("\n")
    );
}

#[test]
fn the_domain_does_no_io() {
    let problems = naming(|layer| (layer == "domain").then_some(IO));
    assert!(
        problems.is_empty(),
        "the domain does no I/O (it names no {}):\n{}",
        IO.join(", "),
        problems.join("\n")
    );
}

#[test]
fn the_app_is_headless_and_runs_no_sql() {
    let problems = naming(|layer| match layer {
        "app" => Some(TERMINAL_AND_SQL),
        "ui" => Some(SQL),
        _ => None,
    });
    assert!(
        problems.is_empty(),
        "the app is headless (no ratatui nor ratatui_textarea under src/app) and no screen runs \
         SQL (no rusqlite under src/app nor src/ui):\n{}",
        problems.join("\n")
    );
}

#[test]
fn no_file_over_800_lines() {
    let mut problems = Vec::new();
    for dir in ["src", "tests"] {
        for path in rust_files(&project().join(dir)) {
            let lines = read(&path).lines().count();
            if lines > MAX_LINES {
                problems.push(format!("{}: {lines} lines", shown(&path)));
            }
        }
    }
    assert!(
        problems.is_empty(),
        "files over {MAX_LINES} lines; split them:\n{}",
        problems.join("\n")
    );
}

/// Cargo finds no test file by itself (`autotests = false`): each file in `tests/` is a module
/// of `tests/integration.rs` or a `[[test]]` of its own in Cargo.toml, or it never runs.
#[test]
fn every_test_file_is_run() {
    let root = project();
    let manifest = read(&root.join("Cargo.toml"));
    if !manifest.contains("autotests = false") {
        return;
    }
    let crate_root = read(&root.join("tests/integration.rs"));
    let mut not_run = Vec::new();
    let files = fs::read_dir(root.join("tests")).expect("tests/");
    for entry in files {
        let path = entry.expect("a folder entry").path();
        let (Some(stem), Some("rs")) = (
            path.file_stem().and_then(|s| s.to_str()),
            path.extension().and_then(|x| x.to_str()),
        ) else {
            continue;
        };
        let a_module = crate_root
            .lines()
            .any(|l| l.trim() == format!("mod {stem};"));
        let a_crate = manifest.contains(&format!("path = \"tests/{stem}.rs\""));
        if !a_module && !a_crate {
            not_run.push(shown(&path));
        }
    }
    assert!(
        not_run.is_empty(),
        "test files nothing runs; add them to tests/integration.rs (`mod NAME;`):\n{}",
        not_run.join("\n")
    );
}

// ---------------------------------------------------------------------------------------------
// The files

/// The project checked: this crate, or the folder `FINCTL_ARCH_ROOT` names.
fn project() -> PathBuf {
    match std::env::var_os("FINCTL_ARCH_ROOT") {
        Some(root) => PathBuf::from(root),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR")),
    }
}

/// A file as messages name it: `src/app/work.rs`.
fn shown(path: &Path) -> String {
    let relative = path.strip_prefix(project()).unwrap_or(path);
    relative.to_string_lossy().replace('\\', "/")
}

/// Every `.rs` file under `dir`, sorted.
fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut folders = vec![dir.to_path_buf()];
    while let Some(folder) = folders.pop() {
        let entries = fs::read_dir(&folder);
        let entries = entries.unwrap_or_else(|e| panic!("cannot read {}: {e}", folder.display()));
        for entry in entries {
            let entry = entry.expect("a folder entry");
            let path = entry.path();
            if entry.file_type().is_ok_and(|t| t.is_dir()) {
                folders.push(path);
            } else if path.extension().is_some_and(|x| x == "rs") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

/// A file's text, its line ends as `\n` (as Python reads it).
fn read(path: &Path) -> String {
    let text = fs::read_to_string(path);
    let text = text.unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    text.replace("\r\n", "\n").replace('\r', "\n")
}

/// A file of `src/`.
struct Source {
    /// `src/app/work.rs`
    shown: String,
    /// `app/work.rs` (relative to `src/`)
    relative: String,
    /// `["app", "work"]`; `mod.rs` is its folder's module, `lib.rs` and `main.rs` the root.
    module: Vec<String>,
    /// The text without its `//` comments (each line keeps its number).
    code: Vec<char>,
}

fn sources() -> Vec<Source> {
    sources_in(&project().join("src"))
}

fn sources_in(src: &Path) -> Vec<Source> {
    let source = |path: PathBuf| {
        let relative = path.strip_prefix(src).expect("a file under src/");
        let mut module: Vec<String> = (relative.with_extension("").components())
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        if module.last().is_some_and(|m| m == "mod") {
            module.pop();
        }
        if module == ["lib"] || module == ["main"] {
            module.clear();
        }
        Source {
            shown: shown(&path),
            relative: relative.to_string_lossy().replace('\\', "/"),
            module,
            code: without_comments(&read(&path)),
        }
    };
    rust_files(src).into_iter().map(source).collect()
}

// ---------------------------------------------------------------------------------------------
// Paths in the text: `crate::`/`super::`/`self::` paths and `use child::` paths, braces expanded

fn is_word(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

fn starts(s: &[char], at: usize, literal: &str) -> bool {
    literal
        .chars()
        .enumerate()
        .all(|(i, c)| s.get(at + i) == Some(&c))
}

fn word_end(s: &[char], mut i: usize) -> usize {
    while i < s.len() && is_word(s[i]) {
        i += 1;
    }
    i
}

/// `\b` before a word character at `at`.
fn word_starts(s: &[char], at: usize) -> bool {
    at == 0 || !is_word(s[at - 1])
}

/// `(?:::\w+)*` from `end`: where a path goes on to.
fn path_end(s: &[char], mut end: usize) -> usize {
    while starts(s, end, "::") && s.get(end + 2).is_some_and(|&c| is_word(c)) {
        end = word_end(s, end + 2);
    }
    end
}

fn find(s: &[char], from: usize, c: char) -> Option<usize> {
    (from..s.len()).find(|&i| s[i] == c)
}

fn text(s: &[char]) -> String {
    s.iter().collect()
}

fn line_of(s: &[char], at: usize) -> usize {
    1 + s[..at].iter().filter(|&&c| c == '\n').count()
}

fn without_whitespace(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

fn segments(path: &str) -> impl Iterator<Item = String> + '_ {
    path.split("::").filter(|s| !s.is_empty()).map(String::from)
}

/// `re.sub(r'//[^\n]*', '', src)`
fn without_comments(src: &str) -> Vec<char> {
    let s: Vec<char> = src.chars().collect();
    let mut code = Vec::with_capacity(s.len());
    let mut i = 0;
    while i < s.len() {
        if starts(&s, i, "//") {
            i = find(&s, i, '\n').unwrap_or(s.len());
        } else {
            code.push(s[i]);
            i += 1;
        }
    }
    code
}

/// The matches `re.finditer` finds: `at_match(at)` is the match starting at `at` and where it
/// ends; the search goes on after a match, or at the next character.
fn find_all<T>(s: &[char], at_match: impl Fn(usize) -> Option<(T, usize)>) -> Vec<T> {
    let mut found = Vec::new();
    let mut at = 0;
    while at < s.len() {
        match at_match(at) {
            Some((item, end)) => {
                found.push(item);
                at = end;
            }
            None => at += 1,
        }
    }
    found
}

/// `\buse\s+`: where what the `use` at `at` uses starts.
fn after_use(s: &[char], at: usize) -> Option<usize> {
    if !word_starts(s, at) || !starts(s, at, "use") {
        return None;
    }
    let mut i = at + 3;
    while i < s.len() && s[i].is_whitespace() {
        i += 1;
    }
    (i > at + 3).then_some(i)
}

/// `\buse\s+((?:crate|super|self)\b[^;]*);`: where each such `use` starts, and its tree.
fn uses_of_crate_paths(s: &[char]) -> Vec<(usize, String)> {
    find_all(s, |at| {
        let start = after_use(s, at)?;
        let end = word_end(s, start);
        if !matches!(text(&s[start..end]).as_str(), "crate" | "super" | "self") {
            return None;
        }
        let semicolon = find(s, end, ';')?;
        Some(((at, text(&s[start..semicolon])), semicolon + 1))
    })
}

/// `\buse\s+(\w+)((?:::[^;]*)?);`: where each such `use` starts, its first name and the rest.
fn uses_of_names(s: &[char]) -> Vec<(usize, String, String)> {
    find_all(s, |at| {
        let start = after_use(s, at)?;
        let end = word_end(s, start);
        if end == start {
            return None;
        }
        let rest = starts(s, end, "::")
            .then(|| find(s, end + 2, ';'))
            .flatten();
        let rest = rest.or((s.get(end) == Some(&';')).then_some(end))?;
        let found = (at, text(&s[start..end]), text(&s[end..rest]));
        Some((found, rest + 1))
    })
}

/// `\b((?:crate|super)(?:::\w+)+)`: where each such path starts, and its names.
fn inline_crate_paths(s: &[char]) -> Vec<(usize, Vec<String>)> {
    find_all(s, |at| {
        if !word_starts(s, at) || !(starts(s, at, "crate") || starts(s, at, "super")) {
            return None;
        }
        let end = path_end(s, at + 5);
        let names = text(&s[at..end]).split("::").map(String::from).collect();
        (end > at + 5).then_some(((at, names), end))
    })
}

/// Every `crate::`/`super::`/`self::` path of a `use` (braces expanded) and every `crate::` or
/// `super::` path written inline, with where it starts.
fn crate_paths(code: &[char]) -> Vec<(usize, Vec<String>)> {
    let mut paths = Vec::new();
    for (at, tree) in uses_of_crate_paths(code) {
        paths.extend(
            expand(&[], &without_whitespace(&tree))
                .into_iter()
                .map(|p| (at, p)),
        );
    }
    paths.extend(inline_crate_paths(code));
    paths
}

/// The paths of a `use` tree: `a::{b, c::{d, e as f}}` is `a::b`, `a::c::d`, `a::c::e`.
fn expand(prefix: &[String], body: &str) -> Vec<Vec<String>> {
    let mut parts = Vec::new();
    let mut depth = 0;
    let mut current = String::new();
    for c in body.chars() {
        if c == '{' {
            depth += 1;
        }
        if c == '}' {
            depth -= 1;
        }
        if c == ',' && depth == 0 {
            parts.push(std::mem::take(&mut current));
        } else {
            current.push(c);
        }
    }
    parts.push(current);
    let mut paths = Vec::new();
    for part in parts.iter().map(|p| p.trim()).filter(|p| !p.is_empty()) {
        if let Some((head, inside)) = braced(part) {
            let deeper: Vec<String> = prefix.iter().cloned().chain(segments(head)).collect();
            paths.extend(expand(&deeper, inside));
        } else if part.len() >= 2 && part.starts_with('{') && part.ends_with('}') {
            paths.extend(expand(prefix, &part[1..part.len() - 1]));
        } else {
            let name = part.split(" as ").next().unwrap_or_default().trim();
            paths.push(prefix.iter().cloned().chain(segments(name)).collect());
        }
    }
    paths
}

/// `^([\w:]*?)::\{(.*)\}$`: the head and the inside of `head::{inside}`.
fn braced(part: &str) -> Option<(&str, &str)> {
    if !part.ends_with('}') {
        return None;
    }
    for (k, c) in part.char_indices() {
        if part[k..].starts_with("::{") && k + 3 < part.len() {
            return Some((&part[..k], &part[k + 3..part.len() - 1]));
        }
        if !(is_word(c) || c == ':') {
            return None;
        }
    }
    None
}

/// Where a `crate::`, `super::` or `self::` path from `module` starts, and the rest of it (the
/// super of the root is the root; a `super` in an inline module is taken as the file's).
fn anchor<'p>(module: &[String], path: &'p [String]) -> (Vec<String>, &'p [String]) {
    if path.first().is_some_and(|s| s == "crate") {
        return (Vec::new(), &path[1..]);
    }
    let mut start = module.to_vec();
    let mut rest = path;
    while let Some(first) = rest.first() {
        match first.as_str() {
            "super" => drop(start.pop()),
            "self" => {}
            _ => break,
        }
        rest = &rest[1..];
    }
    (start, rest)
}

/// A path made absolute (its first name is a layer, or a file of the root).
fn absolute(module: &[String], path: &[String]) -> Vec<String> {
    let (mut start, rest) = anchor(module, path);
    start.extend(rest.iter().cloned());
    start
}

// ---------------------------------------------------------------------------------------------
// Names from outside the crate

/// Every path the code names, with where: each path of each `use` (braces expanded) and each
/// path written in the code (`std::fs::read`, `::rusqlite::Error`).
fn paths_named(s: &[char]) -> Vec<(usize, Vec<String>)> {
    let found = find_all(s, |at| {
        if let Some(start) = after_use(s, at)
            && let Some(semicolon) = find(s, start, ';')
        {
            // Whitespace out, but `x as y` kept apart.
            let used = text(&s[start..semicolon]);
            let words: Vec<&str> = used.split_whitespace().collect();
            let mut tree = String::new();
            for (i, &word) in words.iter().enumerate() {
                if i > 0 && (word == "as" || words[i - 1] == "as") {
                    tree.push(' ');
                }
                tree.push_str(word);
            }
            let paths = expand(&[], &tree).into_iter().map(|p| (at, p)).collect();
            return Some((paths, semicolon + 1));
        }
        if !word_starts(s, at) || !is_word(s[at]) {
            return None;
        }
        let end = path_end(s, word_end(s, at));
        Some((vec![(at, segments(&text(&s[at..end])).collect())], end))
    });
    found.into_iter().flatten().collect()
}

/// Where files of a layer name a path that one of `forbidden(layer)` starts.
fn naming(forbidden: impl Fn(&str) -> Option<&'static [&'static str]>) -> Vec<String> {
    let mut problems = Vec::new();
    for file in sources() {
        let Some(forbidden) = file.module.first().and_then(|layer| forbidden(layer)) else {
            continue;
        };
        let mut seen = BTreeSet::new();
        for (at, path) in paths_named(&file.code) {
            for prefix in forbidden {
                let prefix: Vec<&str> = prefix.split("::").collect();
                if path.len() >= prefix.len() && path.iter().zip(&prefix).all(|(a, b)| a == b) {
                    let line = line_of(&file.code, at);
                    if seen.insert((line, prefix.join("::"))) {
                        problems.push(format!("{}:{line}: {}", file.shown, path.join("::")));
                    }
                }
            }
        }
    }
    problems
}

// ---------------------------------------------------------------------------------------------
// The import graph between files, and its cycles (Tarjan's strongly connected components)

/// Each file by its module, with the modules it names and the first line naming each.
type Graph = BTreeMap<Vec<String>, (Source, BTreeMap<Vec<String>, usize>)>;

/// A file names the deepest module with a file that each of its `crate::`/`super::`/`self::`
/// paths (in a `use`, braces expanded, or inline) and each `use child::...` reaches. What follows
/// the first `#[cfg(test)]` (a file's unit tests) is not read, and `mod child;` is no import.
fn import_graph(src: &Path) -> Graph {
    let files = sources_in(src);
    let modules: BTreeSet<Vec<String>> = files.iter().map(|f| f.module.clone()).collect();
    let mut graph = Graph::new();
    for file in files {
        let cut = (0..file.code.len()).find(|&i| starts(&file.code, i, "#[cfg(test)]"));
        let code = &file.code[..cut.unwrap_or(file.code.len())];
        let mut named = crate_paths(code);
        for (at, first, rest) in uses_of_names(code) {
            if ["crate", "super", "self", "std", "core"].contains(&first.as_str()) {
                continue;
            }
            for path in expand(&[], &without_whitespace(&(first + &rest))) {
                named.push((at, [vec!["self".to_string()], path].concat()));
            }
        }
        let mut edges = BTreeMap::new();
        for (at, path) in named {
            match resolve(&modules, &file.module, &path) {
                Some(target) if target != file.module => {
                    let line = line_of(code, at);
                    let first = edges.entry(target).or_insert(line);
                    *first = line.min(*first);
                }
                _ => {}
            }
        }
        // lib.rs and main.rs are both the root: the last read stands for it, as in the script.
        graph.insert(file.module.clone(), (file, edges));
    }
    graph
}

/// The deepest module with a file that `path` names from `module`.
fn resolve(
    modules: &BTreeSet<Vec<String>>,
    module: &[String],
    path: &[String],
) -> Option<Vec<String>> {
    let (mut current, rest) = anchor(module, path);
    let mut best = modules.contains(&current).then(|| current.clone());
    for name in rest {
        current.push(name.clone());
        if !modules.contains(&current) {
            break;
        }
        best = Some(current.clone());
    }
    best
}

/// Tarjan's strongly connected components, over the files by number.
struct Tarjan {
    edges: Vec<Vec<usize>>,
    index: Vec<Option<usize>>,
    low: Vec<usize>,
    stack: Vec<usize>,
    on_stack: Vec<bool>,
    components: Vec<Vec<usize>>,
    visited: usize,
}

impl Tarjan {
    fn strong(&mut self, v: usize) {
        let i = self.visited;
        self.visited += 1;
        self.index[v] = Some(i);
        self.low[v] = i;
        self.stack.push(v);
        self.on_stack[v] = true;
        for w in self.edges[v].clone() {
            match self.index[w] {
                None => {
                    self.strong(w);
                    self.low[v] = self.low[v].min(self.low[w]);
                }
                Some(j) if self.on_stack[w] => self.low[v] = self.low[v].min(j),
                Some(_) => {}
            }
        }
        if self.index[v] == Some(self.low[v]) {
            let mut component = Vec::new();
            while let Some(w) = self.stack.pop() {
                self.on_stack[w] = false;
                component.push(w);
                if w == v {
                    break;
                }
            }
            self.components.push(component);
        }
    }
}

/// The strongly connected components of more than one file, each as its files (relative to
/// `src/`, sorted), sorted.
fn cycles(graph: &Graph) -> Vec<Vec<String>> {
    let modules: Vec<&Vec<String>> = graph.keys().collect();
    let number = |m: &Vec<String>| modules.binary_search(&m).expect("a module with a file");
    let n = modules.len();
    let mut tarjan = Tarjan {
        edges: (graph.values().map(|(_, e)| e.keys().map(number).collect())).collect(),
        index: vec![None; n],
        low: vec![0; n],
        stack: Vec::new(),
        on_stack: vec![false; n],
        components: Vec::new(),
        visited: 0,
    };
    for v in 0..n {
        if tarjan.index[v].is_none() {
            tarjan.strong(v);
        }
    }
    let files = |c: &Vec<usize>| {
        let mut files: Vec<String> = c
            .iter()
            .map(|&v| graph[modules[v]].0.relative.clone())
            .collect();
        files.sort();
        files
    };
    let mut cycles: Vec<Vec<String>> = (tarjan.components.iter())
        .filter(|c| c.len() > 1)
        .map(files)
        .collect();
    cycles.sort();
    cycles
}

/// A cycle's files, and where each names another of them.
fn describe_cycle(graph: &Graph, cycle: &[String]) -> String {
    let mut lines = vec![format!("{} files: {}", cycle.len(), cycle.join(" "))];
    for (file, edges) in graph.values().filter(|(f, _)| cycle.contains(&f.relative)) {
        let mut inside: Vec<(usize, &Source)> = (edges.iter())
            .map(|(target, &line)| (line, &graph[target].0))
            .filter(|(_, target)| cycle.contains(&target.relative))
            .collect();
        inside.sort_by_key(|&(line, _)| line);
        for (line, target) in inside {
            lines.push(format!("  {}:{line} names {}", file.shown, target.shown));
        }
    }
    lines.join("\n")
}
