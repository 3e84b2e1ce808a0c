//! Only here so that `aws-sdk-iot` is built; see `peers/build-time.sh`.
pub use aws_sdk_iot;
