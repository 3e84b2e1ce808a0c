//! Workspace tests live in `tests/tests/`.
