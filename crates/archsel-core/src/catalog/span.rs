//! Source spans: `Sp<T>`, a value with the place in its YAML file it came from.
//!
//! YAML is read through serde-saphyr's `Spanned<T>`.

use bitcode::{Decode, Encode};
use serde::de::{Deserialize, Deserializer};
use serde::ser::{Serialize, Serializer};

/// Where a value sits in its source file. Line and column are 1-based
/// (characters); 0 means unknown. `offset`/`len` are bytes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Encode, Decode)]
pub struct SrcSpan {
    pub offset: u32,
    pub len: u32,
    pub line: u32,
    pub column: u32,
}

impl SrcSpan {
    pub fn is_known(&self) -> bool {
        self.line > 0
    }

    fn from_location(location: serde_saphyr::Location) -> Self {
        let span = location.span();
        let clamp = |v: u64| u32::try_from(v).unwrap_or(u32::MAX);
        SrcSpan {
            offset: span.byte_offset().map_or(0, clamp),
            len: span.byte_len().map_or(0, clamp),
            line: clamp(location.line()),
            column: clamp(location.column()),
        }
    }
}

/// A value and its source span.
#[derive(Clone, Debug, Default, Encode, Decode)]
pub struct Sp<T> {
    pub value: T,
    pub span: SrcSpan,
}

impl<T> Sp<T> {
    pub fn new(value: T, span: SrcSpan) -> Self {
        Sp { value, span }
    }
}

impl<T: PartialEq> PartialEq for Sp<T> {
    fn eq(&self, other: &Self) -> bool {
        self.value == other.value
    }
}

impl<T> std::ops::Deref for Sp<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.value
    }
}

/// In a schema, a spanned value is just its value.
impl<T: schemars::JsonSchema> schemars::JsonSchema for Sp<T> {
    fn inline_schema() -> bool {
        T::inline_schema()
    }
    fn schema_name() -> std::borrow::Cow<'static, str> {
        T::schema_name()
    }
    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        T::json_schema(generator)
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Sp<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let spanned = serde_saphyr::Spanned::<T>::deserialize(deserializer)?;
        Ok(Sp {
            value: spanned.value,
            span: SrcSpan::from_location(spanned.referenced),
        })
    }
}

/// Serialized as its value, as YAML writes it (schemas show defaults this way).
impl<T: Serialize> Serialize for Sp<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.value.serialize(serializer)
    }
}

/// A span's byte offset in `text`, clamped to it and to a character boundary.
pub fn byte_offset(text: &str, span: SrcSpan) -> usize {
    let mut offset = (span.offset as usize).min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}
