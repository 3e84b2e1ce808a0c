//! What the generated `request` and `response` functions of the XML
//! protocols call: outputs read from documents (restXml's root, awsQuery's
//! `<OpResponse><OpResult>`, ec2Query's `<OpResponse>`), and error responses
//! (`<ErrorResponse><Error>`, a bare `<Error>`, or ec2Query's
//! `<Response><Errors><Error>`) matched to the operation's errors.

use serde::de::DeserializeOwned;

use super::dom::{Document, NodeId};
use super::read::{from_members, from_node};
use super::schema::{Structure, Value};
use crate::http::{sanitize_error_code, ErrorMeta, ErrorResponse, ResponseError};

/// Where an error response keeps its `<Error>` element.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorWrapping {
    /// `<ErrorResponse><Error>...</Error></ErrorResponse>` (restXml, awsQuery).
    ErrorResponse,
    /// `<Error>...</Error>` at the root (restXml with `noErrorWrapping`: S3).
    Bare,
    /// `<Response><Errors><Error>...</Error></Errors></Response>` (ec2Query).
    Errors,
}

/// An operation's errors by code, with their schemas.
pub type ErrorSchemas = [(&'static str, &'static Structure)];

/// The `<Error>` element of an error response, with the schemas to read the
/// operation's errors from it.
#[derive(Debug)]
pub struct XmlErrorBody<'a> {
    document: Document<'a>,
    error: Option<NodeId>,
    errors: &'static ErrorSchemas,
}

impl XmlErrorBody<'_> {
    /// The error whose code is `code`, if the operation has it and the
    /// element holds it.
    pub(crate) fn read<E: DeserializeOwned>(&self, code: &str) -> Option<E> {
        let (_, schema) = self.errors.iter().find(|(c, _)| *c == code)?;
        from_node(&self.document, self.error, Value::Structure(schema)).ok()
    }
}

/// Where a document holds an output's members.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutputAt {
    /// The root element's children (restXml, ec2Query).
    Root,
    /// The children of the root's child of this name (awsQuery's `<OpResult>`).
    Child(&'static str),
    /// The root element is the output's only member (S3's `@s3UnwrappedXmlOutput`).
    RootIsMember,
}

/// A response whose output is in its document, `at` where the protocol
/// says; anything but 2xx is the operation's error.
pub fn document_response<T, E, B>(
    response: &http::Response<B>,
    at: OutputAt,
    schema: &'static Structure,
    wrapping: ErrorWrapping,
    errors: &'static ErrorSchemas,
    pick: fn(&ErrorResponse<'_>) -> E,
) -> Result<T, ResponseError<E>>
where
    T: DeserializeOwned,
    B: AsRef<[u8]>,
{
    let status = response.status().as_u16();
    if !(200..300).contains(&status) {
        return Err(error_response(response, wrapping, errors, pick));
    }
    let body = response.body().as_ref();
    let document = parse(status, body)?;
    let root = document.root();
    let read = match (root, at) {
        (Some(root), OutputAt::RootIsMember) => from_members(&document, vec![root], schema),
        (Some(root), OutputAt::Child(name)) => {
            from_node(&document, document.child(root, name), Value::Structure(schema))
        }
        (root, _) => from_node(&document, root, Value::Structure(schema)),
    };
    read.map_err(|e| malformed(status, body, e))
}

/// A restXml output's members from the body's root element (an empty body
/// has none); the caller then reads the members bound to headers and status.
pub fn rest_output<T: DeserializeOwned, E>(
    status: u16,
    body: &[u8],
    schema: &'static Structure,
) -> Result<T, ResponseError<E>> {
    let document = parse(status, body)?;
    from_node(&document, document.root(), Value::Structure(schema)).map_err(|e| malformed(status, body, e))
}

/// A restXml payload that is a structure or union: the root element, or
/// `None` for an empty body.
pub fn rest_payload<T: DeserializeOwned, E>(
    status: u16,
    body: &[u8],
    layout: Value,
) -> Result<Option<T>, ResponseError<E>> {
    let document = parse(status, body)?;
    match document.root() {
        Some(root) => from_node(&document, Some(root), layout)
            .map(Some)
            .map_err(|e| malformed(status, body, e)),
        None => Ok(None),
    }
}

/// The operation's error from an XML error response: its `<Code>` picks
/// the error (`pick`), whose members are read from the `<Error>` element.
pub fn error_response<E, B: AsRef<[u8]>>(
    response: &http::Response<B>,
    wrapping: ErrorWrapping,
    errors: &'static ErrorSchemas,
    pick: fn(&ErrorResponse<'_>) -> E,
) -> ResponseError<E> {
    let body = response.body().as_ref();
    let (meta, xml) = match Document::parse(body) {
        Ok(document) => {
            let error = error_element(&document, wrapping);
            let text = |name: &str| {
                let node = document.child(error?, name)?;
                Some(document.text(node).trim().to_owned())
            };
            let meta = ErrorMeta {
                code: text("Code").map(|c| sanitize_error_code(&c)).filter(|c| !c.is_empty()),
                message: text("Message"),
            };
            (
                meta,
                Some(XmlErrorBody {
                    document,
                    error,
                    errors,
                }),
            )
        }
        // Not XML: the error is unhandled, with what the status says.
        Err(_) => (ErrorMeta::default(), None),
    };
    let received = ErrorResponse::with_xml(response, meta, xml);
    let error = pick(&received);
    received.into_error(error)
}

/// The `<Error>` element, wherever `wrapping` says it is (or, leniently,
/// at the root when the wrapper is missing).
fn error_element(document: &Document<'_>, wrapping: ErrorWrapping) -> Option<NodeId> {
    let root = document.root()?;
    if document.name(root) == "Error" {
        return Some(root);
    }
    match wrapping {
        ErrorWrapping::ErrorResponse | ErrorWrapping::Bare => document.child(root, "Error"),
        ErrorWrapping::Errors => {
            let errors = document.child(root, "Errors")?;
            document.child(errors, "Error")
        }
    }
}

fn parse<E>(status: u16, body: &[u8]) -> Result<Document<'_>, ResponseError<E>> {
    Document::parse(body).map_err(|e| malformed(status, body, e))
}

fn malformed<E>(status: u16, body: &[u8], error: impl std::fmt::Display) -> ResponseError<E> {
    ResponseError::Malformed {
        status,
        message: error.to_string(),
        body: body.to_vec(),
    }
}
