//! OpenID Connect discovery (OpenID Connect Discovery 1.0 §4), with the RFC 8414
//! authorization-server metadata location as a fallback: the issuer the user named
//! leads to its key set, and the document must name that issuer exactly (§4.3).

use serde_json::Value;
use url::Url;

use super::{Client, Document, Expect, FetchError};

/// What jwtx takes from a discovery document.
#[derive(Clone, Debug)]
pub struct Discovery {
    pub issuer: String,
    pub jwks_uri: Url,
}

const ACCEPT: &str = "application/json";

/// The issuer as typed, checked to be a URL jwtx may fetch from: https (or http to
/// loopback, or with `--allow-http`), with no query or fragment.
pub fn issuer_url(issuer: &str) -> Result<Url, String> {
    let url = Url::parse(issuer).map_err(|e| format!("{issuer:?} is not a URL ({e})"))?;
    if !matches!(url.scheme(), "https" | "http") {
        return Err(format!("{issuer:?} is not an https:// issuer URL"));
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(format!(
            "{issuer:?} has a query or fragment, which an issuer identifier never has"
        ));
    }
    Ok(url)
}

/// Where the metadata lives: `ISSUER/.well-known/openid-configuration` (OpenID Connect
/// Discovery §4), then `/.well-known/oauth-authorization-server` inserted before the
/// issuer's path (RFC 8414 §3.1).
pub fn metadata_urls(issuer: &Url) -> Vec<Url> {
    let path = issuer.path().trim_end_matches('/');
    let mut oidc = issuer.clone();
    oidc.set_path(&format!("{path}/.well-known/openid-configuration"));
    let mut oauth = issuer.clone();
    oauth.set_path(&format!("/.well-known/oauth-authorization-server{path}"));
    vec![oidc, oauth]
}

fn parse(body: &str) -> Result<Discovery, String> {
    let json: Value = serde_json::from_str(body).map_err(|e| format!("not JSON ({e})"))?;
    let object = json.as_object().ok_or("not a JSON object")?;
    let issuer = object
        .get("issuer")
        .and_then(Value::as_str)
        .ok_or("it has no \"issuer\" string")?;
    let jwks_uri = object
        .get("jwks_uri")
        .and_then(Value::as_str)
        .ok_or("it has no \"jwks_uri\" string (the provider publishes no keys)")?;
    let jwks_uri = Url::parse(jwks_uri)
        .map_err(|e| format!("its jwks_uri {jwks_uri:?} is not a URL ({e})"))?;
    Ok(Discovery {
        issuer: issuer.to_owned(),
        jwks_uri,
    })
}

/// Fetches the issuer's metadata and checks it names `issuer` exactly.
pub fn discover(client: &Client, issuer: &str) -> Result<Document<Discovery>, FetchError> {
    let url = issuer_url(issuer).map_err(FetchError::Discovery)?;
    let expect = Expect {
        what: "an OpenID Connect discovery document",
        accept: ACCEPT,
        parse: &parse,
    };
    let mut tried = Vec::new();
    let mut found = None;
    for candidate in metadata_urls(&url) {
        match client.get(&candidate, &expect) {
            Ok(doc) => {
                found = Some(doc);
                break;
            }
            // Not there: the other well-known location may be.
            Err(FetchError::Status { status: 404, .. } | FetchError::NotCached { .. }) => {
                tried.push(candidate.to_string());
            }
            Err(e) => return Err(e),
        }
    }
    let Some(doc) = found else {
        let how = if client.mode == super::Mode::Offline {
            "are not in the key cache (--offline)"
        } else {
            "both answered 404"
        };
        return Err(FetchError::Discovery(format!(
            "no discovery document for issuer {issuer}: {} {how}",
            tried.join(" and ")
        )));
    };
    if doc.value.issuer != issuer {
        return Err(FetchError::Discovery(format!(
            "the discovery document at {} names issuer {:?}, not {issuer:?} as given; pass --oidc exactly as the provider spells its issuer",
            doc.url, doc.value.issuer
        )));
    }
    // The keys must be at least as well protected as the document that names them.
    let jwks = &doc.value.jwks_uri;
    if url.scheme() == "https" && jwks.scheme() != "https" {
        return Err(FetchError::Refused {
            url: super::http::redacted(jwks),
            why: format!(
                "the discovery document at {} names it as jwks_uri, and it is not https",
                doc.url
            ),
        });
    }
    if let Err(FetchError::Refused { why, .. }) = super::http::check_url(jwks, client.allow_http())
    {
        return Err(FetchError::Refused {
            url: super::http::redacted(jwks),
            why: format!(
                "named as jwks_uri by the discovery document at {}: {why}",
                doc.url
            ),
        });
    }
    Ok(doc)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn metadata_locations() {
        let urls = |i: &str| -> Vec<String> {
            metadata_urls(&Url::parse(i).unwrap())
                .iter()
                .map(|u| u.to_string())
                .collect()
        };
        assert_eq!(
            urls("https://id.example.invalid"),
            [
                "https://id.example.invalid/.well-known/openid-configuration",
                "https://id.example.invalid/.well-known/oauth-authorization-server"
            ]
        );
        assert_eq!(
            urls("https://id.example.invalid/realms/dev/"),
            [
                "https://id.example.invalid/realms/dev/.well-known/openid-configuration",
                "https://id.example.invalid/.well-known/oauth-authorization-server/realms/dev"
            ]
        );
    }

    #[test]
    fn issuers_are_plain_urls() {
        assert!(issuer_url("https://id.example.invalid").is_ok());
        assert!(issuer_url("id.example.invalid").is_err());
        assert!(issuer_url("https://id.example.invalid/?tenant=1").is_err());
        assert!(issuer_url("https://id.example.invalid/#x").is_err());
        assert!(issuer_url("ftp://id.example.invalid").is_err());
    }

    #[test]
    fn documents_need_issuer_and_jwks_uri() {
        let ok =
            parse(r#"{"issuer":"https://a.invalid","jwks_uri":"https://a.invalid/k"}"#).unwrap();
        assert_eq!(ok.jwks_uri.as_str(), "https://a.invalid/k");
        assert!(parse(r#"{"issuer":"https://a.invalid"}"#).is_err());
        assert!(parse(r#"{"jwks_uri":"https://a.invalid/k"}"#).is_err());
        assert!(parse("[]").is_err());
        assert!(parse(r#"{"issuer":"x","jwks_uri":"not a url"}"#).is_err());
    }
}
