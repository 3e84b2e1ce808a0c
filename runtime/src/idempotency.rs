//! Tokens for members marked `@idempotencyToken` that a caller left unset:
//! an operation's `request()` fills them with a fresh UUID (version 4), as
//! Smithy asks of clients. Set the member yourself to retry one logical
//! request with the same token.

use std::cell::Cell;
use std::hash::{BuildHasher, Hasher};
use std::sync::atomic::{AtomicU64, Ordering};

thread_local! {
    /// Tokens are all zeros on this thread (protocol tests compare them).
    static ZEROS: Cell<bool> = const { Cell::new(false) };
}

/// A new token: a random UUID, `xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx`.
///
/// The bits come from the standard library's randomly keyed hasher, fed a
/// process-wide counter and the clock: unique per call, which is what an
/// idempotency token needs (it is no secret).
pub fn token() -> String {
    if ZEROS.with(Cell::get) {
        return uuid(0);
    }
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let count = COUNTER.fetch_add(1, Ordering::Relaxed);
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    let keys = std::collections::hash_map::RandomState::new();
    let half = |salt: u64| {
        let mut hasher = keys.build_hasher();
        hasher.write_u64(salt);
        hasher.write_u64(count);
        hasher.write_u128(now);
        hasher.finish()
    };
    uuid((u128::from(half(1)) << 64) | u128::from(half(2)))
}

/// `bits` as a version 4, variant 1 UUID.
fn uuid(bits: u128) -> String {
    let bits = (bits & !(0xF << 76) & !(0x3 << 62)) | (0x4 << 76) | (0x2 << 62);
    let hex = format!("{bits:032x}");
    format!(
        "{}-{}-{}-{}-{}",
        &hex[..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..]
    )
}

/// Runs `f` with every new token all zeros
/// (`00000000-0000-4000-8000-000000000000`), as the protocol test cases
/// expect of a client whose token source they fix.
#[cfg(feature = "protocol-test")]
pub fn with_zero_tokens<R>(f: impl FnOnce() -> R) -> R {
    struct Restore(bool);
    impl Drop for Restore {
        fn drop(&mut self) {
            ZEROS.with(|z| z.set(self.0));
        }
    }
    let _restore = Restore(ZEROS.with(|z| z.replace(true)));
    f()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_version_4_uuids_and_differ() {
        let (a, b) = (token(), token());
        assert_ne!(a, b);
        for t in [&a, &b] {
            assert_eq!(t.len(), 36, "{t}");
            assert_eq!(&t[14..15], "4", "{t}");
            assert!(matches!(&t[19..20], "8" | "9" | "a" | "b"), "{t}");
        }
        assert_eq!(uuid(0), "00000000-0000-4000-8000-000000000000");
    }
}
