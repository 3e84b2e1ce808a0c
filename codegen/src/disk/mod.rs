//! The generator's edge with the filesystem: model files read from files and
//! folders ([`read`]), generated files written into a folder without touching
//! anything the generator did not write ([`sync()`]), and never outside that
//! folder (`confine`). The stages before it (`ast` .. `format`) do no I/O.

mod confine;
pub mod read;
pub mod sync;

pub use read::{load_model, read_sources};
pub use sync::{fingerprint, sync, write_file, write_once, Ownership, SyncMode, SyncReport, MANIFEST};
