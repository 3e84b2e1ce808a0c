//! An operation's request, put together from its input one binding at a
//! time: the generated `request` names each member once (a label, a query
//! parameter, a header, the payload, or the JSON body), and the encoding
//! rules live here. The first problem (an empty label, a header value HTTP
//! cannot carry, a body that does not serialize) is kept and returned by
//! [`RequestBuilder::build`].

use std::collections::BTreeMap;

use time::OffsetDateTime;

use super::{header_list_item, header_value, percent_encode, HttpText, Query, RequestError};
use crate::wire::{Codec, Ser, WriteFields};

/// Text for a URI, a query parameter or a header, from a value of a member.
/// Implemented for references too, so `input.member.as_ref()` is a value.
pub trait BindingText {
    /// The text.
    fn text(&self) -> String;
    /// Whether the text is quoted when it is one item of a header list (an
    /// HTTP date is not, though it holds a comma).
    fn quoted_in_list(&self) -> bool {
        true
    }
}

impl<T: HttpText + ?Sized> BindingText for T {
    fn text(&self) -> String {
        self.http_text()
    }

    fn quoted_in_list(&self) -> bool {
        HttpText::quoted_in_list(self)
    }
}

/// A timestamp written as an HTTP date (IMF-fixdate), the headers' default.
#[derive(Debug, Clone, Copy)]
pub struct HttpDate<'a>(pub &'a OffsetDateTime);

/// A timestamp written as epoch seconds.
#[derive(Debug, Clone, Copy)]
pub struct EpochSeconds<'a>(pub &'a OffsetDateTime);

/// A string with a `@mediaType` in a header: base64 of its bytes.
#[derive(Debug, Clone, Copy)]
pub struct Base64Text<'a>(pub &'a str);

impl HttpText for HttpDate<'_> {
    fn http_text(&self) -> String {
        super::http_date(self.0)
    }

    fn quoted_in_list(&self) -> bool {
        false
    }
}

impl HttpText for EpochSeconds<'_> {
    fn http_text(&self) -> String {
        super::epoch_seconds(self.0)
    }
}

impl HttpText for Base64Text<'_> {
    fn http_text(&self) -> String {
        crate::Blob::new(self.0.as_bytes().to_vec()).to_base64()
    }
}

impl HttpText for crate::Blob {
    fn http_text(&self) -> String {
        self.to_base64()
    }
}

impl HttpText for crate::BigInteger {
    fn http_text(&self) -> String {
        self.as_str().to_owned()
    }
}

impl HttpText for crate::BigDecimal {
    fn http_text(&self) -> String {
        self.as_str().to_owned()
    }
}

impl<T: HttpText + ?Sized> HttpText for &T {
    fn http_text(&self) -> String {
        (**self).http_text()
    }

    fn quoted_in_list(&self) -> bool {
        (**self).quoted_in_list()
    }
}

/// One value, or a list of them (each a query parameter of its own, or an
/// item of a header list).
pub trait BindingValues {
    /// Calls `each` with the text of every value, and whether it is quoted in
    /// a header list.
    fn each(&self, each: &mut dyn FnMut(String, bool));

    /// Whether this is a list (a header then joins quoted items).
    fn is_list(&self) -> bool {
        false
    }
}

impl<T: BindingText + ?Sized> BindingValues for T {
    fn each(&self, each: &mut dyn FnMut(String, bool)) {
        each(self.text(), self.quoted_in_list());
    }
}

/// A list member: every item.
#[derive(Debug, Clone, Copy)]
pub struct Each<'a, T>(pub &'a [T]);

impl<T: BindingText> BindingValues for Each<'_, T> {
    fn each(&self, each: &mut dyn FnMut(String, bool)) {
        for item in self.0 {
            each(item.text(), item.quoted_in_list());
        }
    }

    fn is_list(&self) -> bool {
        true
    }
}

/// A list member's items, each made binding text by `wrap` (a timestamp
/// format's wrapper).
#[derive(Debug, Clone, Copy)]
pub struct EachAs<'a, T, W> {
    items: &'a [T],
    wrap: fn(&'a T) -> W,
}

impl<'a, T, W> EachAs<'a, T, W> {
    /// `items`, each written as `wrap` makes it.
    pub fn new(items: &'a [T], wrap: fn(&'a T) -> W) -> Self {
        Self { items, wrap }
    }
}

impl<'a, T, W: BindingText> BindingValues for EachAs<'a, T, W> {
    fn each(&self, each: &mut dyn FnMut(String, bool)) {
        for item in self.items {
            let item = (self.wrap)(item);
            each(item.text(), item.quoted_in_list());
        }
    }

    fn is_list(&self) -> bool {
        true
    }
}

/// The values of a map of query parameters: one, or a list.
impl<T: BindingText> BindingValues for Vec<T> {
    fn each(&self, each: &mut dyn FnMut(String, bool)) {
        Each(self).each(each);
    }

    fn is_list(&self) -> bool {
        true
    }
}

/// The request of one operation call, bound member by member.
#[derive(Debug)]
pub struct RequestBuilder {
    method: &'static str,
    uri: String,
    constant_query: &'static str,
    query: Query,
    headers: Vec<(String, http::HeaderValue)>,
    body: Vec<u8>,
    content_type: Option<&'static str>,
    error: Option<RequestError>,
}

impl RequestBuilder {
    /// A `method` request whose URI pattern ends in the query `constant`
    /// (`""` for none).
    pub fn new(method: &'static str, constant_query: &'static str) -> Self {
        Self {
            method,
            uri: String::new(),
            constant_query,
            query: Query::default(),
            headers: Vec::new(),
            body: Vec::new(),
            content_type: None,
            error: None,
        }
    }

    fn fail(&mut self, error: RequestError) {
        self.error.get_or_insert(error);
    }

    /// A constant piece of the path, as written in the URI pattern.
    pub fn path(&mut self, literal: &str) -> &mut Self {
        self.uri.push_str(literal);
        self
    }

    /// The label `{name}` (`{name+}` when `greedy`, which keeps `/`): it
    /// must be set and not empty.
    pub fn label(&mut self, name: &'static str, value: Option<impl BindingText>, greedy: bool) -> &mut Self {
        match value.map(|v| v.text()) {
            Some(text) if !text.is_empty() => self.uri.push_str(&percent_encode(&text, greedy)),
            _ => self.fail(RequestError::EmptyLabel(name)),
        }
        self
    }

    /// The label of a URI pattern that no member is bound to (a model error
    /// the request cannot be made with).
    pub fn unbound_label(&mut self, message: &'static str) -> &mut Self {
        self.fail(RequestError::Http(message.to_owned()));
        self
    }

    /// The query parameter `name`, once per value when set.
    pub fn query(&mut self, name: &'static str, value: Option<impl BindingValues>) -> &mut Self {
        if let Some(value) = value {
            let query = &mut self.query;
            value.each(&mut |text, _| query.push(name, text));
        }
        self
    }

    /// A map of query parameters (`@httpQueryParams`); the parameters that
    /// members name themselves (`explicit`) win over the map's.
    pub fn query_params<K: AsRef<str>, V: BindingValues>(
        &mut self,
        map: Option<&BTreeMap<K, V>>,
        explicit: &[&str],
    ) -> &mut Self {
        for (key, value) in map.into_iter().flatten() {
            let key = key.as_ref();
            if explicit.contains(&key) {
                continue;
            }
            let query = &mut self.query;
            value.each(&mut |text, _| query.push(key, text));
        }
        self
    }

    /// The header `name` when set; a list is one header of comma-separated
    /// items (quoted where they hold a comma or a quote).
    pub fn header(&mut self, name: &'static str, value: Option<impl BindingValues>) -> &mut Self {
        if let Some(value) = value {
            let mut items = Vec::new();
            // A single value goes as it is, quotes and commas included.
            let list = value.is_list();
            value.each(&mut |text, quoted| {
                items.push(if list && quoted { header_list_item(&text) } else { text });
            });
            self.push_header(name.to_owned(), &items.join(", "));
        }
        self
    }

    fn push_header(&mut self, name: String, text: &str) {
        match header_value(&name, text) {
            Ok(value) => self.headers.push((name, value)),
            Err(e) => self.fail(e),
        }
    }

    /// A map of headers under `prefix` (`@httpPrefixHeaders`); a header a
    /// member names itself (`explicit`) wins.
    pub fn prefix_headers<K: AsRef<str>, V: BindingText>(
        &mut self,
        prefix: &'static str,
        map: Option<&BTreeMap<K, V>>,
        explicit: &[&str],
    ) -> &mut Self {
        for (key, value) in map.into_iter().flatten() {
            let name = format!("{prefix}{}", key.as_ref());
            if explicit.iter().any(|h| h.eq_ignore_ascii_case(&name)) {
                continue;
            }
            self.push_header(name, &value.text());
        }
        self
    }

    /// The members of `input` not bound to the URI or headers (their wire
    /// names are in `bound`), as a JSON object body.
    pub fn json_members<T: WriteFields>(&mut self, input: &T, bound: &'static [&'static str]) -> &mut Self {
        match serde_json::to_vec(&crate::wire::Unbound::new(input, bound)) {
            Ok(body) => {
                self.body = body;
                self.content_type = Some("application/json");
            }
            Err(e) => self.fail(RequestError::Body(e.to_string())),
        }
        self
    }

    /// The members of `input` not bound to the URI or headers (their keys
    /// are in `bound`), as an XML document `root` laid out by `schema`.
    #[cfg(feature = "xml")]
    pub fn xml_members<T: WriteFields>(
        &mut self,
        input: &T,
        root: crate::xml::Name,
        schema: &'static crate::xml::Structure,
        bound: &'static [&'static str],
    ) -> &mut Self {
        let body = crate::wire::Unbound::new(input, bound);
        match crate::xml::write::to_string(&body, root, crate::xml::Value::Structure(schema)) {
            Ok(xml) => {
                self.body = xml.into_bytes();
                self.content_type = Some("application/xml");
            }
            Err(e) => self.fail(RequestError::Body(e.to_string())),
        }
        self
    }

    /// A structure or union payload, as the XML document `root`; unset, no body.
    #[cfg(feature = "xml")]
    pub fn payload_xml<T: serde::Serialize>(
        &mut self,
        value: Option<&T>,
        root: crate::xml::Name,
        layout: crate::xml::Value,
    ) -> &mut Self {
        if let Some(value) = value {
            match crate::xml::write::to_string(value, root, layout) {
                Ok(xml) => {
                    self.body = xml.into_bytes();
                    self.content_type = Some("application/xml");
                }
                Err(e) => self.fail(RequestError::Body(e.to_string())),
            }
        }
        self
    }

    /// A payload of bytes (a blob, a string, an enum's text), with its
    /// content type; unset, no body.
    pub fn payload_bytes(&mut self, value: Option<&[u8]>, content_type: &'static str) -> &mut Self {
        if let Some(bytes) = value {
            self.body = bytes.to_vec();
            self.content_type = Some(content_type);
        }
        self
    }

    /// A payload written as JSON with codec `C` (a structure, union or
    /// document); an unset structure is still `{}`, as `object` says.
    pub fn payload_json<C: Codec<T>, T>(&mut self, value: Option<&T>, object: bool) -> &mut Self {
        match value {
            Some(value) => match serde_json::to_vec(&Ser::<C, T>::new(value)) {
                Ok(body) => {
                    self.body = body;
                    self.content_type = Some("application/json");
                }
                Err(e) => self.fail(RequestError::Body(e.to_string())),
            },
            None if object => {
                self.body = b"{}".to_vec();
                self.content_type = Some("application/json");
            }
            None => {}
        }
        self
    }

    /// The content type a `Content-Type` header member set replaces the
    /// payload's.
    pub fn content_type_from_member(&mut self, set: bool) -> &mut Self {
        if set {
            self.content_type = None;
        }
        self
    }

    /// The request, or the first problem met while binding.
    pub fn build(&mut self) -> Result<http::Request<Vec<u8>>, RequestError> {
        if let Some(error) = self.error.take() {
            return Err(error);
        }
        let mut uri = std::mem::take(&mut self.uri);
        std::mem::take(&mut self.query).write_to(&mut uri, self.constant_query);
        super::build_request(
            self.method,
            uri,
            std::mem::take(&mut self.headers),
            std::mem::take(&mut self.body),
            self.content_type,
        )
    }
}

/// An awsJson request: `POST /`, the whole input as the JSON body, the
/// protocol's content type and `X-Amz-Target`.
pub fn aws_json_request<T: serde::Serialize>(
    input: &T,
    content_type: &'static str,
    target: &'static str,
) -> Result<http::Request<Vec<u8>>, RequestError> {
    let body = serde_json::to_vec(input).map_err(|e| RequestError::Body(e.to_string()))?;
    http::Request::builder()
        .method("POST")
        .uri("/")
        .header("content-type", content_type)
        .header("x-amz-target", target)
        .header("content-length", body.len())
        .body(body)
        .map_err(|e| RequestError::Http(e.to_string()))
}

/// An rpcv2Json request: `input` as the JSON body (see [`rpc_v2_request`]).
pub fn rpc_v2_json_request<T: serde::Serialize>(
    input: Option<&T>,
    path: &'static str,
) -> Result<http::Request<Vec<u8>>, RequestError> {
    let body = input
        .map(|input| serde_json::to_vec(input).map_err(|e| RequestError::Body(e.to_string())))
        .transpose()?;
    rpc_v2_request(body, path, "rpc-v2-json", "application/json", false)
}

/// An RPC v2 request, whatever the body's format: `POST` to `path`
/// (`/service/{Service}/operation/{Op}`) with the `smithy-protocol` header
/// (`protocol`) and `Accept: media_type`; `body` with that content type, or
/// no body and no content type for an operation without input. A
/// `query_compatible` service (`@awsQueryCompatible`) is told so with
/// `x-amzn-query-mode`.
pub fn rpc_v2_request(
    body: Option<Vec<u8>>,
    path: &'static str,
    protocol: &'static str,
    media_type: &'static str,
    query_compatible: bool,
) -> Result<http::Request<Vec<u8>>, RequestError> {
    let mut builder = http::Request::builder()
        .method("POST")
        .uri(path)
        .header("smithy-protocol", protocol)
        .header("accept", media_type);
    if query_compatible {
        builder = builder.header("x-amzn-query-mode", "true");
    }
    if body.is_some() {
        builder = builder.header("content-type", media_type);
    }
    let body = body.unwrap_or_default();
    builder
        .header("content-length", body.len())
        .body(body)
        .map_err(|e| RequestError::Http(e.to_string()))
}

/// An awsQuery or ec2Query request: `POST /`, the form body `Action`,
/// `Version` and the input's members as `schema` names them.
#[cfg(feature = "xml")]
pub fn query_request<T: serde::Serialize>(
    input: &T,
    action: &'static str,
    version: &'static str,
    schema: &'static crate::xml::Structure,
    style: crate::xml::query::Style,
) -> Result<http::Request<Vec<u8>>, RequestError> {
    let body = crate::xml::query::body(action, version, input, schema, style)
        .map_err(|e| RequestError::Body(e.to_string()))?
        .into_bytes();
    http::Request::builder()
        .method("POST")
        .uri("/")
        .header("content-type", "application/x-www-form-urlencoded")
        .header("content-length", body.len())
        .body(body)
        .map_err(|e| RequestError::Http(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bindings_land_where_they_belong() {
        let mut request = RequestBuilder::new("GET", "mode=fast");
        let when = OffsetDateTime::from_unix_timestamp(1_700_000_000).expect("a time");
        let tags = vec!["a b".to_owned(), "c,d".to_owned()];
        request
            .path("/things/")
            .label("name", Some(&"x/y z".to_owned()), false)
            .path("/files/")
            .label("key", Some(&"a/b".to_owned()), true)
            .query("tag", Some(Each(&tags)))
            .query("none", None::<&String>)
            .header("x-when", Some(HttpDate(&when)))
            .header("x-tags", Some(Each(&tags)))
            .header("x-one", Some(&"c,d".to_owned()));
        let request = request.build().expect("a request");
        assert_eq!(
            request.uri(),
            "/things/x%2Fy%20z/files/a/b?mode=fast&tag=a%20b&tag=c%2Cd"
        );
        assert_eq!(request.headers()["x-when"], "Tue, 14 Nov 2023 22:13:20 GMT");
        assert_eq!(request.headers()["x-tags"], "a b, \"c,d\"");
        assert_eq!(request.headers()["x-one"], "c,d");
    }

    #[test]
    fn the_first_problem_is_the_answer() {
        let mut request = RequestBuilder::new("GET", "");
        request
            .path("/a/")
            .label("id", None::<&String>, false)
            .header("x-bad", Some(&"line\nbreak".to_owned()));
        assert!(matches!(request.build(), Err(RequestError::EmptyLabel("id"))));
    }
}
