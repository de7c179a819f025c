//! Attribute values and their kinds.

/// The kind of one attribute value, or of a whole column (`Mixed` only for columns).
/// The discriminants are the C ABI's `GR_ATTR_*` tags, which `ffi` asserts at compile time.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[repr(i32)]
pub enum AttrKind {
    Null = 0,
    Bool = 1,
    Int8 = 2,
    Int16 = 3,
    Int32 = 4,
    Int64 = 5,
    Float32 = 6,
    Float64 = 7,
    Str = 8,
    Bytes = 9,
    Mixed = 10,
}

impl AttrKind {
    /// The name Python and the docs use for this kind (numpy-style).
    pub fn name(self) -> &'static str {
        match self {
            AttrKind::Null => "null",
            AttrKind::Bool => "bool",
            AttrKind::Int8 => "int8",
            AttrKind::Int16 => "int16",
            AttrKind::Int32 => "int32",
            AttrKind::Int64 => "int64",
            AttrKind::Float32 => "float32",
            AttrKind::Float64 => "float64",
            AttrKind::Str => "str",
            AttrKind::Bytes => "bytes",
            AttrKind::Mixed => "mixed",
        }
    }
}

/// One attribute value. `Null` is a value that was set to "nothing"; an attribute that was
/// never set is absent, which the graph reports as `None` (`Option<AttrValue>`).
#[derive(Clone, Debug, PartialEq, Default)]
pub enum AttrValue {
    #[default]
    Null,
    Bool(bool),
    Int8(i8),
    Int16(i16),
    Int32(i32),
    Int64(i64),
    Float32(f32),
    Float64(f64),
    Str(Box<str>),
    Bytes(Box<[u8]>),
}

impl AttrValue {
    pub fn kind(&self) -> AttrKind {
        match self {
            AttrValue::Null => AttrKind::Null,
            AttrValue::Bool(_) => AttrKind::Bool,
            AttrValue::Int8(_) => AttrKind::Int8,
            AttrValue::Int16(_) => AttrKind::Int16,
            AttrValue::Int32(_) => AttrKind::Int32,
            AttrValue::Int64(_) => AttrKind::Int64,
            AttrValue::Float32(_) => AttrKind::Float32,
            AttrValue::Float64(_) => AttrKind::Float64,
            AttrValue::Str(_) => AttrKind::Str,
            AttrValue::Bytes(_) => AttrKind::Bytes,
        }
    }

    /// The value as an exact integer, for bools and integers.
    pub fn as_integer(&self) -> Option<i64> {
        match *self {
            AttrValue::Bool(x) => Some(x as i64),
            AttrValue::Int8(x) => Some(x.into()),
            AttrValue::Int16(x) => Some(x.into()),
            AttrValue::Int32(x) => Some(x.into()),
            AttrValue::Int64(x) => Some(x),
            _ => None,
        }
    }

    /// The value as a number, for bools, integers and floats.
    pub fn as_number(&self) -> Option<f64> {
        match *self {
            AttrValue::Float32(x) => Some(x.into()),
            AttrValue::Float64(x) => Some(x),
            _ => self.as_integer().map(|x| x as f64),
        }
    }

    /// Bytes of heap memory this value owns (for memory accounting).
    pub fn heap_size(&self) -> usize {
        match self {
            AttrValue::Str(s) => s.len(),
            AttrValue::Bytes(b) => b.len(),
            _ => 0,
        }
    }
}

impl From<&str> for AttrValue {
    fn from(value: &str) -> Self {
        AttrValue::Str(value.into())
    }
}

impl From<i64> for AttrValue {
    fn from(value: i64) -> Self {
        AttrValue::Int64(value)
    }
}

impl From<f64> for AttrValue {
    fn from(value: f64) -> Self {
        AttrValue::Float64(value)
    }
}

impl From<bool> for AttrValue {
    fn from(value: bool) -> Self {
        AttrValue::Bool(value)
    }
}
