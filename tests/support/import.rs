//! The import's files read into records and refusals (as text), and the examples it ships.

use finctl::import::{Kind, Mapping, Record, read_files};
use std::path::{Path, PathBuf};

/// `docs/examples/NAME`.
pub fn example(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("docs/examples")
        .join(name)
}

/// The mapping at `path` for `kind`, which must be good.
pub fn mapping(path: &Path, kind: Kind) -> Mapping {
    Mapping::load(path, kind).unwrap_or_else(|e| panic!("{e:?}"))
}

/// A mapping given as text, which must be good.
pub fn mapping_text(text: &str, kind: Kind) -> Mapping {
    let file = std::sync::Arc::from("map.toml");
    Mapping::parse(text, &file, kind).unwrap_or_else(|e| panic!("{e:?}"))
}

/// Every record of the files and every refusal, as `FILE:LINE: column: message`, with the
/// folder of the files taken out of the messages.
pub fn read(
    kind: Kind,
    paths: &[PathBuf],
    mapping: Option<&Mapping>,
) -> (Vec<Record>, Vec<String>) {
    let mut records = Vec::new();
    let errors = read_files(kind, paths, mapping, |r| records.push(r));
    let folders: Vec<String> = paths
        .iter()
        .filter_map(|p| p.parent())
        .map(|p| format!("{}/", p.display()))
        .collect();
    let errors = errors
        .iter()
        .map(|e| {
            let mut text = e.to_string();
            for folder in &folders {
                text = text.replace(folder.as_str(), "");
            }
            text
        })
        .collect();
    (records, errors)
}

/// A file named `name` in `dir` holding `text`.
pub fn file(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).expect("write a test file");
    path
}
