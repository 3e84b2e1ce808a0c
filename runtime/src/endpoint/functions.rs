//! The standard library's string functions and the AWS ones that need no
//! data: `substring`, `uriEncode`, `parseURL`, `isValidHostLabel`, `split`,
//! `aws.parseArn` and `aws.isVirtualHostableS3Bucket`. Each returns what the
//! rules engine specification says, `None` where it says "empty optional".

use std::sync::Arc;

use super::value::{Record, Value};

/// `substring(input, start, end, reverse)`: the ASCII characters from `start`
/// (inclusive) to `end` (exclusive), counted from the end when `reverse`.
pub fn substring(input: &str, start: i64, end: i64, reverse: bool) -> Option<String> {
    if !input.is_ascii() || start < 0 || start >= end {
        return None;
    }
    let (start, end) = (usize::try_from(start).ok()?, usize::try_from(end).ok()?);
    let len = input.len();
    if end > len {
        return None;
    }
    let range = if reverse { len - end..len - start } else { start..end };
    Some(input[range].to_owned())
}

/// `uriEncode`: RFC 3986 percent-encoding of everything but the unreserved
/// characters, in upper-case hex.
pub fn uri_encode(input: &str) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut out = String::with_capacity(input.len());
    for &b in input.as_bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(char::from(b));
        } else {
            out.push('%');
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 0xf)]));
        }
    }
    out
}

/// `isValidHostLabel`: one RFC 1123 label (letters, digits and `-`, 1 to 63
/// characters, not starting with `-`), or dot-separated labels when
/// `allow_sub_domains`.
pub fn is_valid_host_label(input: &str, allow_sub_domains: bool) -> bool {
    // One pass: every region of every resolution comes through here.
    let mut length = 0;
    for &b in input.as_bytes() {
        match b {
            b'.' if allow_sub_domains && length > 0 => length = 0,
            b'-' if length > 0 => length += 1,
            b if b.is_ascii_alphanumeric() => length += 1,
            _ => return false,
        }
        if length > 63 {
            return false;
        }
    }
    length > 0
}

/// `aws.isVirtualHostableS3Bucket`: a valid host label (or, with
/// `allow_sub_domains`, labels joined by `.`) whose every label is also a
/// bucket-name segment: 3 to 63 lower-case letters, digits and `-`, starting
/// and ending with a letter or digit; the whole not an IPv4 address.
pub fn is_virtual_hostable_s3_bucket(input: &str, allow_sub_domains: bool) -> bool {
    let segment = |s: &str| {
        let bytes = s.as_bytes();
        let edge = |b: &u8| b.is_ascii_lowercase() || b.is_ascii_digit();
        (3..=63).contains(&bytes.len())
            && bytes.first().is_some_and(edge)
            && bytes.last().is_some_and(edge)
            && bytes
                .iter()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || *b == b'-')
    };
    if !is_valid_host_label(input, allow_sub_domains) || is_ipv4(input) {
        return false;
    }
    if allow_sub_domains {
        input.split('.').all(segment)
    } else {
        segment(input)
    }
}

/// Four dot-separated runs of digits.
fn is_ipv4(s: &str) -> bool {
    let parts: Vec<&str> = s.split('.').collect();
    parts.len() == 4
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
}

/// `split(value, delimiter, limit)`: all parts when `limit` is 0, at most
/// `limit` parts otherwise.
pub fn split(value: &str, delimiter: &str, limit: i64) -> Option<Vec<String>> {
    if delimiter.is_empty() || limit < 0 {
        return None;
    }
    let parts: Vec<String> = match usize::try_from(limit).ok()? {
        0 => value.split(delimiter).map(str::to_owned).collect(),
        n => value.splitn(n, delimiter).map(str::to_owned).collect(),
    };
    Some(parts)
}

/// `parseURL`: an `http` or `https` URL with a host, an optional numeric port
/// and a path, and no query; its scheme, authority, path, normalized path and
/// whether the host is an IP address.
pub fn parse_url(input: &str) -> Option<Value> {
    let (scheme, rest) = input.split_once("://")?;
    if scheme != "http" && scheme != "https" {
        return None;
    }
    if rest.contains('?') || rest.contains('#') {
        return None;
    }
    let (authority, path) = match rest.find('/') {
        Some(i) => rest.split_at(i),
        None => (rest, ""),
    };
    let authority = authority.rsplit_once('@').map_or(authority, |(_, host)| host);
    let (is_ip, port) = if let Some(inner) = authority.strip_prefix('[') {
        // An IPv6 address in brackets.
        let (v6, after) = inner.split_once(']')?;
        if v6.is_empty() || !v6.bytes().all(|b| b.is_ascii_hexdigit() || b == b':' || b == b'.') {
            return None;
        }
        (true, after.strip_prefix(':'))
    } else {
        let (host, port) = match authority.split_once(':') {
            Some((host, port)) => (host, Some(port)),
            None => (authority, None),
        };
        if host.is_empty() || host.bytes().any(|b| b.is_ascii_whitespace() || b.is_ascii_control()) {
            return None;
        }
        (is_ipv4(host), port)
    };
    if let Some(port) = port {
        if port.is_empty() || !port.bytes().all(|b| b.is_ascii_digit()) || port.parse::<u16>().is_err() {
            return None;
        }
    }
    let mut normalized = String::with_capacity(path.len() + 2);
    if !path.starts_with('/') {
        normalized.push('/');
    }
    normalized.push_str(path);
    if !normalized.ends_with('/') {
        normalized.push('/');
    }
    Some(Value::Record(Arc::new(Record(vec![
        ("scheme".into(), Value::from(scheme)),
        ("authority".into(), Value::from(authority)),
        ("path".into(), Value::from(path)),
        ("normalizedPath".into(), Value::String(normalized)),
        ("isIp".into(), Value::Bool(is_ip)),
    ]))))
}

/// `aws.parseArn`: `arn:partition:service:region:account:resource`, with
/// partition, service and resource not empty; the resource split on `:` and `/`.
pub fn parse_arn(input: &str) -> Option<Value> {
    let mut parts = input.splitn(6, ':');
    if parts.next()? != "arn" {
        return None;
    }
    let (partition, service, region, account, resource) = (
        parts.next()?,
        parts.next()?,
        parts.next()?,
        parts.next()?,
        parts.next()?,
    );
    if partition.is_empty() || service.is_empty() || resource.is_empty() {
        return None;
    }
    let resource_id = resource.split([':', '/']).map(Value::from).collect();
    Some(Value::Record(Arc::new(Record(vec![
        ("partition".into(), Value::from(partition)),
        ("service".into(), Value::from(service)),
        ("region".into(), Value::from(region)),
        ("accountId".into(), Value::from(account)),
        ("resourceId".into(), Value::Array(resource_id)),
    ]))))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn substring_counts_from_either_end() {
        assert_eq!(substring("abcdefg", 0, 4, false).as_deref(), Some("abcd"));
        assert_eq!(substring("abcdefg", 0, 4, true).as_deref(), Some("defg"));
        assert_eq!(substring("abc", 0, 4, false), None);
        assert_eq!(substring("abcé", 0, 2, false), None);
        assert_eq!(substring("abc", 2, 2, false), None);
    }

    #[test]
    fn split_honours_the_limit() {
        let s = |v: &str, l| split(v, "--", l).unwrap_or_default();
        assert_eq!(s("a--b--c", 0), ["a", "b", "c"]);
        assert_eq!(s("a--b--c", 2), ["a", "b--c"]);
        assert_eq!(s("a--b--c", 1), ["a--b--c"]);
        assert_eq!(s("", 0), [""]);
        assert_eq!(s("----", 0), ["", "", ""]);
        assert_eq!(split("x", "", 0), None);
    }

    #[test]
    fn uri_encode_keeps_only_unreserved_characters() {
        assert_eq!(uri_encode("a b/c~é"), "a%20b%2Fc~%C3%A9");
    }

    #[test]
    fn arns_and_urls_parse_as_the_specification_shows() {
        let arn = parse_arn("arn:aws:iam::012345678910:user/johndoe").expect("an ARN");
        let Value::Record(r) = arn else { panic!("a record") };
        assert_eq!(r.get("region"), Some(&Value::from("")));
        assert_eq!(
            r.get("resourceId"),
            Some(&Value::from(vec!["user".to_owned(), "johndoe".to_owned()]))
        );
        assert_eq!(parse_arn("11111111-2222"), None);
        assert_eq!(parse_arn("arn:aws:s3:::"), None);
        let Some(Value::Record(url)) = parse_url("http://example.com:80/foo/bar") else {
            panic!("a URL")
        };
        assert_eq!(url.get("authority"), Some(&Value::from("example.com:80")));
        assert_eq!(url.get("normalizedPath"), Some(&Value::from("/foo/bar/")));
        assert_eq!(parse_url("https://example.com:8443?foo=bar"), None);
        assert_eq!(parse_url("http://abc.com:a/foo"), None);
        let Some(Value::Record(ip)) = parse_url("https://[fe80::1]") else {
            panic!("a URL")
        };
        assert_eq!(ip.get("isIp"), Some(&Value::Bool(true)));
    }

    #[test]
    fn substring_from_the_end_skips_start_characters() {
        assert_eq!(substring("abcdefg", 1, 3, true).as_deref(), Some("ef"));
        assert_eq!(substring("abcdefg", 2, 7, true).as_deref(), Some("abcde"));
        assert_eq!(substring("abc", -1, 2, false), None);
    }

    #[test]
    fn host_labels_are_1_to_63_characters() {
        let label = |n: usize| "a".repeat(n);
        assert!(is_valid_host_label(&label(63), false));
        assert!(!is_valid_host_label(&label(64), false));
        // Hyphens count towards the length like letters.
        let hyphens = format!("a{}", "-".repeat(62));
        assert!(is_valid_host_label(&hyphens, false));
        assert!(!is_valid_host_label(&format!("{hyphens}-"), false));
        assert!(is_valid_host_label(&format!("{}.{}", label(63), label(63)), true));
        assert!(!is_valid_host_label(&format!("{}.{}", label(63), label(64)), true));
        assert!(!is_valid_host_label("", false));
        assert!(!is_valid_host_label("a.", true));
        assert!(!is_valid_host_label("a.b", false));
    }

    #[test]
    fn urls_are_refused_for_each_missing_or_bad_part() {
        assert_eq!(parse_url("https://example.com/a#frag"), None);
        assert_eq!(parse_url("https://example.com?x"), None);
        assert_eq!(parse_url("https:///path"), None);
        assert_eq!(parse_url("https://exa mple.com"), None);
        assert_eq!(parse_url("http://a.com:/x"), None);
        assert_eq!(parse_url("http://a.com:+80"), None);
        assert_eq!(parse_url("http://a.com:99999"), None);
        assert_eq!(parse_url("https://[]"), None);
        assert_eq!(parse_url("https://[zz]"), None);
        assert_eq!(parse_url("ftp://a.com"), None);
        let Some(Value::Record(v6)) = parse_url("https://[1]:8443/p") else {
            panic!("a URL")
        };
        assert_eq!(v6.get("authority"), Some(&Value::from("[1]:8443")));
        assert_eq!(v6.get("isIp"), Some(&Value::Bool(true)));
        let Some(Value::Record(plain)) = parse_url("https://user@example.com") else {
            panic!("a URL")
        };
        assert_eq!(plain.get("authority"), Some(&Value::from("example.com")));
        assert_eq!(plain.get("isIp"), Some(&Value::Bool(false)));
        assert_eq!(plain.get("path"), Some(&Value::from("")));
        assert_eq!(plain.get("normalizedPath"), Some(&Value::from("/")));
    }

    #[test]
    fn arns_need_a_partition_a_service_and_a_resource() {
        assert_eq!(parse_arn("arn::s3:::bucket"), None);
        assert_eq!(parse_arn("arn:aws::::bucket"), None);
        assert_eq!(parse_arn("arn:aws:s3::"), None);
        assert_eq!(parse_arn("urn:aws:s3:::bucket"), None);
        assert!(parse_arn("arn:aws:s3:::bucket").is_some());
    }

    #[test]
    fn bucket_names_follow_the_host_rules() {
        assert!(is_virtual_hostable_s3_bucket("my-bucket", false));
        assert!(!is_virtual_hostable_s3_bucket("My-bucket", false));
        assert!(!is_virtual_hostable_s3_bucket("ab", false));
        assert!(!is_virtual_hostable_s3_bucket("a.b.c", false));
        assert!(is_virtual_hostable_s3_bucket("abc.def", true));
        assert!(!is_virtual_hostable_s3_bucket("192.168.1.1", true));
        // Every segment a good bucket segment, but the whole an IPv4 address.
        assert!(!is_virtual_hostable_s3_bucket("192.168.100.200", true));
        assert!(is_valid_host_label("a-b", false));
        assert!(!is_valid_host_label("-ab", false));
        assert!(!is_valid_host_label("a..b", true));
    }
}
