//! restJson1 on the service side: a request is routed by the operations'
//! `@http` method and URI patterns (labels, greedy labels, query literals),
//! and its input read from the labels, query, headers and body; a response
//! is written with the client's request builder (the same bindings, the
//! other direction) and a status. Errors carry `X-Amzn-Errortype`.

use std::borrow::Cow;

use super::{require_content_type, Rejection};
use crate::http::RequestError;

/// A URI pattern's path segment.
#[derive(Debug, Clone, PartialEq)]
enum Segment {
    Literal(String),
    Label(String),
    /// `{name+}`: one or more whole segments.
    Greedy(String),
}

/// One operation's `@http` method and URI pattern.
#[derive(Debug, Clone, PartialEq)]
struct Route {
    method: &'static str,
    segments: Vec<Segment>,
    /// Query literals the request must carry: `key` or `key=value`.
    query: Vec<(String, Option<String>)>,
}

impl Route {
    fn new(method: &'static str, pattern: &str) -> Self {
        let (path, query) = pattern.split_once('?').unwrap_or((pattern, ""));
        let segments = path
            .split('/')
            .filter(|s| !s.is_empty())
            .map(|s| match s.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
                Some(label) => match label.strip_suffix('+') {
                    Some(name) => Segment::Greedy(name.to_owned()),
                    None => Segment::Label(label.to_owned()),
                },
                None => Segment::Literal(s.to_owned()),
            })
            .collect();
        let query = query
            .split('&')
            .filter(|p| !p.is_empty())
            .map(|p| match p.split_once('=') {
                Some((k, v)) => (k.to_owned(), Some(v.to_owned())),
                None => (p.to_owned(), None),
            })
            .collect();
        Self {
            method,
            segments,
            query,
        }
    }

    /// How specific the pattern is, for choosing among several that match:
    /// more literal segments first, then without a greedy label, then more
    /// query literals.
    fn rank(&self) -> (usize, bool, usize) {
        let literals = self
            .segments
            .iter()
            .filter(|s| matches!(s, Segment::Literal(_)))
            .count();
        let greedy = self.segments.iter().any(|s| matches!(s, Segment::Greedy(_)));
        (literals, !greedy, self.query.len())
    }

    /// Whether the path and query match (the method aside); nothing is
    /// allocated, so trying every route of a service stays cheap.
    fn fits(&self, path: &[Cow<'_, str>], query: &[(String, String)]) -> bool {
        match_segments(&self.segments, path, &mut None)
            && self.query.iter().all(|(key, value)| {
                query
                    .iter()
                    .any(|(k, v)| k == key && value.as_ref().is_none_or(|value| v == value))
            })
    }

    /// The labels of a path this route [`fits`](Self::fits).
    fn labels(&self, path: &[Cow<'_, str>]) -> Labels {
        let mut labels = Some(Vec::new());
        match_segments(&self.segments, path, &mut labels);
        Labels(labels.unwrap_or_default())
    }
}

/// Whether `path` matches `pattern`, recording labels when asked.
fn match_segments(pattern: &[Segment], path: &[Cow<'_, str>], labels: &mut Option<Vec<(String, String)>>) -> bool {
    match pattern.split_first() {
        None => path.is_empty(),
        Some((Segment::Literal(literal), rest)) => {
            path.first().is_some_and(|s| s == literal) && match_segments(rest, &path[1..], labels)
        }
        // Segments are never empty: the router drops them when it splits.
        Some((Segment::Label(name), rest)) => match path.first() {
            Some(value) => {
                if !match_segments(rest, &path[1..], labels) {
                    return false;
                }
                if let Some(labels) = labels {
                    labels.push((name.clone(), value.to_string()));
                }
                true
            }
            _ => false,
        },
        Some((Segment::Greedy(name), rest)) => {
            // The longest run of segments that lets the rest match.
            for taken in (1..=path.len()).rev() {
                if match_segments(rest, &path[taken..], labels) {
                    if let Some(labels) = labels {
                        labels.push((name.clone(), path[..taken].join("/")));
                    }
                    return true;
                }
            }
            false
        }
    }
}

/// The URI labels of a routed request, percent-decoded.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Labels(Vec<(String, String)>);

impl Labels {
    /// The value of the label `name`.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }
}

/// The operations of a service by their `@http` traits, in the order given.
#[derive(Debug, Clone, PartialEq)]
pub struct Router {
    routes: Vec<Route>,
    /// Each route's [`Route::rank`], computed once.
    ranks: Vec<(usize, bool, usize)>,
    /// The routes whose pattern starts with a literal segment, by it: a
    /// request is only tried against those of its first segment and the
    /// [`open`](Self::open) ones.
    by_first: std::collections::HashMap<String, Vec<usize>>,
    /// The routes whose pattern starts with a label, or has no segment.
    open: Vec<usize>,
    /// Whether any route needs query literals (else the query is not read).
    reads_query: bool,
}

impl Router {
    /// A router over `(method, URI pattern)` pairs, one per operation.
    pub fn new(routes: &[(&'static str, &'static str)]) -> Self {
        let routes: Vec<Route> = routes.iter().map(|(method, uri)| Route::new(method, uri)).collect();
        let mut by_first: std::collections::HashMap<String, Vec<usize>> = std::collections::HashMap::new();
        let mut open = Vec::new();
        for (index, route) in routes.iter().enumerate() {
            match route.segments.first() {
                Some(Segment::Literal(first)) => by_first.entry(first.clone()).or_default().push(index),
                _ => open.push(index),
            }
        }
        Self {
            ranks: routes.iter().map(Route::rank).collect(),
            reads_query: routes.iter().any(|r| !r.query.is_empty()),
            routes,
            by_first,
            open,
        }
    }

    /// The index of the operation `request` calls and its labels: the most
    /// specific pattern that matches path and query. A path that only other
    /// methods answer is [`Rejection::MethodNotAllowed`].
    pub fn route<B>(&self, request: &http::Request<B>) -> Result<(usize, Labels), Rejection> {
        let path: Vec<Cow<'_, str>> = request
            .uri()
            .path()
            .split('/')
            .filter(|s| !s.is_empty())
            .map(percent_decode)
            .collect::<Result<_, _>>()
            .map_err(|_| Rejection::UnknownOperation)?;
        let query = if self.reads_query {
            query_pairs(request)
        } else {
            Vec::new()
        };
        let first: &[usize] = path
            .first()
            .and_then(|segment| self.by_first.get(segment.as_ref()))
            .map_or(&[], Vec::as_slice);
        let mut best: Option<usize> = None;
        let mut other_method = false;
        for &index in first.iter().chain(&self.open) {
            let route = &self.routes[index];
            if !route.fits(&path, &query) {
                continue;
            }
            if !route.method.eq_ignore_ascii_case(request.method().as_str()) {
                other_method = true;
                continue;
            }
            // The most specific wins; among equals, the first given.
            let better = best.is_none_or(|b| {
                let (rank, current) = (self.ranks[index], self.ranks[b]);
                rank > current || (rank == current && index < b)
            });
            if better {
                best = Some(index);
            }
        }
        match best {
            Some(index) => Ok((index, self.routes[index].labels(&path))),
            None if other_method => Err(Rejection::MethodNotAllowed),
            None => Err(Rejection::UnknownOperation),
        }
    }
}

/// `%XX` decoded; the result must be UTF-8. Text without `%` is lent.
fn percent_decode(text: &str) -> Result<Cow<'_, str>, String> {
    if !text.contains('%') {
        return Ok(Cow::Borrowed(text));
    }
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = bytes
                .get(i + 1..i + 3)
                .and_then(|h| std::str::from_utf8(h).ok())
                .and_then(|h| u8::from_str_radix(h, 16).ok())
                .ok_or_else(|| format!("`{text}` holds a `%` that is not an escape"))?;
            out.push(hex);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out)
        .map(Cow::Owned)
        .map_err(|_| format!("`{text}` decodes to text that is not UTF-8"))
}

/// The request's query parameters, in order, percent-decoded; a key without
/// `=` has an empty value. Parameters that do not decode are left out.
pub fn query_pairs<B>(request: &http::Request<B>) -> Vec<(String, String)> {
    request
        .uri()
        .query()
        .unwrap_or_default()
        .split('&')
        .filter(|p| !p.is_empty())
        .filter_map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            Some((
                percent_decode(k).ok()?.into_owned(),
                percent_decode(v).ok()?.into_owned(),
            ))
        })
        .collect()
}

/// The values of the query parameter `name`, in order.
pub fn query_values<'q>(pairs: &'q [(String, String)], name: &str) -> Vec<&'q str> {
    pairs
        .iter()
        .filter(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
        .collect()
}

/// A JSON body of the input's unbound members, constraints unchecked; no
/// body reads as `{}`.
pub fn json_body<T: serde::de::DeserializeOwned>(body: &[u8]) -> Result<T, Rejection> {
    let body = if body.iter().all(u8::is_ascii_whitespace) {
        b"{}".as_slice()
    } else {
        body
    };
    // The runtime's own reader first, as a client's response; serde_json
    // decides what it leaves (and words every error).
    if let Some(value) = crate::wire::fast_read::read(body) {
        return Ok(value);
    }
    serde_json::from_slice(body).map_err(|e| Rejection::Malformed(e.to_string()))
}

/// Whether a structure payload is absent: no body, or `{}` (what a client
/// sends for an unset one).
pub fn no_structure(body: &[u8]) -> bool {
    let inside = body
        .trim_ascii()
        .strip_prefix(b"{")
        .and_then(|rest| rest.strip_suffix(b"}"));
    body.trim_ascii().is_empty() || inside.is_some_and(|inside| inside.trim_ascii().is_empty())
}

/// A timestamp's text form, as a binding reads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimeFormat {
    /// `date-time`: RFC 3339 in UTC (`Z`), seconds required, any fraction.
    DateTime,
    /// `http-date`: IMF-fixdate (`Tue, 14 Nov 2023 22:13:20 GMT`).
    HttpDate,
    /// `epoch-seconds`: a decimal number of seconds, no exponent.
    EpochSeconds,
}

/// A timestamp in exactly `format`, as a service must read one (a client
/// reads any form it recognises); `None` for any other text.
pub fn timestamp(text: &str, format: TimeFormat) -> Option<time::OffsetDateTime> {
    let text = text.trim();
    match format {
        TimeFormat::DateTime => crate::timestamp::parse_strict_date_time(text),
        TimeFormat::HttpDate => {
            // Only the IMF-fixdate form (`Www, DD Mmm YYYY HH:MM:SS GMT`): of
            // the three forms HTTP reads, the one with a comma after three letters.
            let fixed = text.as_bytes().get(3) == Some(&b',');
            fixed.then(|| crate::timestamp::parse_http_date(text)).flatten()
        }
        TimeFormat::EpochSeconds => crate::timestamp::parse_strict_epoch_seconds(text),
    }
}

/// Checks a request's `Content-Type` against what the operation reads:
/// `expected` the body's media type (`None`: the input has no body), or
/// anything (`Some("*/*")`: a blob payload without `@mediaType`). A request
/// with a body must name its type, and may send one only where the input
/// has a body; a request without a body is not judged by the header.
pub fn content_type<B: AsRef<[u8]>>(request: &http::Request<B>, expected: Option<&str>) -> Result<(), Rejection> {
    if request.body().as_ref().is_empty() {
        return Ok(());
    }
    let sent = request.headers().get(http::header::CONTENT_TYPE);
    match (expected, sent) {
        (Some("*/*"), _) => Ok(()),
        (None, None) => Ok(()),
        (None, Some(value)) => Err(Rejection::UnsupportedMediaType(value.to_str().ok().map(str::to_owned))),
        (Some(expected), _) => require_content_type(request, expected),
    }
}

/// Checks that a request's `Accept` (when sent) takes `produced`, the
/// media type of the operation's response body: the type itself, `type/*`
/// or `*/*`, parameters aside (`produced` `*/*`: any body, anything goes).
pub fn accept<B>(request: &http::Request<B>, produced: &str) -> Result<(), Rejection> {
    let Some(value) = request
        .headers()
        .get(http::header::ACCEPT)
        .filter(|_| produced != "*/*")
    else {
        return Ok(());
    };
    let value = value.to_str().map_err(|_| Rejection::NotAcceptable)?;
    let (kind, _) = produced.split_once('/').unwrap_or((produced, ""));
    let takes = value.split(',').any(|range| {
        let range = range.split(';').next().unwrap_or_default().trim().to_ascii_lowercase();
        range == "*/*" || range == produced || range.strip_suffix("/*") == Some(kind)
    });
    if takes {
        Ok(())
    } else {
        Err(Rejection::NotAcceptable)
    }
}

/// A response of `status` from a message the request builder wrote (its
/// headers and body); a message the builder refused is a 500.
pub fn response(message: Result<http::Request<Vec<u8>>, RequestError>, status: u16) -> http::Response<Vec<u8>> {
    match message {
        Ok(message) => {
            let (parts, body) = message.into_parts();
            let mut response = http::Response::new(body);
            *response.status_mut() =
                http::StatusCode::from_u16(status).unwrap_or(http::StatusCode::INTERNAL_SERVER_ERROR);
            *response.headers_mut() = parts.headers;
            let length = response.body().len();
            response
                .headers_mut()
                .insert(http::header::CONTENT_LENGTH, length.into());
            response
        }
        Err(e) => internal(&e.to_string()),
    }
}

/// [`response`] for a modeled error: `X-Amzn-Errortype` names it.
pub fn error(
    message: Result<http::Request<Vec<u8>>, RequestError>,
    status: u16,
    name: &str,
) -> http::Response<Vec<u8>> {
    let mut response = response(message, status);
    if let Ok(value) = http::HeaderValue::from_str(name) {
        response.headers_mut().insert("x-amzn-errortype", value);
    }
    response
}

/// A 500 for an error the model does not describe (`code`, else
/// `InternalFailure`).
pub fn unhandled(code: Option<&str>, message: Option<&str>) -> http::Response<Vec<u8>> {
    let body = match message {
        Some(message) => serde_json::json!({"message": message}),
        None => serde_json::json!({}),
    };
    let code = code.unwrap_or("InternalFailure");
    super::response(
        500,
        "application/json",
        Some(("x-amzn-errortype", code)),
        serde_json::to_vec(&body).unwrap_or_default(),
    )
}

fn internal(why: &str) -> http::Response<Vec<u8>> {
    unhandled(None, Some(why))
}

/// The response that answers `rejection`: its status, `X-Amzn-Errortype`,
/// and a JSON body (a `ValidationException` lists every violation).
pub fn rejection(rejection: &Rejection) -> http::Response<Vec<u8>> {
    let body = rejection
        .validation_body()
        .unwrap_or_else(|| serde_json::json!({"message": rejection.to_string()}));
    super::response(
        rejection.status(),
        "application/json",
        Some(("x-amzn-errortype", rejection.error_type())),
        serde_json::to_vec(&body).unwrap_or_default(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(method: &str, uri: &str) -> http::Request<Vec<u8>> {
        http::Request::builder()
            .method(method)
            .uri(uri)
            .body(Vec::new())
            .expect("a request")
    }

    #[test]
    fn the_most_specific_pattern_wins_and_labels_decode() {
        let router = Router::new(&[
            ("GET", "/things/{id}"),
            ("GET", "/things/special"),
            ("GET", "/files/{key+}"),
            ("GET", "/files/{key+}/meta"),
            ("POST", "/things/{id}"),
            ("GET", "/q?mode=a"),
            ("GET", "/q?mode=b&flag"),
        ]);
        let (index, labels) = router.route(&request("GET", "/things/a%20b")).expect("routes");
        assert_eq!((index, labels.get("id")), (0, Some("a b")));
        assert_eq!(router.route(&request("GET", "/things/special")).map(|r| r.0), Ok(1));
        let (index, labels) = router.route(&request("GET", "/files/a/b/c")).expect("routes");
        assert_eq!((index, labels.get("key")), (2, Some("a/b/c")));
        let (index, labels) = router.route(&request("GET", "/files/a/b/meta")).expect("routes");
        assert_eq!((index, labels.get("key")), (3, Some("a/b")));
        assert_eq!(router.route(&request("POST", "/things/x")).map(|r| r.0), Ok(4));
        assert_eq!(router.route(&request("GET", "/q?mode=a&x=1")).map(|r| r.0), Ok(5));
        assert_eq!(router.route(&request("GET", "/q?flag&mode=b")).map(|r| r.0), Ok(6));
        assert_eq!(
            router.route(&request("GET", "/q?mode=c")),
            Err(Rejection::UnknownOperation)
        );
        assert_eq!(
            router.route(&request("DELETE", "/things/x")),
            Err(Rejection::MethodNotAllowed)
        );
        assert_eq!(
            router.route(&request("GET", "/nothing")),
            Err(Rejection::UnknownOperation)
        );
        assert_eq!(
            router.route(&request("GET", "/things")),
            Err(Rejection::UnknownOperation)
        );
    }

    #[test]
    fn bindings_read_timestamps_in_their_own_format_only() {
        let date_time = timestamp("1985-04-12T23:20:50.52Z", TimeFormat::DateTime);
        assert!(date_time.is_some());
        for other in [
            "1985-04-12T23:20:50+01:00",
            "1985-04-12T23:20Z",
            "1985-04-12",
            "482196050",
        ] {
            assert_eq!(timestamp(other, TimeFormat::DateTime), None, "{other}");
        }
        assert!(timestamp("Fri, 12 Apr 1985 23:20:50 GMT", TimeFormat::HttpDate).is_some());
        assert_eq!(timestamp("Friday, 12-Apr-85 23:20:50 GMT", TimeFormat::HttpDate), None);
        assert_eq!(timestamp("1985-04-12T23:20:50Z", TimeFormat::HttpDate), None);
        assert!(timestamp("482196050.52", TimeFormat::EpochSeconds).is_some());
        for other in ["1e9", "Fri, 12 Apr 1985 23:20:50 GMT", "1985-04-12T23:20:50Z", ""] {
            assert_eq!(timestamp(other, TimeFormat::EpochSeconds), None, "{other}");
        }
    }

    #[test]
    fn content_types_and_accepts_are_the_operations() {
        let with = |headers: &[(&str, &str)], body: &[u8]| {
            let mut builder = http::Request::builder();
            for (name, value) in headers {
                builder = builder.header(*name, *value);
            }
            builder.body(body.to_vec()).expect("a request")
        };
        let json = Some("application/json");
        assert_eq!(content_type(&with(&[], b""), json), Ok(()));
        assert!(content_type(&with(&[], b"{}"), json).is_err(), "a body names its type");
        assert!(content_type(&with(&[("content-type", "text/plain")], b"{}"), json).is_err());
        assert!(content_type(&with(&[("content-type", "application/json")], b"{}"), None).is_err());
        assert_eq!(
            content_type(&with(&[("content-type", "application/json")], b""), None),
            Ok(())
        );
        assert_eq!(
            content_type(&with(&[("content-type", "image/png")], b"x"), Some("*/*")),
            Ok(())
        );
        assert_eq!(content_type(&with(&[], b""), None), Ok(()));
        assert_eq!(accept(&with(&[], b""), "application/json"), Ok(()));
        for ok in [
            "application/json",
            "application/*",
            "*/*",
            "text/plain, application/json;q=0.5",
        ] {
            assert_eq!(
                accept(&with(&[("accept", ok)], b""), "application/json"),
                Ok(()),
                "{ok}"
            );
        }
        assert_eq!(
            accept(&with(&[("accept", "application/xml")], b""), "application/json"),
            Err(Rejection::NotAcceptable)
        );
    }

    #[test]
    fn an_empty_object_is_no_structure_payload() {
        assert!(no_structure(b""));
        assert!(no_structure(b" { \n } "));
        assert!(!no_structure(b"{\"a\":1}"));
        assert!(!no_structure(b"[]"));
    }

    #[test]
    fn a_label_beats_a_greedy_label_and_equals_keep_their_order() {
        let router = Router::new(&[("GET", "/a/{rest+}"), ("GET", "/a/{one}")]);
        let (index, labels) = router.route(&request("GET", "/a/b")).expect("routes");
        assert_eq!((index, labels.get("one")), (1, Some("b")), "the label is more specific");
        assert_eq!(router.route(&request("GET", "/a/b/c")).map(|r| r.0), Ok(0));
        // Equally specific patterns (a model Smithy would refuse): the first
        // given wins, whether it starts with a literal or a label.
        let router = Router::new(&[("GET", "/{x}/b"), ("GET", "/a/{y}")]);
        assert_eq!(router.route(&request("GET", "/a/b")).map(|r| r.0), Ok(0));
        let router = Router::new(&[("GET", "/a/{y}"), ("GET", "/{x}/b")]);
        assert_eq!(router.route(&request("GET", "/a/b")).map(|r| r.0), Ok(0));
        // A lower rank later in the list does not displace a higher one.
        let router = Router::new(&[("GET", "/a/b"), ("GET", "/a/{y}")]);
        assert_eq!(router.route(&request("GET", "/a/b")).map(|r| r.0), Ok(0));
    }

    #[test]
    fn query_parameters_decode_and_keep_their_order() {
        let pairs = query_pairs(&request("GET", "/p?a=1&b=x%26y&a=2&flag"));
        assert_eq!(query_values(&pairs, "a"), ["1", "2"]);
        assert_eq!(query_values(&pairs, "b"), ["x&y"]);
        assert_eq!(query_values(&pairs, "flag"), [""]);
        assert!(percent_decode("%zz").is_err());
        assert!(percent_decode("%ff").is_err(), "not UTF-8");
    }

    #[test]
    fn responses_take_the_messages_headers_and_body() {
        let message = http::Request::builder()
            .header("x-a", "1")
            .body(b"{}".to_vec())
            .map_err(|e| RequestError::Http(e.to_string()));
        let answer = error(message, 403, "Nope");
        assert_eq!(answer.status(), 403);
        assert_eq!(answer.headers()["x-a"], "1");
        assert_eq!(answer.headers()["x-amzn-errortype"], "Nope");
        assert_eq!(answer.body(), b"{}");
        let refused = response(Err(RequestError::Http("bad header".into())), 200);
        assert_eq!(refused.status(), 500);
    }
}
