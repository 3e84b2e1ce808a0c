// The STS AssumeRole operation, shaped as in the published STS model (awsQuery,
// version 2011-06-15): only what the XML bench reads. The wording is ours.
$version: "2.0"

namespace com.amazonaws.sts

use aws.api#service
use aws.protocols#awsQuery
use aws.protocols#awsQueryError

@service(sdkId: "STS", endpointPrefix: "sts")
@awsQuery
@xmlNamespace(uri: "https://sts.amazonaws.com/doc/2011-06-15/")
service AWSSecurityTokenServiceV20110615 {
    version: "2011-06-15"
    operations: [AssumeRole]
}

/// Temporary credentials for a role.
operation AssumeRole {
    input: AssumeRoleRequest
    output: AssumeRoleResponse
    errors: [MalformedPolicyDocumentException, PackedPolicyTooLargeException, RegionDisabledException, ExpiredTokenException]
}

structure AssumeRoleRequest {
    @required
    RoleArn: arnType

    @required
    RoleSessionName: roleSessionNameType

    PolicyArns: policyDescriptorListType

    Policy: unrestrictedSessionPolicyDocumentType

    DurationSeconds: roleDurationSecondsType

    Tags: tagListType

    TransitiveTagKeys: tagKeyListType

    ExternalId: externalIdType

    SerialNumber: serialNumberType

    TokenCode: tokenCodeType

    SourceIdentity: sourceIdentityType

    ProvidedContexts: ProvidedContextsListType
}

structure AssumeRoleResponse {
    Credentials: Credentials

    AssumedRoleUser: AssumedRoleUser

    PackedPolicySize: nonNegativeIntegerType

    SourceIdentity: sourceIdentityType
}

/// The credentials a role grants for a while.
structure Credentials {
    @required
    AccessKeyId: accessKeyIdType

    @required
    SecretAccessKey: accessKeySecretType

    @required
    SessionToken: tokenType

    @required
    Expiration: dateType
}

/// Who the session is.
structure AssumedRoleUser {
    @required
    AssumedRoleId: assumedRoleIdType

    @required
    Arn: arnType
}

structure PolicyDescriptorType {
    arn: arnType
}

structure Tag {
    @required
    Key: tagKeyType

    @required
    Value: tagValueType
}

structure ProvidedContext {
    ProviderArn: arnType
    ContextAssertion: contextAssertionType
}

list policyDescriptorListType {
    member: PolicyDescriptorType
}

list tagListType {
    member: Tag
}

list tagKeyListType {
    member: tagKeyType
}

list ProvidedContextsListType {
    member: ProvidedContext
}

@error("client")
@httpError(400)
@awsQueryError(code: "MalformedPolicyDocument", httpResponseCode: 400)
structure MalformedPolicyDocumentException {
    message: String
}

@error("client")
@httpError(400)
@awsQueryError(code: "PackedPolicyTooLarge", httpResponseCode: 400)
structure PackedPolicyTooLargeException {
    message: String
}

@error("client")
@httpError(403)
@awsQueryError(code: "RegionDisabledException", httpResponseCode: 403)
structure RegionDisabledException {
    message: String
}

@error("client")
@httpError(400)
@awsQueryError(code: "ExpiredTokenException", httpResponseCode: 400)
structure ExpiredTokenException {
    message: String
}

@length(min: 20, max: 2048)
string arnType

@length(min: 2, max: 64)
@pattern("^[\\w+=,.@-]*$")
string roleSessionNameType

string unrestrictedSessionPolicyDocumentType

@range(min: 900, max: 43200)
integer roleDurationSecondsType

@length(min: 1, max: 128)
string tagKeyType

@length(min: 0, max: 256)
string tagValueType

@length(min: 2, max: 1224)
string externalIdType

@length(min: 9, max: 256)
string serialNumberType

@length(min: 6, max: 6)
string tokenCodeType

@length(min: 2, max: 64)
string sourceIdentityType

@length(min: 4, max: 2048)
string contextAssertionType

@range(min: 0)
integer nonNegativeIntegerType

@length(min: 16, max: 128)
string accessKeyIdType

@sensitive
string accessKeySecretType

string tokenType

timestamp dateType

@length(min: 2, max: 193)
string assumedRoleIdType
