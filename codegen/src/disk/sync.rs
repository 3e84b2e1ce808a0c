//! Writing generated files into a folder without ever touching the user's own.
//!
//! Every folder the generator writes holds a manifest, [`MANIFEST`], naming each
//! file it wrote with a hash of what it wrote. Regeneration rewrites the files it
//! generates and removes only files the manifest names that are no longer generated
//! and still hold exactly what was written (a file the user changed is kept, with a
//! warning). A folder without a manifest is written into only when it is empty or
//! the caller passes `force`, and even then nothing in it is removed. `.git`,
//! `target/` and `Cargo.lock` are never written or removed, whatever a manifest says.
//!
//! Nothing is written, created or removed outside the folder: every path is
//! resolved first (`disk::confine`), a symbolic link leading out stops the run
//! before its first write, and `force` replaces a link at a generated path
//! rather than writing through it.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};

use super::confine::{Folder, Landing};
use crate::GeneratedFile;

/// The manifest's file name, inside the folder it describes.
pub const MANIFEST: &str = ".codegen-manifest";

/// Names the generator never writes or removes, at any depth.
const PROTECTED: [&str; 3] = [".git", "target", "Cargo.lock"];

/// Whether to write files or only compare.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SyncMode {
    Write,
    Check,
}

/// How to treat a folder the generator did not write (no manifest), and files in
/// the way of generated ones.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Ownership {
    /// Refuse a non-empty folder without a manifest, and any file the manifest
    /// does not name at a path about to be written.
    #[default]
    Careful,
    /// Write anyway, overwriting files at generated paths; still remove nothing
    /// the manifest does not name.
    Force,
}

/// What differs between generated files and the folder.
#[derive(Debug, Default)]
pub struct SyncReport {
    /// Generated files whose contents on disk differ.
    pub stale: Vec<PathBuf>,
    /// Generated files not on disk.
    pub missing: Vec<PathBuf>,
    /// Files the generator wrote earlier and no longer generates (removed in mode
    /// `Write`).
    pub extra: Vec<PathBuf>,
    /// Files the generator wrote earlier, no longer generates, and that were
    /// changed since: kept, never removed.
    pub kept: Vec<PathBuf>,
}

impl SyncReport {
    pub fn is_clean(&self) -> bool {
        self.stale.is_empty() && self.missing.is_empty() && self.extra.is_empty()
    }

    pub fn changed(&self) -> usize {
        self.stale.len() + self.missing.len() + self.extra.len()
    }

    /// One line per file: `stale: path`, `missing: path`, `no longer generated: path`.
    pub fn describe(&self) -> String {
        let lines = self
            .stale
            .iter()
            .map(|p| format!("  stale: {}", p.display()))
            .chain(self.missing.iter().map(|p| format!("  missing: {}", p.display())))
            .chain(
                self.extra
                    .iter()
                    .map(|p| format!("  no longer generated (would be removed): {}", p.display())),
            )
            .chain(
                self.kept
                    .iter()
                    .map(|p| format!("  no longer generated, but changed by hand (kept): {}", p.display())),
            );
        lines.collect::<Vec<_>>().join("\n")
    }
}

/// Makes the generated part of `dir` equal `files` (mode `Write`), or reports how
/// it differs (mode `Check`, which writes nothing). Line endings are normalised
/// before comparing. See the module docs for what is never touched.
pub fn sync(dir: &Path, files: &[GeneratedFile], mode: SyncMode, ownership: Ownership) -> Result<SyncReport, String> {
    for file in files {
        check_relative(&file.path).map_err(|why| format!("refusing to write generated file `{}`: {why}", file.path))?;
    }
    let folder = Folder::new(dir)?;
    let previous = Manifest::read(&folder)?;
    // Every path is resolved and checked before anything is written.
    let plan = Plan::new(&folder, files, previous.as_ref(), ownership)?;
    if mode == SyncMode::Write {
        check_ownership(&folder, files, &plan.targets, previous.as_ref(), ownership)?;
    }

    let mut report = SyncReport::default();
    let mut written = Manifest::default();
    let jobs: Vec<(&GeneratedFile, &Target)> = files.iter().zip(&plan.targets).collect();
    let outcomes = each_in_parallel(&jobs, |(file, target)| sync_file(target, file, mode));
    for (file, outcome) in files.iter().zip(outcomes) {
        let (hash, state) = outcome?;
        written.entries.insert(file.path.clone(), hash);
        match state {
            FileState::Fresh => {}
            FileState::Stale => report.stale.push(dir.join(&file.path)),
            FileState::Missing => report.missing.push(dir.join(&file.path)),
        }
    }

    let mut removed = Vec::new();
    for (relative, hash, landing) in &plan.unlisted {
        let path = dir.join(relative);
        let Ok(bytes) = fs::read(&landing.path) else {
            continue; // already gone
        };
        let unchanged = std::str::from_utf8(&bytes).is_ok_and(|text| fingerprint(&text.replace("\r\n", "\n")) == *hash);
        if !unchanged {
            report.kept.push(path);
            continue;
        }
        if mode == SyncMode::Write {
            // A link is removed as a link: what it points to stays.
            let on_disk = landing.link.as_ref().map_or(&landing.path, |link| &link.at);
            fs::remove_file(on_disk).map_err(|e| format!("cannot remove {}: {e}", path.display()))?;
            removed.push(on_disk.clone());
        }
        report.extra.push(path);
    }

    let manifest_text = written.render();
    let manifest_fresh =
        fs::read_to_string(&plan.manifest.path).is_ok_and(|t| t.replace("\r\n", "\n") == manifest_text);
    if !manifest_fresh {
        match mode {
            SyncMode::Check => report.stale.push(dir.join(MANIFEST)),
            SyncMode::Write => {
                fs::create_dir_all(folder.real()).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
                plan.manifest
                    .write(&manifest_text)
                    .map_err(|e| format!("cannot write {}: {e}", dir.join(MANIFEST).display()))?;
            }
        }
    }
    for path in removed {
        remove_empty_parents(folder.real(), &path);
    }
    Ok(report)
}

/// Writes `contents` to `relative` inside `dir` only when nothing is there,
/// not even a symbolic link (a README written once, then the user's). Returns
/// whether it wrote.
pub fn write_once(dir: &Path, relative: &str, contents: &str) -> Result<bool, String> {
    check_relative(relative).map_err(|why| format!("refusing to write `{relative}`: {why}"))?;
    let folder = Folder::new(dir)?;
    let landing = folder
        .resolve(relative)
        .map_err(|escape| format!("refusing to write {relative}: {escape}"))?;
    if landing.link.is_some() || fs::symlink_metadata(&landing.path).is_ok() {
        return Ok(false);
    }
    let shown = dir.join(relative);
    if let Some(parent) = landing.path.parent() {
        fs::create_dir_all(parent).map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
    }
    // `create_new` fails on anything already there, a dangling link included.
    let mut file = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&landing.path)
        .map_err(|e| format!("cannot write {}: {e}", shown.display()))?;
    io::Write::write_all(&mut file, contents.as_bytes())
        .map_err(|e| format!("cannot write {}: {e}", shown.display()))?;
    Ok(true)
}

/// Writes `contents` to `relative` inside `dir`, a folder the caller owns (a
/// build script's `OUT_DIR`), when the file does not hold them already. A
/// symbolic link that leads out of `dir`, on the way or at the file, is
/// refused; a link at the file that stays inside is replaced. Returns whether
/// it wrote.
pub fn write_file(dir: &Path, relative: &str, contents: &str) -> Result<bool, String> {
    check_relative(relative).map_err(|why| format!("refusing to write `{relative}`: {why}"))?;
    let folder = Folder::new(dir)?;
    let landing = folder
        .resolve(relative)
        .map_err(|escape| format!("refusing to write {relative}: {escape}"))?;
    let target = match landing.link {
        Some(link) if !link.inside => return Err(format!("refusing to write {relative}: {}", folder.escape(&link))),
        Some(link) => Target {
            path: link.at,
            replace_link: true,
        },
        None => Target {
            path: landing.path,
            replace_link: false,
        },
    };
    if !target.replace_link && fs::read_to_string(&target.path).is_ok_and(|existing| existing == contents) {
        return Ok(false);
    }
    target
        .write(contents)
        .map_err(|e| format!("cannot write {}: {e}", dir.join(relative).display()))?;
    Ok(true)
}

/// Where a generated file is read and written, decided before any write.
#[derive(Debug)]
struct Target {
    /// The resolved path.
    path: PathBuf,
    /// A symbolic link sits at the generated path and is replaced by the
    /// file (`--force`): removed first, never written through.
    replace_link: bool,
}

impl Target {
    fn write(&self, contents: &str) -> io::Result<()> {
        if self.replace_link {
            fs::remove_file(&self.path)?;
        }
        if let Some(parent) = self.path.parent() {
            fs::create_dir_all(parent)?;
        }
        fs::write(&self.path, contents)
    }
}

/// Every path a run touches, resolved inside the folder: the generated files
/// (in their order), the manifest, and the files the manifest names that are
/// no longer generated.
struct Plan {
    targets: Vec<Target>,
    manifest: Target,
    /// Relative path, recorded hash, where it is.
    unlisted: Vec<(String, u64, Landing)>,
}

impl Plan {
    /// Resolves every path; all the links that lead out of the folder (or that
    /// `Careful` will not replace) are reported together.
    fn new(
        folder: &Folder,
        files: &[GeneratedFile],
        previous: Option<&Manifest>,
        ownership: Ownership,
    ) -> Result<Self, String> {
        let mut problems = Vec::new();
        let mut target = |relative: &str| -> Option<Target> {
            match folder.resolve(relative) {
                Err(escape) => {
                    problems.push(format!("  {relative}: {escape}"));
                    None
                }
                Ok(Landing { path, link: None }) => Some(Target {
                    path,
                    replace_link: false,
                }),
                Ok(Landing { path, link: Some(link) }) => match ownership {
                    Ownership::Force => Some(Target {
                        path: link.at,
                        replace_link: true,
                    }),
                    Ownership::Careful if link.inside => Some(Target {
                        path,
                        replace_link: false,
                    }),
                    Ownership::Careful => {
                        problems.push(format!(
                            "  {relative}: {}; refusing to write through it (remove the link, or pass --force to replace the link with the generated file)",
                            folder.escape(&link)
                        ));
                        None
                    }
                },
            }
        };
        let targets: Vec<Option<Target>> = files.iter().map(|f| target(&f.path)).collect();
        let manifest = target(MANIFEST);
        let mut unlisted = Vec::new();
        let generated: BTreeSet<&str> = files.iter().map(|f| f.path.as_str()).collect();
        for (relative, hash) in previous.iter().flat_map(|m| m.entries.iter()) {
            if generated.contains(relative.as_str()) {
                continue;
            }
            match folder.resolve(relative) {
                Ok(landing) => unlisted.push((relative.clone(), *hash, landing)),
                Err(escape) => problems.push(format!("  {relative}: {escape}")),
            }
        }
        // Two generated paths must not be one file through a link.
        let mut seen: BTreeMap<&Path, &str> = BTreeMap::new();
        for (file, target) in files.iter().zip(&targets) {
            if let Some(target) = target {
                if let Some(other) = seen.insert(&target.path, &file.path) {
                    problems.push(format!(
                        "  {} and {other} are one file on disk ({}), through a symbolic link",
                        file.path,
                        folder.shown(&target.path).display()
                    ));
                }
            }
        }
        if !problems.is_empty() {
            return Err(format!(
                "refusing to write: generated paths lead out of the folder or through a symbolic link; nothing was written:\n{}",
                problems.join("\n")
            ));
        }
        Ok(Self {
            targets: targets.into_iter().flatten().collect(),
            manifest: manifest.unwrap_or(Target {
                path: folder.real().join(MANIFEST),
                replace_link: false,
            }),
            unlisted,
        })
    }
}

/// What a generated file's path held before [`sync_file`].
enum FileState {
    Fresh,
    Stale,
    Missing,
}

/// Compares one generated file with the disk and, in mode `Write`, writes it
/// when it differs; its fingerprint for the manifest, and what was there.
fn sync_file(target: &Target, file: &GeneratedFile, mode: SyncMode) -> Result<(u64, FileState), String> {
    let hash = fingerprint(&file.contents);
    let state = match fs::read_to_string(&target.path) {
        _ if target.replace_link => FileState::Stale,
        Ok(existing) if same_text(&existing, &file.contents) => return Ok((hash, FileState::Fresh)),
        Ok(_) => FileState::Stale,
        Err(_) => FileState::Missing,
    };
    if mode == SyncMode::Write {
        target
            .write(&file.contents)
            .map_err(|e| format!("cannot write {}: {e}", target.path.display()))?;
    }
    Ok((hash, state))
}

/// Whether a file on disk holds `generated`, with `\r\n` line endings
/// counting as `\n` (copied only when the file has any).
fn same_text(existing: &str, generated: &str) -> bool {
    if existing.contains('\r') {
        existing.replace("\r\n", "\n") == generated
    } else {
        existing == generated
    }
}

/// `work` applied to every item, on one thread per core (a regeneration reads,
/// hashes and compares tens of megabytes), the results in the items' order.
fn each_in_parallel<T: Sync, R: Send>(items: &[T], work: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let threads = std::thread::available_parallelism()
        .map_or(1, usize::from)
        .min(items.len())
        .max(1);
    let chunk = items.len().div_ceil(threads).max(1);
    std::thread::scope(|scope| {
        let workers: Vec<_> = items
            .chunks(chunk)
            .map(|part| scope.spawn(|| part.iter().map(&work).collect::<Vec<R>>()))
            .collect();
        workers
            .into_iter()
            .flat_map(|worker| worker.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)))
            .collect()
    })
}

/// Refuses to write where the generator would clobber what it did not write.
fn check_ownership(
    folder: &Folder,
    files: &[GeneratedFile],
    targets: &[Target],
    previous: Option<&Manifest>,
    ownership: Ownership,
) -> Result<(), String> {
    if ownership == Ownership::Force {
        return Ok(());
    }
    let Some(previous) = previous else {
        let occupied = fs::read_dir(folder.real()).is_ok_and(|mut entries| entries.next().is_some());
        return if occupied {
            Err(format!(
                "{} is not empty and holds no {MANIFEST}, so the generator did not write it; \
                 refusing to write there. Choose an empty or new folder, or pass --force to write \
                 the generated files into it (files the generator does not produce are left alone)",
                folder.shown(folder.real()).display()
            ))
        } else {
            Ok(())
        };
    };
    let foreign: Vec<String> = files
        .iter()
        .zip(targets)
        .filter(|(f, target)| !previous.entries.contains_key(&f.path) && fs::symlink_metadata(&target.path).is_ok())
        .map(|(f, _)| format!("  {}", folder.shown(&folder.real().join(&f.path)).display()))
        .collect();
    if foreign.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "these files are in the way of generated ones and were not written by the generator:\n{}\n\
             move them away, or pass --force to overwrite them",
            foreign.join("\n")
        ))
    }
}

/// A generated path must stay inside its folder and away from protected names.
fn check_relative(path: &str) -> Result<(), &'static str> {
    let path = Path::new(path);
    if path.as_os_str().is_empty() {
        return Err("the path is empty");
    }
    for component in path.components() {
        match component {
            Component::Normal(name) => {
                if PROTECTED.iter().any(|p| name == *p) || name == MANIFEST {
                    return Err(
                        "the path names .git, target, Cargo.lock or the manifest, which the generator never touches",
                    );
                }
            }
            _ => return Err("the path is not a plain relative path inside the folder"),
        }
    }
    Ok(())
}

/// Removes the folders between `file` and `dir` that are left empty.
fn remove_empty_parents(dir: &Path, file: &Path) {
    let mut current = file.parent();
    while let Some(folder) = current {
        if folder == dir || !folder.starts_with(dir) {
            break;
        }
        // Fails (and is meant to) when the folder still holds anything.
        if fs::remove_dir(folder).is_err() {
            break;
        }
        current = folder.parent();
    }
}

/// The generator's record of a folder: relative path -> fingerprint of contents.
#[derive(Debug, Default, PartialEq, Eq)]
struct Manifest {
    entries: BTreeMap<String, u64>,
}

impl Manifest {
    /// Reads `dir`'s manifest; `None` when there is none. A manifest that does not
    /// parse, or names a path outside the folder, is an error naming its line.
    /// A manifest that is a symbolic link out of the folder counts as none
    /// (the run then reports the link).
    fn read(folder: &Folder) -> Result<Option<Self>, String> {
        let path = folder.shown(&folder.real().join(MANIFEST));
        let landing = folder
            .resolve(MANIFEST)
            .map_err(|escape| format!("cannot read {}: {escape}", path.display()))?;
        if landing.link.as_ref().is_some_and(|link| !link.inside) {
            return Ok(None);
        }
        let text = match fs::read_to_string(&landing.path) {
            Ok(text) => text,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(format!("cannot read {}: {e}", path.display())),
        };
        let mut entries = BTreeMap::new();
        for (index, line) in text.lines().enumerate() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let bad = |why: &str| {
                format!(
                    "{}:{}: {why}; delete the manifest and regenerate with --force",
                    path.display(),
                    index + 1
                )
            };
            let (hash, relative) = line.split_once(' ').ok_or_else(|| bad("expected `<hash> <path>`"))?;
            let hash = u64::from_str_radix(hash, 16).map_err(|_| bad("the hash is not 16 hex digits"))?;
            check_relative(relative).map_err(bad)?;
            entries.insert(relative.to_owned(), hash);
        }
        Ok(Some(Self { entries }))
    }

    fn render(&self) -> String {
        let mut out = String::from(
            "# @generated by smithy-codegen: the files it wrote in this folder, each with a hash of\n\
             # its contents. Regeneration removes only files named here. Do not edit by hand.\n",
        );
        for (path, hash) in &self.entries {
            let _ = writeln!(out, "{hash:016x} {path}");
        }
        out
    }
}

/// FNV-1a, 64 bits: enough to tell whether a file still holds what was written
/// (this is change detection, not security), and stable across Rust releases,
/// unlike `std`'s hasher. Also the tests' key for a pattern in their oracle.
pub fn fingerprint(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprints_are_stable() {
        // Reference values of FNV-1a 64.
        assert_eq!(fingerprint(""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fingerprint("a"), 0xaf63_dc4c_8601_ec8c);
    }

    #[test]
    fn crlf_copies_of_generated_files_count_as_fresh() {
        assert!(same_text("a\nb\n", "a\nb\n"));
        assert!(same_text("a\r\nb\r\n", "a\nb\n"));
        assert!(!same_text("a\r\nb\r\n", "a\r\nb\r\n"));
        assert!(!same_text("a\nb", "a\nb\n"));

        // Files on disk, compared and written by the workers in the
        // generated order: a CRLF checkout is fresh, a changed file stale, a
        // new one missing.
        let dir = std::env::temp_dir().join(format!("xtask-sync-crlf-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        let file = |path: &str, contents: &str| GeneratedFile {
            path: path.to_owned(),
            contents: contents.to_owned(),
        };
        let files: Vec<GeneratedFile> = (0..9).map(|i| file(&format!("src/f{i}.rs"), "x\ny\n")).collect();
        sync(&dir, &files, SyncMode::Write, Ownership::Careful).expect("first write");
        fs::write(dir.join("src/f1.rs"), "x\r\ny\r\n").expect("crlf copy");
        fs::write(dir.join("src/f4.rs"), "changed\n").expect("edit");
        fs::remove_file(dir.join("src/f7.rs")).expect("remove");
        let report = sync(&dir, &files, SyncMode::Check, Ownership::Careful).expect("check");
        assert_eq!(report.stale, vec![dir.join("src/f4.rs")]);
        assert_eq!(report.missing, vec![dir.join("src/f7.rs")]);
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn generated_paths_stay_inside_and_away_from_protected_names() {
        assert!(check_relative("src/lib.rs").is_ok());
        for bad in [
            "",
            "../x",
            "/etc/passwd",
            ".git/config",
            "a/target/x",
            "Cargo.lock",
            MANIFEST,
            "./x",
        ] {
            assert!(check_relative(bad).is_err(), "{bad}");
        }
    }
}
