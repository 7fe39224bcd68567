//! JSON reading for header and payload: serde_json underneath, plus the duplicate member
//! names RFC 7515 §5.2 says a parser must either reject or resolve (jwtx keeps the last,
//! as JavaScript does, and reports every duplicate so `verify` can refuse it).

use std::borrow::Cow;
use std::collections::HashSet;
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
pub(crate) enum Path<'a> {
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
        // A claims set has a dozen members or so: room for them from the start spares
        // the table its regrowths.
        let mut members = match self.path {
            Path::Root => Map::with_capacity(16),
            _ => Map::new(),
        };
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

/// What [`find_members`] found: the top-level members asked for (the last occurrence of
/// each, as [`parse`] keeps) and every duplicate member name in the whole text.
pub struct Members {
    pub values: Vec<Option<Value>>,
    pub duplicates: Vec<String>,
}

/// Reads a JSON object for a few of its top-level members only: the same reading as
/// [`parse`] (the same deserializer, so the same texts are accepted and refused with the
/// same errors, and the same duplicates are found in the same order), but nothing is
/// built except the members named. Clean text costs no allocation per member.
pub fn find_members(bytes: &[u8], names: &[&str]) -> Result<Members, serde_json::Error> {
    let mut walk = Walk {
        duplicates: Vec::new(),
        keys: Vec::new(),
        strict: false,
    };
    let mut values = vec![None; names.len()];
    let mut de = serde_json::Deserializer::from_slice(bytes);
    Top {
        walk: &mut walk,
        names,
        values: &mut values,
    }
    .deserialize(&mut de)?;
    de.end()?;
    Ok(Members {
        values,
        duplicates: walk.duplicates,
    })
}

/// A walk over JSON that builds nothing: the member names of each object being read (one
/// stack for every depth), checked for duplicates, which are recorded by path or, for a
/// strict walk, end it.
pub(crate) struct Walk<'de> {
    duplicates: Vec<String>,
    keys: Vec<Cow<'de, str>>,
    strict: bool,
}

/// One object's place in a [`Walk`]: where its names start in the stack, or, past the
/// few a linear search suits, the set of them.
pub(crate) struct Object<'de> {
    start: usize,
    seen: Option<HashSet<Cow<'de, str>>>,
}

/// Objects with more members than this are checked through a hash set.
const LINEAR_MEMBERS: usize = 16;

impl<'de> Walk<'de> {
    /// A walk that fails at the first duplicate member name (the verifier's fast path,
    /// which leaves any anomaly to the full parser).
    pub(crate) fn strict() -> Walk<'de> {
        Walk {
            duplicates: Vec::new(),
            keys: Vec::new(),
            strict: true,
        }
    }

    /// Starts reading an object's members.
    pub(crate) fn open(&self) -> Object<'de> {
        Object {
            start: self.keys.len(),
            seen: None,
        }
    }

    /// Ends reading an object's members.
    pub(crate) fn close(&mut self, object: Object<'de>) {
        self.keys.truncate(object.start);
    }

    /// Notes a member of `object`, which sits at `path`.
    pub(crate) fn member<E: serde::de::Error>(
        &mut self,
        object: &mut Object<'de>,
        name: Cow<'de, str>,
        path: &Path<'_>,
    ) -> Result<(), E> {
        let start = object.start;
        let duplicate = match &mut object.seen {
            Some(set) => !set.insert(name.clone()),
            None if self.keys.len() - start < LINEAR_MEMBERS => {
                let duplicate = self.keys[start..].contains(&name);
                if !duplicate {
                    self.keys.push(name.clone());
                }
                duplicate
            }
            None => {
                let mut set: HashSet<Cow<'de, str>> = self.keys.drain(start..).collect();
                let duplicate = !set.insert(name.clone());
                object.seen = Some(set);
                duplicate
            }
        };
        if duplicate {
            if self.strict {
                return Err(E::custom("duplicate member name"));
            }
            self.duplicates.push(Path::Member(path, &name).spell());
        }
        Ok(())
    }

    /// A seed that reads any value and drops it, checking its objects' member names.
    pub(crate) fn skip(&mut self) -> Skip<'_, 'de, 'static> {
        Skip {
            walk: self,
            path: Path::Root,
        }
    }
}

/// A member name, borrowed from the text unless it holds escapes.
pub(crate) struct Name<'de>(pub(crate) Cow<'de, str>);

impl<'de> serde::Deserialize<'de> for Name<'de> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Name<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a member name")
            }
            fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Name<'de>, E> {
                Ok(Name(Cow::Borrowed(v)))
            }
            fn visit_str<E>(self, v: &str) -> Result<Name<'de>, E> {
                Ok(Name(Cow::Owned(v.to_owned())))
            }
            fn visit_string<E>(self, v: String) -> Result<Name<'de>, E> {
                Ok(Name(Cow::Owned(v)))
            }
        }
        d.deserialize_str(V)
    }
}

/// The top-level object: members asked for are built, the others skipped.
struct Top<'w, 'de, 'n> {
    walk: &'w mut Walk<'de>,
    names: &'n [&'n str],
    values: &'w mut Vec<Option<Value>>,
}

impl<'de> DeserializeSeed<'de> for Top<'_, 'de, '_> {
    type Value = ();

    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Top<'_, 'de, '_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let mut object = self.walk.open();
        while let Some(Name(name)) = map.next_key::<Name<'de>>()? {
            let path = Path::Member(&Path::Root, &name);
            match self.names.iter().position(|n| *n == name) {
                Some(i) => {
                    let value = map.next_value_seed(ValueSeed {
                        duplicates: &mut self.walk.duplicates,
                        path,
                    })?;
                    self.values[i] = Some(value);
                }
                None => map.next_value_seed(Skip {
                    walk: &mut *self.walk,
                    path,
                })?,
            }
            self.walk.member(&mut object, name, &Path::Root)?;
        }
        self.walk.close(object);
        Ok(())
    }
}

/// Any value, read and dropped, its objects' member names checked for duplicates.
pub(crate) struct Skip<'w, 'de, 'p> {
    walk: &'w mut Walk<'de>,
    path: Path<'p>,
}

impl<'de> DeserializeSeed<'de> for Skip<'_, 'de, '_> {
    type Value = ();

    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Skip<'_, 'de, '_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E>(self, _: bool) -> Result<(), E> {
        Ok(())
    }
    fn visit_i64<E>(self, _: i64) -> Result<(), E> {
        Ok(())
    }
    fn visit_u64<E>(self, _: u64) -> Result<(), E> {
        Ok(())
    }
    fn visit_f64<E>(self, _: f64) -> Result<(), E> {
        Ok(())
    }
    fn visit_str<E>(self, _: &str) -> Result<(), E> {
        Ok(())
    }
    fn visit_unit<E>(self) -> Result<(), E> {
        Ok(())
    }
    fn visit_none<E>(self) -> Result<(), E> {
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let mut i = 0;
        while seq
            .next_element_seed(Skip {
                walk: &mut *self.walk,
                path: Path::Index(&self.path, i),
            })?
            .is_some()
        {
            i += 1;
        }
        Ok(())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let mut object = self.walk.open();
        while let Some(Name(name)) = map.next_key::<Name<'de>>()? {
            map.next_value_seed(Skip {
                walk: &mut *self.walk,
                path: Path::Member(&self.path, &name),
            })?;
            self.walk.member(&mut object, name, &self.path)?;
        }
        self.walk.close(object);
        Ok(())
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
    fn finding_members_sees_the_duplicates_parsing_sees() {
        let mut long: Vec<String> = (0..40).map(|i| format!("\"m{i}\":{i}")).collect();
        long.push(r#""m3":{"c":1,"c":[{"d":1,"d":2}]}"#.into());
        long.push(r#""m\u0035":"five""#.into());
        let texts = [
            r#"{"a":1,"b":{"c":1,"c":2},"a":3}"#.to_owned(),
            r#"{"a":[{"x":1,"x":1}],"b":{"a":1,"b":2}}"#.to_owned(),
            format!("{{{}}}", long.join(",")),
        ];
        for text in &texts {
            let whole = parse(text.as_bytes()).unwrap();
            for name in ["a", "b", "m5", "m3", "none"] {
                let found = find_members(text.as_bytes(), &[name]).unwrap();
                assert_eq!(found.duplicates, whole.duplicates, "{text}");
                assert_eq!(found.values[0].as_ref(), whole.value.get(name), "{text}");
            }
        }
    }

    #[test]
    fn finding_members_refuses_what_parsing_refuses() {
        for text in [r#"{"a":1} x"#, r#"{"a":}"#, r#"{"a":1,}"#, r#"{"a":"\q"}"#] {
            let whole = parse(text.as_bytes()).err().unwrap().to_string();
            let found = find_members(text.as_bytes(), &["a"])
                .err()
                .unwrap()
                .to_string();
            assert_eq!(found, whole);
        }
    }

    #[test]
    fn trailing_garbage_is_an_error() {
        assert!(parse(br#"{"a":1} x"#).is_err());
    }
}
