//! The impls every generated type of one kind shares, written once as macros.
//! A generated file lists what is its own (members, values, errors) and calls
//! one of these for the rest, so every crate gets the same API from one place.
//! They are for generated code only: their input may change in any release.

/// A structure's shared API and impls: `builder()`, `validate()`,
/// `from_json_strict()`, its builder's `build()`, `Serialize` (through its
/// [`WriteFields`](crate::wire::WriteFields)), `Deserialize` (through its
/// builder's [`ReadFields`](crate::wire::ReadFields), finished by
/// `build_unchecked`), [`HasCodec`](crate::wire::HasCodec) and
/// [`ErrorCorrection`](crate::ErrorCorrection) (an empty builder, finished the
/// same way: required members corrected, `@default`s filled in).
///
/// With `infallible`, `build()` returns the value itself: the model puts no
/// constraint on it.
#[macro_export]
#[doc(hidden)]
macro_rules! structure_impls {
    ($name:ident, $builder:ident) => {
        $crate::structure_impls!(@shared $name, $builder);

        impl $builder {
            /// Builds the value, or reports every missing required member and every
            /// constraint violation.
            #[inline]
            pub fn build(self) -> ::core::result::Result<$name, $crate::BuildError> {
                let value = self.build_unchecked();
                match $crate::Validate::validate(&value) {
                    ::core::result::Result::Ok(()) => ::core::result::Result::Ok(value),
                    ::core::result::Result::Err(error) => ::core::result::Result::Err(
                        $crate::BuildError::new(::core::stringify!($name), error),
                    ),
                }
            }
        }
    };
    ($name:ident, $builder:ident, infallible) => {
        $crate::structure_impls!(@shared $name, $builder);

        impl $builder {
            /// Builds the value: the model puts no constraint on it, so this cannot fail.
            pub fn build(self) -> $name {
                self.build_unchecked()
            }
        }
    };
    (@shared $name:ident, $builder:ident) => {
        impl $name {
            /// A builder for this type; `build()` validates the result.
            pub fn builder() -> $builder {
                <$builder as ::core::default::Default>::default()
            }

            /// Checks every constraint of the model on this value and everything it
            /// contains, reporting all violations (not only the first).
            #[inline]
            pub fn validate(&self) -> ::core::result::Result<(), $crate::ValidationError> {
                $crate::Validate::validate(self)
            }

            /// Parses JSON and then validates it: the strict counterpart of
            /// `serde_json::from_slice`, which (like every Smithy client) accepts
            /// values that break the model's constraints.
            // Inline, as a generic function would be: the parser is compiled in
            // the crate that calls it, for the types it is called on, not for
            // every type of a model when this crate is built.
            #[inline]
            pub fn from_json_strict(json: &[u8]) -> ::core::result::Result<Self, $crate::StrictParseError> {
                $crate::error::parse_strict(json)
            }
        }

        impl $crate::wire::HasCodec for $name {
            type Codec = $crate::wire::Plain;
        }

        /// Its members check themselves, wherever it is held.
        impl $crate::validate::Check for $name {
            #[inline]
            fn check(
                &self,
                path: &$crate::validate::Path<'_>,
                _: &$crate::validate::Rules,
                out: &mut $crate::validate::Violations,
            ) {
                $crate::Validate::validate_at(self, path, out);
            }
        }

        impl $crate::wire::serde::Serialize for $name {
            fn serialize<S: $crate::wire::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::core::result::Result<S::Ok, S::Error> {
                $crate::wire::serialize_fields(self, serializer)
            }
        }

        impl<'de> $crate::wire::serde::Deserialize<'de> for $name {
            fn deserialize<D: $crate::wire::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::core::result::Result<Self, D::Error> {
                // Filled in place, not returned by `deserialize_fields`: a reader
                // would move the whole builder through its `Result`s.
                let mut builder = <$builder as ::core::default::Default>::default();
                $crate::wire::deserialize_fields_into(deserializer, ::core::stringify!($name), &mut builder)?;
                ::core::result::Result::Ok(builder.build_unchecked())
            }
        }

        impl $crate::ErrorCorrection for $name {
            fn corrected() -> Self {
                <$builder as ::core::default::Default>::default().build_unchecked()
            }
        }
    };
}

/// What string and int enums share: `is_known()`, `validate()` (documented
/// by `$validate_doc`), [`Validate`](crate::Validate) with Smithy's `rule`
/// text, [`ErrorCorrection`](crate::ErrorCorrection) (`$corrected`) and
/// [`HasCodec`](crate::wire::HasCodec).
#[macro_export]
#[doc(hidden)]
macro_rules! enum_shared_impls {
    ($name:ident, $rule:literal, $validate_doc:literal, $corrected:expr) => {
        impl $name {
            /// Whether the value is one the model defines.
            pub fn is_known(&self) -> bool {
                !::core::matches!(self, Self::Unknown(_))
            }

            #[doc = $validate_doc]
            #[inline]
            pub fn validate(&self) -> ::core::result::Result<(), $crate::ValidationError> {
                $crate::Validate::validate(self)
            }
        }

        impl $crate::Validate for $name {
            fn validate_at(&self, path: &$crate::validate::Path<'_>, out: &mut $crate::validate::Violations) {
                out.enum_value(path, self.is_known(), $rule);
            }
        }

        impl $crate::ErrorCorrection for $name {
            fn corrected() -> Self {
                $corrected
            }
        }

        impl $crate::wire::HasCodec for $name {
            type Codec = $crate::wire::Plain;
        }
    };
}

/// A string enum's shared API and impls, from its own `as_str()` and
/// `known(&str)`: what every enum has ([`enum_shared_impls!`], with an empty
/// unknown value as the corrected one), conversions from strings (`From<&str>`,
/// `From<String>`, `FromStr`; a value outside the model's set becomes
/// `Unknown`), `AsRef<str>`, `Display` and serde as a JSON string.
#[macro_export]
#[doc(hidden)]
macro_rules! enum_impls {
    ($name:ident, $rule:literal) => {
        $crate::enum_shared_impls!(
            $name,
            $rule,
            "Checks that the value is one the model defines (values outside the set parse, but a service would reject them).",
            Self::Unknown($crate::UnknownVariantValue::new(""))
        );

        impl ::core::convert::From<&str> for $name {
            fn from(value: &str) -> Self {
                Self::known(value).unwrap_or_else(|| Self::Unknown($crate::UnknownVariantValue::new(value)))
            }
        }

        impl ::core::convert::From<::std::string::String> for $name {
            fn from(value: ::std::string::String) -> Self {
                match Self::known(&value) {
                    ::core::option::Option::Some(known) => known,
                    ::core::option::Option::None => Self::Unknown($crate::UnknownVariantValue::new(value)),
                }
            }
        }

        impl ::core::str::FromStr for $name {
            type Err = ::core::convert::Infallible;

            fn from_str(value: &str) -> ::core::result::Result<Self, Self::Err> {
                ::core::result::Result::Ok(Self::from(value))
            }
        }

        impl $crate::http::HttpText for $name {
            fn http_text(&self) -> ::std::string::String {
                ::std::borrow::ToOwned::to_owned(self.as_str())
            }
        }

        /// Its value set, then the position's rules on its text.
        impl $crate::validate::Check for $name {
            #[inline]
            fn check(
                &self,
                path: &$crate::validate::Path<'_>,
                rules: &$crate::validate::Rules,
                out: &mut $crate::validate::Violations,
            ) {
                $crate::Validate::validate_at(self, path, out);
                rules.check(path, self.as_str(), out);
            }
        }

        impl ::core::convert::AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                self.as_str()
            }
        }

        impl ::core::fmt::Display for $name {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl $crate::wire::serde::Serialize for $name {
            fn serialize<S: $crate::wire::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::core::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> $crate::wire::serde::Deserialize<'de> for $name {
            fn deserialize<D: $crate::wire::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::core::result::Result<Self, D::Error> {
                $crate::wire::deserialize_enum(
                    deserializer,
                    ::core::concat!("a string naming a value of `", ::core::stringify!($name), "`"),
                )
            }
        }
    };
}

/// An int enum's shared API and impls, from its own `value()` and
/// `From<i32>`: what every enum has ([`enum_shared_impls!`], with zero as the
/// corrected value), `From<Self> for i32`, `Display` and serde as a JSON number.
#[macro_export]
#[doc(hidden)]
macro_rules! int_enum_impls {
    ($name:ident, $rule:literal) => {
        $crate::enum_shared_impls!(
            $name,
            $rule,
            "Checks that the value is one the model defines.",
            Self::from(0)
        );

        impl ::core::convert::From<$name> for i32 {
            fn from(value: $name) -> i32 {
                value.value()
            }
        }

        impl $crate::http::HttpText for $name {
            fn http_text(&self) -> ::std::string::String {
                ::std::string::ToString::to_string(&self.value())
            }
        }

        /// Its value set, then the position's rules on its number.
        impl $crate::validate::Check for $name {
            #[inline]
            fn check(
                &self,
                path: &$crate::validate::Path<'_>,
                rules: &$crate::validate::Rules,
                out: &mut $crate::validate::Violations,
            ) {
                $crate::Validate::validate_at(self, path, out);
                rules.check(path, &self.value(), out);
            }
        }

        impl ::core::fmt::Display for $name {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                ::core::fmt::Display::fmt(&self.value(), f)
            }
        }

        impl $crate::wire::serde::Serialize for $name {
            fn serialize<S: $crate::wire::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::core::result::Result<S::Ok, S::Error> {
                serializer.serialize_i32(self.value())
            }
        }

        impl<'de> $crate::wire::serde::Deserialize<'de> for $name {
            fn deserialize<D: $crate::wire::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::core::result::Result<Self, D::Error> {
                <i32 as $crate::wire::serde::Deserialize<'de>>::deserialize(deserializer).map(Self::from)
            }
        }
    };
}

/// An operation error enum's shared API and impls, given its modeled
/// variants, each with the error structure it holds (`Unhandled` is always
/// there besides): `code()`, `message()`, `http_status()`,
/// `is_retryable()` and `is_throttling()` from the error held, `Display` and
/// `Error` (transparent), and `From` each error, an
/// [`Unhandled`](crate::Unhandled) and a failed response.
#[macro_export]
#[doc(hidden)]
macro_rules! operation_error_impls {
    ($error:ident { $($variant:ident($ty:ty)),* $(,)? }) => {
        impl $error {
            /// The error held, as every error describes itself.
            fn info(&self) -> &dyn $crate::error::ErrorInfo {
                match self {
                    $(Self::$variant(e) => e,)*
                    Self::Unhandled(e) => e,
                }
            }

            /// The modeled error an error response's code names, or `Unhandled`
            /// (for protocols whose responses this crate reads).
            #[allow(dead_code)]
            fn from_response(received: &$crate::http::ErrorResponse<'_>) -> Self {
                let code = received.code();
                $(
                    if code == ::core::option::Option::Some(<$ty>::CODE) {
                        return Self::$variant(received.read());
                    }
                )*
                Self::Unhandled(received.unhandled())
            }

            /// The error code, if known.
            pub fn code(&self) -> ::core::option::Option<&str> {
                self.info().code()
            }

            /// The service's message, if it sent one.
            pub fn message(&self) -> ::core::option::Option<&str> {
                self.info().message()
            }

            /// The HTTP status: the modeled one, or the one received.
            pub fn http_status(&self) -> ::core::option::Option<u16> {
                self.info().http_status()
            }

            /// Whether retrying later may succeed (`@retryable` or throttling).
            pub fn is_retryable(&self) -> bool {
                self.info().is_retryable()
            }

            /// Whether the caller is being throttled.
            pub fn is_throttling(&self) -> bool {
                self.info().is_throttling()
            }
        }

        impl ::core::fmt::Display for $error {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                ::core::fmt::Display::fmt(self.info(), f)
            }
        }

        /// Transparent: each variant shows (and has the source of) the error it holds.
        impl ::std::error::Error for $error {
            fn source(&self) -> ::core::option::Option<&(dyn ::std::error::Error + 'static)> {
                self.info().source()
            }
        }

        impl ::core::convert::From<$crate::Unhandled> for $error {
            fn from(value: $crate::Unhandled) -> Self {
                Self::Unhandled(value)
            }
        }

        /// The operation's error from a failed response: a service error as it
        /// is, an unreadable response as `Unhandled`.
        impl ::core::convert::From<$crate::http::ResponseError<$error>> for $error {
            #[inline]
            fn from(value: $crate::http::ResponseError<$error>) -> Self {
                value.into_service_error()
            }
        }

        $(
            impl ::core::convert::From<$ty> for $error {
                fn from(value: $ty) -> Self {
                    Self::$variant(value)
                }
            }
        )*
    };
}

/// A modeled error's shared impls, from its facts (`CODE`, `HTTP_STATUS`,
/// `RETRYABLE`, `THROTTLING` constants): `Display` (`Code: message`),
/// `Error`, [`ErrorInfo`](crate::error::ErrorInfo), and, unless `custom`,
/// `error_message()` and [`ReadError`](crate::http::ReadError) (the JSON
/// body, its optional `message` member filled from the response when the
/// body lacks it). With `custom`, the generated code writes those two.
#[macro_export]
#[doc(hidden)]
macro_rules! error_impls {
    ($name:ident, message: $message:ident) => {
        impl $name {
            /// The human-readable message, if the service sent one.
            pub fn error_message(&self) -> ::core::option::Option<&str> {
                self.$message.as_deref()
            }
        }

        impl $crate::http::ReadError for $name {
            fn read_error(response: &$crate::http::ErrorResponse<'_>) -> Self {
                let mut error: Self = response.body(Self::CODE);
                if error.$message.is_none() {
                    error.$message = response.message().map(::std::borrow::ToOwned::to_owned);
                }
                error
            }
        }

        $crate::error_impls!($name, custom);
    };
    ($name:ident) => {
        impl $name {
            /// The human-readable message: this error has no member for one.
            pub fn error_message(&self) -> ::core::option::Option<&str> {
                ::core::option::Option::None
            }
        }

        impl $crate::http::ReadError for $name {
            fn read_error(response: &$crate::http::ErrorResponse<'_>) -> Self {
                response.body(Self::CODE)
            }
        }

        $crate::error_impls!($name, custom);
    };
    ($name:ident, custom) => {
        impl ::core::fmt::Display for $name {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str(Self::CODE)?;
                if let ::core::option::Option::Some(message) = self.error_message() {
                    ::core::write!(f, ": {}", message)?;
                }
                ::core::result::Result::Ok(())
            }
        }

        impl ::std::error::Error for $name {}

        impl $crate::error::ErrorInfo for $name {
            fn code(&self) -> ::core::option::Option<&str> {
                ::core::option::Option::Some(Self::CODE)
            }

            fn message(&self) -> ::core::option::Option<&str> {
                self.error_message()
            }

            fn http_status(&self) -> ::core::option::Option<u16> {
                Self::HTTP_STATUS
            }

            fn is_retryable(&self) -> bool {
                Self::RETRYABLE || Self::THROTTLING
            }

            fn is_throttling(&self) -> bool {
                Self::THROTTLING
            }
        }
    };
}
