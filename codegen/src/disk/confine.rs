//! Paths confined to the output folder.
//!
//! A relative path the generator writes, reads or removes is resolved one
//! component at a time before anything is written. A symbolic link on the way
//! must lead back inside the folder; one that leads out stops the run with an
//! error naming the link and where it points. A link at the path itself is
//! reported to the caller, which follows it only when it stays inside and
//! otherwise refuses it or replaces the link (never what it points to). The
//! path that was checked is the path that is then used.

use std::fmt;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// The output folder, as the user named it and as the filesystem resolves it.
#[derive(Debug)]
pub(super) struct Folder {
    given: PathBuf,
    real: PathBuf,
}

/// Where one relative path lands on disk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Landing {
    /// What to read and write: the folder's real path and the relative path,
    /// with every link on the way resolved (and the last component's too,
    /// when it is a link that stays inside).
    pub path: PathBuf,
    /// The last component is a symbolic link.
    pub link: Option<Link>,
}

/// A symbolic link found at a generated path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Link {
    /// The link itself (in its resolved parent folder).
    pub at: PathBuf,
    /// What the link says it points to.
    pub target: PathBuf,
    /// Whether it resolves to a path inside the folder.
    pub inside: bool,
}

/// A symbolic link that leads out of the folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Escape {
    pub link: PathBuf,
    pub target: PathBuf,
    pub folder: PathBuf,
}

impl fmt::Display for Escape {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} is a symbolic link to {}, which is outside {}",
            self.link.display(),
            self.target.display(),
            self.folder.display()
        )
    }
}

impl Folder {
    /// The folder `dir`, resolved. A folder that does not exist yet resolves
    /// through its nearest existing ancestor.
    pub fn new(dir: &Path) -> Result<Self, String> {
        let mut existing = dir;
        let mut missing = Vec::new();
        let real = loop {
            match fs::canonicalize(existing) {
                Ok(real) => break real,
                Err(e) if e.kind() == io::ErrorKind::NotFound => {
                    if fs::symlink_metadata(existing).is_ok() {
                        return Err(format!(
                            "{} is a symbolic link to a folder that does not exist",
                            existing.display()
                        ));
                    }
                    match (existing.file_name(), existing.parent()) {
                        (Some(name), Some(parent)) => {
                            missing.push(name.to_owned());
                            existing = if parent.as_os_str().is_empty() {
                                Path::new(".")
                            } else {
                                parent
                            };
                        }
                        _ => return Err(format!("cannot resolve {}: {e}", dir.display())),
                    }
                }
                Err(e) => return Err(format!("cannot resolve {}: {e}", dir.display())),
            }
        };
        let real = missing.iter().rev().fold(real, |path, name| path.join(name));
        Ok(Self {
            given: dir.to_path_buf(),
            real,
        })
    }

    /// The folder as the filesystem resolves it.
    pub fn real(&self) -> &Path {
        &self.real
    }

    /// Resolves `relative` (plain components only, as the manifest rules
    /// require) inside the folder; an error when a link on the way leads out.
    pub fn resolve(&self, relative: &str) -> Result<Landing, Escape> {
        let names: Vec<_> = Path::new(relative).iter().collect();
        let mut current = self.real.clone();
        for (index, name) in names.iter().enumerate() {
            let next = current.join(name);
            let meta = match fs::symlink_metadata(&next) {
                Ok(meta) => meta,
                // Nothing there (or nothing readable): the rest is created as
                // plain folders and files under `current`.
                Err(_) => {
                    let path = names[index..].iter().fold(current, |path, name| path.join(name));
                    return Ok(Landing { path, link: None });
                }
            };
            if !meta.file_type().is_symlink() {
                current = next;
                continue;
            }
            let target = fs::read_link(&next).unwrap_or_default();
            let resolved = fs::canonicalize(&next).ok();
            let inside = resolved.as_ref().is_some_and(|r| r.starts_with(&self.real));
            let last = index + 1 == names.len();
            match (last, inside, resolved) {
                (true, true, Some(resolved)) => {
                    return Ok(Landing {
                        path: resolved,
                        link: Some(Link {
                            at: next,
                            target,
                            inside: true,
                        }),
                    })
                }
                (true, _, _) => {
                    return Ok(Landing {
                        path: next.clone(),
                        link: Some(Link {
                            at: next,
                            target,
                            inside: false,
                        }),
                    })
                }
                (false, true, Some(resolved)) => current = resolved,
                (false, _, _) => {
                    return Err(Escape {
                        link: self.shown(&next),
                        target,
                        folder: self.given.clone(),
                    })
                }
            }
        }
        Ok(Landing {
            path: current,
            link: None,
        })
    }

    /// `path` (under the real folder) as the user would write it: under the
    /// folder they named.
    pub fn shown(&self, path: &Path) -> PathBuf {
        match path.strip_prefix(&self.real) {
            Ok(relative) => self.given.join(relative),
            Err(_) => path.to_path_buf(),
        }
    }

    /// An escape through the link at the last component of a path.
    pub fn escape(&self, link: &Link) -> Escape {
        Escape {
            link: self.shown(&link.at),
            target: link.target.clone(),
            folder: self.given.clone(),
        }
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;

    #[test]
    fn plain_paths_land_under_the_real_folder() {
        let dir = tempfile::tempdir().expect("temp dir");
        let folder = Folder::new(&dir.path().join("new/crate")).expect("resolves");
        let landing = folder.resolve("src/lib.rs").expect("inside");
        assert_eq!(
            landing.path,
            fs::canonicalize(dir.path()).expect("real").join("new/crate/src/lib.rs")
        );
        assert_eq!(landing.link, None);
    }

    #[test]
    fn a_folder_link_out_is_an_escape_naming_it() {
        let dir = tempfile::tempdir().expect("temp dir");
        let (root, outside) = (dir.path().join("crate"), dir.path().join("outside"));
        fs::create_dir_all(root.join("src")).expect("mkdir");
        fs::create_dir_all(&outside).expect("mkdir");
        symlink(&outside, root.join("src/generated")).expect("link");
        let folder = Folder::new(&root).expect("resolves");
        let escape = folder.resolve("src/generated/mod.rs").expect_err("leads out");
        assert_eq!(escape.link, root.join("src/generated"));
        assert_eq!(escape.target, outside);
        assert!(escape.to_string().contains("outside"), "{escape}");
    }

    #[test]
    fn links_that_stay_inside_are_followed() {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path().join("crate");
        fs::create_dir_all(root.join("gen")).expect("mkdir");
        fs::write(root.join("gen/mod.rs"), "x").expect("write");
        symlink("gen", root.join("generated")).expect("link");
        symlink("mod.rs", root.join("gen/alias.rs")).expect("link");
        let folder = Folder::new(&root).expect("resolves");
        let real = fs::canonicalize(&root).expect("real");
        let landing = folder.resolve("generated/mod.rs").expect("inside");
        assert_eq!((landing.path, landing.link), (real.join("gen/mod.rs"), None));
        let landing = folder.resolve("generated/alias.rs").expect("inside");
        assert_eq!(landing.path, real.join("gen/mod.rs"));
        assert!(landing
            .link
            .is_some_and(|l| l.inside && l.at == real.join("gen/alias.rs")));
    }

    #[test]
    fn a_file_link_out_or_dangling_is_reported_not_followed() {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path().join("crate");
        fs::create_dir_all(&root).expect("mkdir");
        fs::write(dir.path().join("precious"), "precious").expect("write");
        symlink(dir.path().join("precious"), root.join("a.rs")).expect("link");
        symlink(dir.path().join("nowhere"), root.join("b.rs")).expect("link");
        let folder = Folder::new(&root).expect("resolves");
        let real = fs::canonicalize(&root).expect("real");
        for name in ["a.rs", "b.rs"] {
            let landing = folder.resolve(name).expect("a last-component link is the caller's");
            assert_eq!(landing.path, real.join(name), "never the target");
            assert!(landing.link.is_some_and(|l| !l.inside));
        }
    }
}
