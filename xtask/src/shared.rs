//! Finding `../shared`, the reference data beside the checkout (read in place,
//! never copied). When a path is missing, a newcomer's clone skips the check
//! with a `skipped:` line, while CI (`CI=true`, as `.ci/run` sets) fails: a run
//! that silently checked nothing must not pass there.
//!
//! Std only, so that test crates which cannot depend on `xtask` (the
//! generator's own) include it by path.

use std::path::{Path, PathBuf};

/// `../shared/<relative>` beside the checkout, or `None` with a `skipped:`
/// line naming `test`; panics instead under CI.
pub fn path(relative: &str, test: &str) -> Option<PathBuf> {
    path_in(&root().join(relative), test, under_ci())
}

/// [`path`] for a whole path, with `ci` saying whether a miss fails.
pub fn path_in(path: &Path, test: &str, ci: bool) -> Option<PathBuf> {
    if path.exists() {
        return Some(path.to_path_buf());
    }
    let why = format!(
        "{test}: {} not found (../shared is absent in this checkout)",
        path.display()
    );
    assert!(!ci, "{why}; CI=true, so this fails instead of skipping");
    eprintln!("skipped: {why}");
    None
}

/// The shared folder: beside the workspace, whichever of its crates asks.
fn root() -> PathBuf {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().unwrap_or(manifest).join("../shared")
}

/// Whether this run is CI's (`CI=true`, or `1` as some runners write it).
pub fn under_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v.eq_ignore_ascii_case("true") || v == "1")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_present_path_is_returned() {
        let here = Path::new(env!("CARGO_MANIFEST_DIR"));
        assert_eq!(path_in(here, "t", true).as_deref(), Some(here));
    }

    #[test]
    fn a_missing_path_skips_outside_ci() {
        assert_eq!(path_in(Path::new("/no/such/shared/file"), "t", false), None);
    }

    #[test]
    #[should_panic(expected = "CI=true, so this fails instead of skipping")]
    fn a_missing_path_fails_under_ci() {
        path_in(Path::new("/no/such/shared/file"), "t", true);
    }
}
