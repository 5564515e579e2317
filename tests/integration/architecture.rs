//! The architecture, checked: the library's modules, and the files of every
//! folder (the fake server's and the test drivers' included), import one another
//! without a cycle; the argument parser stays in the binary; stage names are
//! never re-parsed; and files stay small enough to read (functions: clippy's
//! `too_many_lines`, at 80 lines, in `clippy.toml`).

use crate::support::{files, read};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use super::support::root;

/// Files of the binary (the command line), which may use anything.
fn is_binary(rel: &str) -> bool {
    rel == "main.rs" || rel.starts_with("cli/") || rel.starts_with("cmd/")
}

fn is_test(rel: &str) -> bool {
    rel.ends_with("_tests.rs") || rel.ends_with("/tests.rs")
}

/// Every `.rs` file under `src/`, relative to it, with its text.
fn sources() -> Vec<(String, String)> {
    sources_in("src")
}

/// Every `.rs` file under `dir` (relative to the project), relative to it.
fn sources_in(dir: &str) -> Vec<(String, String)> {
    let base = root().join(dir);
    let rel = |p: &Path| p.strip_prefix(&base).unwrap().to_string_lossy().replace('\\', "/");
    files(&base, "**/*.rs").iter().map(|p| (rel(p), read(p))).collect()
}

/// The top-level module a file belongs to: `check/grounding.rs` → `check`.
fn module_of(rel: &str) -> String {
    let first = rel.split('/').next().unwrap_or(rel);
    first.trim_end_matches(".rs").to_string()
}

/// Code without line comments, so prose that names a module is not an import.
fn code(text: &str) -> String {
    text.lines()
        .map(|l| match l.find("//") {
            Some(i) if !l[..i].contains('"') => &l[..i],
            _ => l,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The top-level modules a file names through `crate::`, including the names
/// inside `use crate::{a, b::c}` groups.
fn imports(text: &str) -> BTreeSet<String> {
    let nested = regex::Regex::new(r"\{[^{}]*\}").unwrap();
    let path = regex::Regex::new(r"crate::(?:(\w+)|\{([^;]*)\})").unwrap();
    let mut out = BTreeSet::new();
    for m in path.captures_iter(&code(text)) {
        if let Some(name) = m.get(1) {
            out.insert(name.as_str().to_string());
            continue;
        }
        // A group: drop the nested groups, then each item's first name.
        let mut group = m[2].to_string();
        while nested.is_match(&group) {
            group = nested.replace_all(&group, "").into_owned();
        }
        let names =
            group.split(',').filter_map(|item| item.trim().split("::").next()).filter(|n| !n.is_empty());
        out.extend(names.map(str::to_string));
    }
    out
}

/// The library's import graph, module by module (tests and the binary left out).
fn graph() -> Graph {
    let mut g = Graph::new();
    for (rel, text) in sources() {
        if is_binary(&rel) || is_test(&rel) || rel == "lib.rs" {
            continue;
        }
        let m = module_of(&rel);
        let deps = g.entry(m.clone()).or_default();
        deps.extend(imports(&text).into_iter().filter(|d| *d != m && d != "self"));
    }
    g
}

type Graph = BTreeMap<String, BTreeSet<String>>;

/// A cycle in `g`, if there is one, as the modules along it.
fn find_cycle(g: &Graph) -> Option<Vec<String>> {
    // Depth first: `path` holds the modules being visited, `seen` every one entered.
    fn visit(n: &str, g: &Graph, path: &mut Vec<String>, seen: &mut BTreeSet<String>) -> Option<Vec<String>> {
        if let Some(start) = path.iter().position(|p| p == n) {
            return Some([&path[start..], &[n.to_string()]].concat());
        }
        if !seen.insert(n.to_string()) {
            return None;
        }
        path.push(n.to_string());
        let cycle = g.get(n).into_iter().flatten().find_map(|d| visit(d, g, path, seen));
        path.pop();
        cycle
    }
    let mut seen = BTreeSet::new();
    g.keys().find_map(|n| visit(n, g, &mut Vec::new(), &mut seen))
}

#[test]
fn the_library_has_no_import_cycle() {
    let g = graph();
    assert!(g.len() > 10, "the graph was read: {g:?}");
    if let Some(cycle) = find_cycle(&g) {
        panic!("import cycle: {}", cycle.join(" → "));
    }
}

#[test]
fn the_cycle_finder_finds_a_planted_cycle() {
    let mut g = graph();
    g.entry("article".into()).or_default().insert("render".into());
    let cycle = find_cycle(&g).expect("article → render → article is a cycle");
    assert!(cycle.contains(&"article".to_string()), "{cycle:?}");
    assert_eq!(
        imports("use crate::{fsutil, llm::{A, B}};\nlet x = crate::ident::Stage::Brief;"),
        ["fsutil", "ident", "llm"].iter().map(|s| s.to_string()).collect()
    );
}

#[test]
fn only_the_binary_knows_the_argument_parser() {
    for (rel, text) in sources() {
        if is_binary(&rel) {
            continue;
        }
        let code = code(&text);
        assert!(
            !code.contains("clap::") && !code.contains("crate::cli") && !code.contains("crate::cmd"),
            "src/{rel} uses the command line"
        );
        assert!(!code.contains("process::exit"), "src/{rel} exits the process; return an error instead");
    }
}

#[test]
fn stage_names_are_never_reparsed() {
    for (rel, text) in sources() {
        let code = code(&text);
        for banned in ["split(':')", "split_once(':')", "== \"extractive\"", "\"Source \""] {
            assert!(!code.contains(banned), "src/{rel} contains `{banned}`");
        }
    }
}

#[test]
fn files_stay_readable() {
    let mut long = Vec::new();
    for dir in ["src", "fake-llm/src", "testkit/src"] {
        for (rel, text) in sources_in(dir) {
            let lines = text.lines().count();
            if lines > 400 {
                long.push(format!("{dir}/{rel}: {lines} lines (at most 400)"));
            }
        }
    }
    assert!(long.is_empty(), "{}", long.join("\n"));
}

/// Per folder, the sibling files each file imports: `super::NAME` from a file
/// beside NAME, or `crate::PATH::NAME` naming the folder (`crate::NAME` at the
/// crate's root). A folder's `mod.rs`, `lib.rs` and `main.rs` and tests are
/// left out: they are the folder itself.
fn folder_graphs(dir: &str) -> BTreeMap<String, Graph> {
    let mut folders: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
    for (rel, text) in sources_in(dir) {
        let (folder, file) = rel.rsplit_once('/').unwrap_or(("", rel.as_str()));
        let stem = file.trim_end_matches(".rs").to_string();
        if is_test(&rel) || stem == "tests" || ["mod", "lib", "main"].contains(&stem.as_str()) {
            continue;
        }
        let text = text.split("#[cfg(test)]").next().unwrap_or("").to_string();
        folders.entry(folder.to_string()).or_default().insert(stem, code(&text));
    }
    let mut out = BTreeMap::new();
    for (folder, files) in folders {
        let prefix = if folder.is_empty() {
            "crate::".to_string()
        } else {
            format!("crate::{}::", folder.replace('/', "::"))
        };
        let mut g = Graph::new();
        for (name, text) in &files {
            let deps = g.entry(name.clone()).or_default();
            for other in files.keys().filter(|o| *o != name) {
                let named = |p: &str| {
                    text.match_indices(&format!("{p}{other}")).any(|(i, m)| {
                        !text[i + m.len()..].starts_with(|c: char| c.is_alphanumeric() || c == '_')
                    })
                };
                if named("super::") || named(&prefix) {
                    deps.insert(other.clone());
                }
            }
        }
        out.insert(format!("{dir}/{folder}"), g);
    }
    out
}

#[test]
fn no_folder_has_an_import_cycle_between_its_files() {
    let mut checked = 0;
    for dir in ["src", "fake-llm/src", "testkit/src"] {
        for (folder, g) in folder_graphs(dir) {
            checked += g.len();
            if let Some(cycle) = find_cycle(&g) {
                panic!("import cycle in {folder}: {}", cycle.join(" → "));
            }
        }
    }
    assert!(checked > 100, "the folders were read ({checked} files)");
}

#[test]
fn the_folder_check_sees_files_import_each_other() {
    let graphs = folder_graphs("src");
    let check = &graphs["src/check"];
    assert!(check["grounding"].contains("claims"), "{check:?}");
    let fake = &folder_graphs("fake-llm/src")["fake-llm/src/"];
    assert!(fake["wire"].contains("request"), "{fake:?}");
}

/// The modules `lib.rs` declares.
fn library_modules() -> Vec<String> {
    let lib = read(root().join("src/lib.rs"));
    let decl = regex::Regex::new(r"(?m)^\s*(?:pub(?:\([^)]*\))?\s+)?mod\s+(\w+);").unwrap();
    decl.captures_iter(&lib).map(|c| c[1].to_string()).collect()
}

#[test]
fn the_readme_layout_names_every_module() {
    let readme = read(root().join("README.md"));
    let start = readme.find("src/main.rs, cli/, cmd/").expect("README has a layout block");
    let layout = &readme[start..];
    let layout = &layout[..layout.find("```").unwrap_or(layout.len())];
    let named = |m: &str| regex::Regex::new(&format!(r"(^|[\s,]){m}(/|\.rs)")).unwrap().is_match(layout);
    let modules = library_modules();
    assert!(modules.len() > 10, "{modules:?}");
    let missing: Vec<&String> = modules.iter().filter(|m| !named(m)).collect();
    assert!(missing.is_empty(), "README's layout omits {missing:?}");
}
