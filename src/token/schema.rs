//! Claim schemas: a JSON Schema (2020-12 unless the schema says otherwise, `format`
//! asserted) that a token's claims must match, as services check what a verified token
//! carries.

use std::fmt;

use serde_json::{Map, Value};

use super::claims::ClaimFailure;

/// A compiled schema.
pub struct ClaimsSchema {
    validator: jsonschema::Validator,
}

impl fmt::Debug for ClaimsSchema {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ClaimsSchema")
    }
}

/// A schema shared by the policies of a run (equal when it is the same schema).
#[derive(Clone, Debug)]
pub struct SharedSchema(pub std::sync::Arc<ClaimsSchema>);

impl PartialEq for SharedSchema {
    fn eq(&self, other: &SharedSchema) -> bool {
        std::sync::Arc::ptr_eq(&self.0, &other.0)
    }
}

/// The most violations reported per token.
const MAX_VIOLATIONS: usize = 20;

impl ClaimsSchema {
    /// Compiles `schema`, or says why it is not a usable schema. References to other
    /// documents are not followed: a schema must be self-contained.
    pub fn new(schema: &Value) -> Result<ClaimsSchema, String> {
        let validator = jsonschema::options()
            .should_validate_formats(true)
            .build(schema)
            .map_err(|e| format!("not a valid JSON Schema: {e}"))?;
        Ok(ClaimsSchema { validator })
    }

    /// Every way `claims` fails the schema (up to a bound), by JSON pointer.
    pub fn check(&self, claims: &Map<String, Value>) -> Vec<ClaimFailure> {
        // The validator reads a `Value`; the claims are an object's map.
        let instance = Value::Object(claims.clone());
        self.validator
            .iter_errors(&instance)
            .take(MAX_VIOLATIONS)
            .map(|e| {
                let pointer = e.instance_path().to_string();
                ClaimFailure::Schema {
                    pointer: if pointer.is_empty() {
                        "/".into()
                    } else {
                        pointer
                    },
                    message: e.to_string(),
                }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn violations_name_the_claim() {
        let schema = ClaimsSchema::new(&json!({
            "type": "object",
            "required": ["userId", "email", "role"],
            "properties": {
                "userId": {"type": "string"},
                "email": {"type": "string", "format": "email"},
                "role": {"enum": ["admin", "user", "viewer"]}
            }
        }))
        .unwrap();
        let ok: Map<String, Value> =
            serde_json::from_value(json!({"userId": "u1", "email": "a@b.example", "role": "user"}))
                .unwrap();
        assert!(schema.check(&ok).is_empty());
        let bad: Map<String, Value> =
            serde_json::from_value(json!({"userId": 7, "email": "nope", "role": "superuser"}))
                .unwrap();
        let failures: Vec<String> = schema.check(&bad).iter().map(ToString::to_string).collect();
        assert_eq!(failures.len(), 3, "{failures:?}");
        assert!(
            failures.iter().any(|f| f.starts_with("/role: ")),
            "{failures:?}"
        );
        assert!(
            failures.iter().any(|f| f.starts_with("/email: ")),
            "{failures:?}"
        );
        assert!(ClaimsSchema::new(&json!({"type": 12})).is_err());
    }
}
