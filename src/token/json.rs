//! JSON reading for header and payload: serde_json underneath, plus the duplicate member
//! names RFC 7515 §5.2 says a parser must either reject or resolve (jwtx keeps the last,
//! as JavaScript does, and reports every duplicate so `verify` can refuse it).

use std::fmt;

use serde::de::{DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde_json::map::Entry;
use serde_json::{Map, Value};

/// A parsed JSON text and the member names that appeared twice in one object,
/// as dotted paths (`user.name`).
pub struct JsonText {
    pub value: Value,
    pub duplicates: Vec<String>,
}

pub fn parse(bytes: &[u8]) -> Result<JsonText, serde_json::Error> {
    let mut duplicates = Vec::new();
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let value = ValueSeed {
        duplicates: &mut duplicates,
        path: Path::Root,
    }
    .deserialize(&mut de)?;
    de.end()?;
    Ok(JsonText { value, duplicates })
}

struct ValueSeed<'a> {
    duplicates: &'a mut Vec<String>,
    path: Path<'a>,
}

/// Where a value sits, as a chain of borrowed steps: a path is only spelt out when a
/// duplicate is found, so clean JSON costs no allocation per member.
#[derive(Clone, Copy)]
enum Path<'a> {
    Root,
    Member(&'a Path<'a>, &'a str),
    Index(&'a Path<'a>, usize),
}

impl Path<'_> {
    /// The dotted form (`user.name`, `roles.0`).
    fn spell(&self) -> String {
        let mut out = String::new();
        self.write(&mut out);
        out
    }

    fn write(&self, out: &mut String) {
        let (parent, step) = match self {
            Path::Root => return,
            Path::Member(parent, name) => (parent, std::borrow::Cow::Borrowed(*name)),
            Path::Index(parent, i) => (parent, std::borrow::Cow::Owned(i.to_string())),
        };
        parent.write(out);
        if !matches!(parent, Path::Root) {
            out.push('.');
        }
        out.push_str(&step);
    }
}

impl<'de> DeserializeSeed<'de> for ValueSeed<'_> {
    type Value = Value;

    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for ValueSeed<'_> {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::from(v))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::from(v))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(serde_json::Number::from_f64(v).map_or(Value::Null, Value::Number))
    }
    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_owned()))
    }
    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }
    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        loop {
            let seed = ValueSeed {
                duplicates: &mut *self.duplicates,
                path: Path::Index(&self.path, items.len()),
            };
            match seq.next_element_seed(seed)? {
                Some(v) => items.push(v),
                None => break,
            }
        }
        Ok(Value::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut members = Map::new();
        while let Some(name) = map.next_key::<String>()? {
            let value = map.next_value_seed(ValueSeed {
                duplicates: &mut *self.duplicates,
                path: Path::Member(&self.path, &name),
            })?;
            match members.entry(name) {
                Entry::Occupied(mut member) => {
                    let path = Path::Member(&self.path, member.key()).spell();
                    self.duplicates.push(path);
                    member.insert(value);
                }
                Entry::Vacant(member) => {
                    member.insert(value);
                }
            }
        }
        Ok(Value::Object(members))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_duplicates_at_any_depth() {
        let text = parse(br#"{"a":1,"b":{"c":1,"c":2},"a":3}"#).unwrap();
        assert_eq!(text.duplicates, ["b.c", "a"]);
        assert_eq!(text.value["a"], 3);
        assert_eq!(text.value["b"]["c"], 2);
    }

    #[test]
    fn clean_json_has_no_duplicates() {
        let text = parse(br#"{"a":[{"x":1},{"x":2}]}"#).unwrap();
        assert!(text.duplicates.is_empty());
    }

    #[test]
    fn trailing_garbage_is_an_error() {
        assert!(parse(br#"{"a":1} x"#).is_err());
    }
}
