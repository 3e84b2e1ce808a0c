//! Reading as a service reads: stricter than a client, which accepts what a
//! newer service may send. While [`as_service`] runs, body timestamps must be
//! in UTC and a union member the model does not name is an error instead of
//! an `Unknown` variant. A thread-local flag carries the mode through serde,
//! whose deserializers take no context of their own.

use std::cell::Cell;

use serde::de::{self, MapAccess};

use crate::{Document, UnknownMember};

thread_local! {
    static SERVICE: Cell<bool> = const { Cell::new(false) };
}

/// Runs `read` as a service reads a request; the mode ends with it, even
/// when `read` panics.
pub fn as_service<R>(read: impl FnOnce() -> R) -> R {
    struct Restore(bool);
    impl Drop for Restore {
        fn drop(&mut self) {
            SERVICE.with(|flag| flag.set(self.0));
        }
    }
    let _restore = Restore(SERVICE.with(|flag| flag.replace(true)));
    read()
}

/// Whether the current thread reads as a service.
pub(crate) fn active() -> bool {
    SERVICE.with(Cell::get)
}

/// The value of a union member the model does not name (`name`): kept as an
/// `UnknownMember` by a client, refused by a service.
pub fn unknown_member<'de, A: MapAccess<'de>>(name: &str, map: &mut A) -> Result<Option<UnknownMember>, A::Error> {
    if active() {
        return Err(de::Error::custom(format_args!("`{name}` is not a member of the union")));
    }
    Ok(map
        .next_value::<Option<Document>>()?
        .map(|value| UnknownMember::new(name, value)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_mode_holds_inside_and_ends_after_even_a_panic() {
        assert!(!active());
        assert!(as_service(active));
        assert!(!active());
        let caught = std::panic::catch_unwind(|| as_service(|| panic!("inside")));
        assert!(caught.is_err());
        assert!(!active(), "a panic inside leaves the mode off");
        assert!(as_service(|| as_service(active) && active()), "nesting keeps it on");
    }
}
