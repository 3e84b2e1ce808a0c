//! Traits whose definitions come with Smithy and the AWS SDKs rather than with
//! a model: AWS's JSON AST models apply them without defining them, and an
//! IDL model may `use` them. Each with the JSON AST type of its shape, which
//! decides what an annotation (`@trait` without a value) means. The
//! `smithy.api` prelude's traits are in `idl::prelude`.

/// `(trait id, shape type)`.
pub const TRAITS: &[(&str, &str)] = &[
    ("aws.api#arn", "structure"),
    ("aws.api#arnReference", "structure"),
    ("aws.api#awsChunked", "structure"),
    ("aws.api#clientDiscoveredEndpoint", "structure"),
    ("aws.api#clientEndpointDiscovery", "structure"),
    ("aws.api#clientEndpointDiscoveryId", "structure"),
    ("aws.api#controlPlane", "structure"),
    ("aws.api#data", "enum"),
    ("aws.api#dataPlane", "structure"),
    ("aws.api#service", "structure"),
    ("aws.api#tagEnabled", "structure"),
    ("aws.api#taggable", "structure"),
    ("aws.apigateway#apiKeySource", "string"),
    ("aws.apigateway#authorizer", "string"),
    ("aws.apigateway#authorizers", "map"),
    ("aws.apigateway#integration", "structure"),
    ("aws.apigateway#mockIntegration", "structure"),
    ("aws.apigateway#requestValidator", "string"),
    ("aws.auth#cognitoUserPools", "structure"),
    ("aws.auth#sigv4", "structure"),
    ("aws.auth#sigv4a", "structure"),
    ("aws.auth#unsignedPayload", "structure"),
    ("aws.cloudformation#cfnAdditionalIdentifier", "structure"),
    ("aws.cloudformation#cfnDefaultValue", "structure"),
    ("aws.cloudformation#cfnExcludeProperty", "structure"),
    ("aws.cloudformation#cfnMutability", "string"),
    ("aws.cloudformation#cfnName", "string"),
    ("aws.cloudformation#cfnResource", "structure"),
    ("aws.customizations#s3UnwrappedXmlOutput", "structure"),
    ("aws.iam#actionName", "string"),
    ("aws.iam#actionPermissionDescription", "string"),
    ("aws.iam#conditionKeyValue", "string"),
    ("aws.iam#conditionKeys", "list"),
    ("aws.iam#defineConditionKeys", "map"),
    ("aws.iam#disableConditionKeyInference", "structure"),
    ("aws.iam#iamAction", "structure"),
    ("aws.iam#iamResource", "structure"),
    ("aws.iam#requiredActions", "list"),
    ("aws.iam#serviceResolvedConditionKeys", "list"),
    ("aws.iam#supportedPrincipalTypes", "list"),
    ("aws.protocols#awsJson1_0", "structure"),
    ("aws.protocols#awsJson1_1", "structure"),
    ("aws.protocols#awsQuery", "structure"),
    ("aws.protocols#awsQueryCompatible", "structure"),
    ("aws.protocols#awsQueryError", "structure"),
    ("aws.protocols#ec2Query", "structure"),
    ("aws.protocols#ec2QueryName", "string"),
    ("aws.protocols#httpChecksum", "structure"),
    ("aws.protocols#restJson1", "structure"),
    ("aws.protocols#restXml", "structure"),
    ("smithy.mqtt#publish", "string"),
    ("smithy.mqtt#subscribe", "string"),
    ("smithy.mqtt#topicLabel", "structure"),
    ("smithy.openapi#specificationExtension", "structure"),
    ("smithy.protocols#rpcv2Cbor", "structure"),
    ("smithy.protocols#rpcv2Json", "structure"),
    ("smithy.rules#clientContextParams", "map"),
    ("smithy.rules#contextParam", "structure"),
    ("smithy.rules#endpointBdd", "structure"),
    ("smithy.rules#endpointRuleSet", "document"),
    ("smithy.rules#endpointTests", "structure"),
    ("smithy.rules#operationContextParams", "map"),
    ("smithy.rules#staticContextParams", "map"),
    ("smithy.test#eventStreamTests", "list"),
    ("smithy.test#httpMalformedRequestTests", "list"),
    ("smithy.test#httpRequestTests", "list"),
    ("smithy.test#httpResponseTests", "list"),
    ("smithy.test#smokeTests", "list"),
    ("smithy.waiters#waitable", "map"),
];

/// The protocol traits: a service with one of these speaks that protocol.
pub const PROTOCOLS: &[&str] = &[
    "aws.protocols#restJson1",
    "aws.protocols#awsJson1_0",
    "aws.protocols#awsJson1_1",
    "aws.protocols#restXml",
    "aws.protocols#awsQuery",
    "aws.protocols#ec2Query",
    "smithy.protocols#rpcv2Cbor",
    "smithy.protocols#rpcv2Json",
];

/// Namespaces whose traits ship with Smithy or the AWS SDKs: a trait of
/// theirs that is not listed above is accepted, with a warning, since this
/// generator cannot see its definition.
pub fn in_reserved_namespace(trait_id: &str) -> bool {
    let namespace = trait_id.split('#').next().unwrap_or_default();
    namespace != "smithy.api" && (namespace.starts_with("aws.") || namespace.starts_with("smithy."))
}

/// The shape type of a known trait.
pub fn type_of(trait_id: &str) -> Option<&'static str> {
    TRAITS.iter().find(|(id, _)| *id == trait_id).map(|(_, t)| *t)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_is_sorted_and_unique() {
        assert!(TRAITS.windows(2).all(|w| w[0].0 < w[1].0), "sorted by id, no repeats");
        assert!(PROTOCOLS.iter().all(|p| type_of(p) == Some("structure")));
        assert!(in_reserved_namespace("aws.newthing#x") && !in_reserved_namespace("smithy.api#x"));
        assert!(!in_reserved_namespace("example.weather#x"));
    }
}
