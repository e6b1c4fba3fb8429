//! Walks the built site's files for the commands that rewrite it (`fingerprint`,
//! `precompress`), in one order on every machine, with errors that name the path.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::CliError;

/// The regular files under `dir`, depth first and sorted by name, that `keep` accepts,
/// leaving out the folders in `skip`. Symbolic links are skipped: the site is built from
/// real files.
pub fn files_under(
    dir: &Path,
    skip: &[&Path],
    keep: &dyn Fn(&Path) -> bool,
) -> Result<Vec<PathBuf>, CliError> {
    let mut out = Vec::new();
    walk(dir, skip, keep, &mut out)?;
    Ok(out)
}

fn walk(
    dir: &Path,
    skip: &[&Path],
    keep: &dyn Fn(&Path) -> bool,
    out: &mut Vec<PathBuf>,
) -> Result<(), CliError> {
    let mut entries: Vec<_> = fs::read_dir(dir)
        .map_err(|e| failed("read", dir, e))?
        .collect::<Result<_, _>>()
        .map_err(|e| failed("read", dir, e))?;
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let path = entry.path();
        let kind = entry.file_type().map_err(|e| failed("read", &path, e))?;
        if kind.is_dir() {
            if !skip.contains(&path.as_path()) {
                walk(&path, skip, keep, out)?;
            }
        } else if kind.is_file() && keep(&path) {
            out.push(path);
        }
    }
    Ok(())
}

/// A failed file operation, as the command reports it: "cannot read 'dist/x': …".
pub fn failed(what: &str, path: &Path, e: io::Error) -> CliError {
    CliError::Failed(format!("cannot {what} '{}': {e}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_come_sorted_depth_first_without_the_skipped_folders() {
        let dir = std::env::temp_dir().join(format!("coalition-site-files-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        for file in ["b.js", "a/z.css", "a/y.txt", "pkg/m.js", "c.html"] {
            let path = dir.join(file);
            fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
            fs::write(path, "x").expect("write");
        }
        let pkg = dir.join("pkg");
        let not_txt = |p: &Path| p.extension().is_some_and(|e| e != "txt");
        let found = files_under(&dir, &[pkg.as_path()], &not_txt).expect("walk");
        let names: Vec<_> = found
            .iter()
            .map(|p| {
                p.strip_prefix(&dir)
                    .expect("under")
                    .to_string_lossy()
                    .into_owned()
            })
            .collect();
        assert_eq!(names, ["a/z.css", "b.js", "c.html"]);
        let missing = files_under(&dir.join("none"), &[], &not_txt).expect_err("no folder");
        assert!(
            missing.to_string().starts_with("cannot read '"),
            "{missing}"
        );
        fs::remove_dir_all(&dir).expect("clean up");
    }
}
