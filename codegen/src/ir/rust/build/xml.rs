//! The XML traits, read once into the IR: what restXml, awsQuery and ec2Query
//! need to name elements, attributes and query keys. Other protocols' crates
//! read none of them (their values stay at the default).

use serde_json::Value;

use super::{CodegenError, Result, Traits, XmlMember, XmlNamespace, XmlShape};

const XML_NAME: &str = "smithy.api#xmlName";
const XML_NAMESPACE: &str = "smithy.api#xmlNamespace";
const XML_ATTRIBUTE: &str = "smithy.api#xmlAttribute";
const XML_FLATTENED: &str = "smithy.api#xmlFlattened";
const EC2_QUERY_NAME: &str = "aws.protocols#ec2QueryName";
/// `@awsQueryError(code, httpResponseCode)` on an error structure.
pub(super) const AWS_QUERY_ERROR: &str = "aws.protocols#awsQueryError";

/// The facts of a member (its own traits only: `@xmlName` on a target
/// structure names the structure's root element, not the member's).
pub(super) fn member(traits: &Traits, owner: &str) -> Result<XmlMember> {
    Ok(XmlMember {
        name: string(traits, XML_NAME, owner)?,
        namespace: namespace(traits, owner)?,
        attribute: traits.has(XML_ATTRIBUTE),
        flattened: traits.has(XML_FLATTENED),
        ec2_query_name: string(traits, EC2_QUERY_NAME, owner)?,
    })
}

/// A structure's or union's element name and namespace.
pub(super) fn shape(traits: &Traits, name: &str, owner: &str) -> Result<XmlShape> {
    Ok(XmlShape {
        name: string(traits, XML_NAME, owner)?.unwrap_or_else(|| name.to_owned()),
        namespace: namespace(traits, owner)?,
    })
}

/// `@xmlNamespace(uri, prefix)`, if present.
pub(super) fn namespace(traits: &Traits, owner: &str) -> Result<Option<XmlNamespace>> {
    let Some(value) = traits.get(XML_NAMESPACE) else {
        return Ok(None);
    };
    let field = |name: &str| value.get(name).and_then(Value::as_str).map(str::to_owned);
    let uri = field("uri").ok_or_else(|| invalid(owner, XML_NAMESPACE, "needs a `uri` string"))?;
    Ok(Some(XmlNamespace {
        uri,
        prefix: field("prefix"),
    }))
}

/// `@awsQueryError`: the error code awsQuery responses carry, and the status.
pub(super) fn query_error(traits: &Traits, owner: &str) -> Result<Option<(String, Option<u16>)>> {
    let Some(value) = traits.get(AWS_QUERY_ERROR) else {
        return Ok(None);
    };
    let code = value
        .get("code")
        .and_then(Value::as_str)
        .ok_or_else(|| invalid(owner, AWS_QUERY_ERROR, "needs a `code` string"))?;
    let status = value
        .get("httpResponseCode")
        .and_then(Value::as_u64)
        .and_then(|s| u16::try_from(s).ok());
    Ok(Some((code.to_owned(), status)))
}

fn string(traits: &Traits, trait_id: &str, owner: &str) -> Result<Option<String>> {
    match traits.get(trait_id) {
        None => Ok(None),
        Some(Value::String(s)) if !s.is_empty() => Ok(Some(s.clone())),
        Some(_) => Err(invalid(owner, trait_id, "must be a non-empty string")),
    }
}

fn invalid(owner: &str, trait_id: &str, message: &str) -> CodegenError {
    CodegenError::InvalidTrait {
        id: owner.to_owned(),
        trait_id: trait_id.into(),
        message: message.into(),
    }
}
