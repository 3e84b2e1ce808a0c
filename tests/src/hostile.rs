//! Hostile JSON bodies for the limits tests (`json_limits.rs`,
//! `server_limits.rs`): one member holding a huge string, or a list of a
//! million items.

/// `{"<member>":"xxx…"}` with `len` characters, or `{"<member>":["xxx…"]}`
/// when `in_list`.
pub fn long_string(member: &str, len: usize, in_list: bool) -> String {
    let (open, close) = if in_list { ("[\"", "\"]") } else { ("\"", "\"") };
    let mut body = String::with_capacity(len + member.len() + 8);
    body.push_str(&format!("{{\"{member}\":{open}"));
    body.extend(std::iter::repeat_n('x', len));
    body.push_str(close);
    body.push('}');
    body
}

/// `{"<member>":[<item>,<item>,…]}` with `count` items, each written as
/// `item` (JSON text).
pub fn long_list(member: &str, item: &str, count: usize) -> String {
    let mut body = String::with_capacity(count * (item.len() + 1) + member.len() + 8);
    body.push_str(&format!("{{\"{member}\":["));
    for i in 0..count {
        if i > 0 {
            body.push(',');
        }
        body.push_str(item);
    }
    body.push_str("]}");
    body
}
