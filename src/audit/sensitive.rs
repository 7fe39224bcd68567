//! Sensitive data in a payload: personal data and secrets, by JSON path.
//!
//! [`scan_claims`] walks every string value of a claims set (any depth, capped at
//! [`MAX_DEPTH`]) and reports what it finds as [`Hit`]s: a dotted path, a
//! [`SensitiveKind`] and a masked excerpt. The audit rule registry maps kinds to rules.
//!
//! Judgement calls, in the order a reader meets them:
//!
//! * Claim names are hints, never verdicts on their own: a hint only counts together
//!   with a non-empty, non-placeholder string value ("", "***", "REDACTED", "n/a" are
//!   placeholders). Numbers, booleans and null are never hits.
//! * Names are compared by tokens: `db_password`, `x-api-key`, `apiKey` and
//!   `https://example.com/home_phone` (the part after the last `/`, `:` or `#`) all
//!   split into lower-case words, so `hotel` never hints `tel`, and `zip` never hints `ip`.
//! * The registered claims listed in [`REGISTERED_CLAIMS`] (at the top of a claims set)
//!   and everything below them yield only secrets (AWS, GitHub, Slack, private keys,
//!   credentials by format, nested tokens). Two exceptions: an email address in `sub`
//!   is reported (issuers that use the address as the subject put it in every token),
//!   and an actor (`act`, `may_act`, RFC 8693 §4.1, nested to any depth) is a claims
//!   set of its own, scanned as the token's is.
//! * With `--profile id-token` ([`ScanOptions::id_token`]), the standard OpenID
//!   Connect claims at the top ([`OIDC_STANDARD_CLAIMS`]) are what the token is for:
//!   they yield only secrets, as registered claims do.
//! * Pattern kinds (email, SSN, payment card, AWS/GitHub/Slack, private key, the
//!   credentials of [`credentials`](super::credentials)) are found inside longer
//!   strings and the hit masks the matched fragment; shape kinds (IBAN, IP address)
//!   must be the whole (trimmed) value; name-based kinds mask the whole trimmed value.
//!   A phone number is the whole value, or one inside prose (international with `+`,
//!   or North American with separators).
//! * A bare `name`, `nickname` or `address` is personal only at the top level (OIDC
//!   standard claims) or inside an object owned by a person-like member (`user`,
//!   `profile`, `customer`, ...): `org.name` and `wallet.address` stay quiet.
//!   Unambiguous names (`given_name`, `street_address`, `postal_code`, ...) count at
//!   any depth. A client-credentials token (Auth0's `gty`, `grant_type`, a `...@clients`
//!   subject, or `sub` equal to `client_id` or `azp` without user claims) is no person.
//! * A name must read as one: letters and the punctuation of names, no service word
//!   (`api-gateway`, `Build Service`, `Deploy Bot`), and under `name` or `nickname` not a
//!   lower-case handle (`jdoe`).
//! * An address object (`address`, `addresses[i]`, `billing_address`, ...) is one
//!   postal address, reported at the object's path; any other object yields at most one
//!   postal-address hit (its first street or postal-code member).
//! * Postal codes (`zip`, `postal_code`, ...) must contain a digit (`zip: "gzip"`).
//! * Password-like names skip metadata qualifiers: `password_hint`,
//!   `password_changed_at`, `password_policy`, `access_key_id`, `api_key_name`, ...
//!   A `password_hash` is still reported. Names holding opaque tokens
//!   (`refresh_token`) are not in the list; a JWT in them is still a nested token.
//!   The name is a hint, the value decides: a yes/no answer (`secret_santa: "yes"`) is
//!   no hit, a value shaped like a secret is [`Confidence::Strong`], anything else
//!   [`Confidence::NameOnly`], which rules report below critical.
//! * SSN: bare nine digits only with an `ssn`/`social_security` hint. `tax_id` is not
//!   a hint because business EINs share the nine-digit shape.
//! * Payment cards must match an issuer prefix *and* one of its lengths (Visa 13/16/19,
//!   Mastercard 16, Amex 15, Discover/JCB/UnionPay 16-19, Diners 14-19) and pass Luhn.
//! * IBAN country codes outside the SWIFT registry table are rejected; lower-case input
//!   is accepted.
//! * IP addresses: an un-hinted value must parse whole; a value under a `version` name
//!   is never an IP (`"1.2.3.4"`). An `ip`-hinted value may also be `addr:port`,
//!   `[v6]:port` or a comma/space-separated list (X-Forwarded-For).
//! * Email: `image@2x.png`-style asset names (image file extensions as TLD) are not
//!   email addresses.
//! * Private key material also covers a JWK with private parts: the `d` member of an
//!   `RSA`/`EC`/`OKP` key, or `k` of an `oct` key (e.g. `cnf.jwk.d`).
//! * Nested tokens may sit anywhere in a value (`Bearer eyJ...`, a sentence).
//! * Paths write member names as-is, even when they contain `.` or `[`; should two
//!   spellings collide, the same (path, kind) is still reported once.

use std::cell::RefCell;
use std::collections::HashSet;
use std::fmt::Write as _;
use std::net::{IpAddr, SocketAddr};
use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, AhoCorasickKind};
use regex::Regex;
use serde_json::{Map, Value};

/// Containers nested deeper than this are not scanned.
pub const MAX_DEPTH: usize = 64;

/// Number of mask characters in every [`mask`] output.
const MASK_STARS: usize = 6;

/// Registered / protocol claims: never personal data by value (top level only).
pub const REGISTERED_CLAIMS: &[&str] = &[
    "iss",
    "sub",
    "aud",
    "exp",
    "nbf",
    "iat",
    "jti",
    "azp",
    "sid",
    "nonce",
    "at_hash",
    "c_hash",
    "auth_time",
    "acr",
    "amr",
    "scope",
    "scp",
    "client_id",
    "typ",
    "cnf",
    "act",
];

/// Standard OpenID Connect claims (Core §5.1): what an ID token exists to carry, so
/// `--profile id-token` does not report them as personal data (top level only).
pub const OIDC_STANDARD_CLAIMS: &[&str] = &[
    "name",
    "given_name",
    "family_name",
    "middle_name",
    "nickname",
    "preferred_username",
    "profile",
    "picture",
    "website",
    "email",
    "email_verified",
    "gender",
    "birthdate",
    "zoneinfo",
    "locale",
    "phone_number",
    "phone_number_verified",
    "address",
    "updated_at",
];

/// Members holding an RFC 8693 actor: a claims set of its own, scanned as one.
const ACTOR_CLAIMS: &[&str] = &["act", "may_act"];

/// What kind of sensitive data a [`Hit`] is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SensitiveKind {
    Email,
    Phone,
    Ssn,
    PaymentCard,
    Iban,
    IpAddress,
    DateOfBirth,
    PostalAddress,
    PersonalName,
    PasswordField,
    AwsKey,
    GithubToken,
    SlackToken,
    PrivateKey,
    NestedToken,
    StripeKey,
    GoogleApiKey,
    GitlabToken,
    OpenaiKey,
    NpmToken,
    DatabaseUrl,
    UrlPassword,
    BasicCredentials,
}

impl SensitiveKind {
    /// Every kind, in declaration order.
    pub const ALL: [SensitiveKind; 23] = [
        SensitiveKind::Email,
        SensitiveKind::Phone,
        SensitiveKind::Ssn,
        SensitiveKind::PaymentCard,
        SensitiveKind::Iban,
        SensitiveKind::IpAddress,
        SensitiveKind::DateOfBirth,
        SensitiveKind::PostalAddress,
        SensitiveKind::PersonalName,
        SensitiveKind::PasswordField,
        SensitiveKind::AwsKey,
        SensitiveKind::GithubToken,
        SensitiveKind::SlackToken,
        SensitiveKind::PrivateKey,
        SensitiveKind::NestedToken,
        SensitiveKind::StripeKey,
        SensitiveKind::GoogleApiKey,
        SensitiveKind::GitlabToken,
        SensitiveKind::OpenaiKey,
        SensitiveKind::NpmToken,
        SensitiveKind::DatabaseUrl,
        SensitiveKind::UrlPassword,
        SensitiveKind::BasicCredentials,
    ];

    /// Secrets (credentials, keys, tokens) as opposed to personal data.
    pub fn is_secret(self) -> bool {
        !matches!(
            self,
            SensitiveKind::Email
                | SensitiveKind::Phone
                | SensitiveKind::Ssn
                | SensitiveKind::PaymentCard
                | SensitiveKind::Iban
                | SensitiveKind::IpAddress
                | SensitiveKind::DateOfBirth
                | SensitiveKind::PostalAddress
                | SensitiveKind::PersonalName
        )
    }

    /// Short human description, e.g. "email address".
    pub fn describe(self) -> &'static str {
        match self {
            SensitiveKind::Email => "email address",
            SensitiveKind::Phone => "phone number",
            SensitiveKind::Ssn => "US social security number",
            SensitiveKind::PaymentCard => "payment card number",
            SensitiveKind::Iban => "bank account number (IBAN)",
            SensitiveKind::IpAddress => "IP address",
            SensitiveKind::DateOfBirth => "date of birth",
            SensitiveKind::PostalAddress => "postal address",
            SensitiveKind::PersonalName => "personal name",
            SensitiveKind::PasswordField => "password or secret field",
            SensitiveKind::AwsKey => "AWS access key",
            SensitiveKind::GithubToken => "GitHub token",
            SensitiveKind::SlackToken => "Slack token or webhook URL",
            SensitiveKind::PrivateKey => "private key material",
            SensitiveKind::NestedToken => "nested JWT",
            SensitiveKind::StripeKey => "Stripe secret key",
            SensitiveKind::GoogleApiKey => "Google API key",
            SensitiveKind::GitlabToken => "GitLab access token",
            SensitiveKind::OpenaiKey => "OpenAI API key",
            SensitiveKind::NpmToken => "npm access token",
            SensitiveKind::DatabaseUrl => "database URL with a password",
            SensitiveKind::UrlPassword => "URL with a password",
            SensitiveKind::BasicCredentials => "HTTP Basic credentials",
        }
    }
}

/// How sure a detector is. Rules report a hit other than [`Confidence::Strong`] below their
/// registry severity, and say why.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Confidence {
    /// The value is what the kind says.
    Strong,
    /// A Stripe test-mode key: a credential, but not to live data.
    TestMode,
    /// A password-like name whose value does not look like a secret (short, plain).
    NameOnly,
}

/// One finding: where, what, and a masked excerpt safe to print.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hit {
    pub path: String,
    pub kind: SensitiveKind,
    pub masked: String,
    pub confidence: Confidence,
}

/// What the scan should take for granted about the token.
#[derive(Clone, Copy, Debug, Default)]
pub struct ScanOptions {
    /// The token is an OpenID Connect ID token (`--profile id-token`): the standard
    /// claims at the top level are what it is for, not findings.
    pub id_token: bool,
}

/// Masks a sensitive value for reports: at most the first two characters, then a fixed
/// run of `*`, so the output never reveals the value's length. Values of two characters
/// or fewer show nothing. Control characters among the shown two become `*`.
pub fn mask(value: &str) -> String {
    let mut chars = value.chars();
    let shown: Vec<char> = chars.by_ref().take(2).collect();
    let mut out = String::with_capacity(16);
    if shown.len() == 2 && chars.next().is_some() {
        out.extend(
            shown
                .into_iter()
                .map(|c| if c.is_control() { '*' } else { c }),
        );
        out.push_str(&"*".repeat(MASK_STARS));
    } else {
        out.push_str(&"*".repeat(MASK_STARS + 2));
    }
    out
}

/// Scans every string value at any depth of a claims set, in document order.
pub fn scan_claims(claims: &Map<String, Value>, options: ScanOptions) -> Vec<Hit> {
    let mut scan = Scan {
        hits: Vec::new(),
        words: NameWords::default(),
        seen: HashSet::new(),
        path: String::new(),
        postal: Postal::default(),
        id_token: options.id_token,
    };
    let root = Scope {
        claims_set: true,
        top: true,
        registered: false,
        in_address: false,
        address_object: false,
        // A client-credentials token's `name` names a service, not a person.
        person: !is_client_credentials(claims),
    };
    scan.object(claims, root, 0);
    scan.hits
}

/// A token a client obtained for itself (OAuth client credentials grant): Auth0's
/// `gty`, a `grant_type` claim, Auth0's `...@clients` subjects, or a subject equal to
/// the client id with no claim that only a user has.
fn is_client_credentials(claims: &Map<String, Value>) -> bool {
    let text = |name: &str| claims.get(name).and_then(Value::as_str);
    let grant = |name: &str| {
        text(name).is_some_and(|g| {
            g.eq_ignore_ascii_case("client-credentials")
                || g.eq_ignore_ascii_case("client_credentials")
        })
    };
    if grant("gty") || grant("grant_type") {
        return true;
    }
    let Some(sub) = text("sub") else {
        return false;
    };
    let user_claims = [
        "email",
        "given_name",
        "family_name",
        "preferred_username",
        "phone_number",
        "birthdate",
    ];
    sub.ends_with("@clients")
        || ((text("client_id") == Some(sub) || text("azp") == Some(sub))
            && !user_claims.iter().any(|c| claims.contains_key(*c)))
}

// ---------------------------------------------------------------------------------
// Walking the claims

/// What an object's members inherit from where the object sits.
#[derive(Clone, Copy)]
struct Scope {
    /// The object is a claims set: the token's, or an actor's (`act`, `may_act`).
    claims_set: bool,
    /// The object is the token's claims set itself.
    top: bool,
    /// Inside a registered claim: only pattern secrets count.
    registered: bool,
    /// Inside an address object: reported once, as the object.
    in_address: bool,
    /// The object is itself an address object (not one nested inside another).
    address_object: bool,
    /// Bare `name` / `address` members are personal here.
    person: bool,
}

/// Everything the detectors know about one string value's position.
#[derive(Clone, Copy)]
struct Ctx {
    hints: NameHints,
    registered: bool,
    /// A subject (`sub` of the token or of an actor): an identifier, but an email
    /// address in it is still personal data.
    identity: bool,
    in_address: bool,
    person: bool,
    /// The member is the private part of a JWK (`d`, or `k` of an `oct` key).
    jwk_private: bool,
    /// The member holds an actor's claims set.
    actor: bool,
}

/// The postal address of the object being walked: reported once per object.
#[derive(Clone, Copy, Default)]
struct Postal {
    /// A postal-address hit was already reported for this object.
    reported: bool,
    /// The object is an address object: its hit names the object's path (this long).
    object_path: Option<usize>,
}

struct Scan {
    hits: Vec<Hit>,
    /// The words of the claim name being judged (reused).
    words: NameWords,
    seen: HashSet<(String, SensitiveKind)>,
    path: String,
    postal: Postal,
    id_token: bool,
}

impl Scan {
    fn object(&mut self, map: &Map<String, Value>, scope: Scope, depth: usize) {
        if depth > MAX_DEPTH {
            return;
        }
        // An object nested inside an address object shares its one hit.
        let fresh = Postal {
            reported: false,
            object_path: scope.address_object.then_some(self.path.len()),
        };
        let outer = if scope.in_address && !scope.address_object {
            None
        } else {
            Some(std::mem::replace(&mut self.postal, fresh))
        };
        let kty = map.get("kty").and_then(Value::as_str);
        for (key, value) in map {
            let hints = NameHints::cached(key, &mut self.words);
            let registered_here = scope.claims_set && hints.registered_claim;
            let expected_here = scope.top && self.id_token && hints.oidc_standard;
            let actor = scope.claims_set && hints.actor_claim && value.is_object();
            let ctx = Ctx {
                hints,
                registered: scope.registered || (registered_here && !actor) || expected_here,
                identity: scope.claims_set && !scope.registered && key == "sub",
                in_address: scope.in_address,
                person: scope.person,
                jwk_private: is_jwk_private_member(kty, key),
                actor,
            };
            let len = self.path.len();
            if !self.path.is_empty() {
                self.path.push('.');
            }
            self.path.push_str(key);
            self.value(value, ctx, depth + 1);
            self.path.truncate(len);
        }
        if let Some(outer) = outer {
            self.postal = outer;
        }
    }

    fn value(&mut self, value: &Value, ctx: Ctx, depth: usize) {
        match value {
            Value::String(s) => self.string(s, &ctx),
            Value::Array(items) => {
                if depth > MAX_DEPTH {
                    return;
                }
                for (i, item) in items.iter().enumerate() {
                    let len = self.path.len();
                    // Writing to a String cannot fail.
                    let _ = write!(self.path, "[{i}]");
                    self.value(item, ctx, depth + 1);
                    self.path.truncate(len);
                }
            }
            Value::Object(map) => {
                let scope = if ctx.actor {
                    Scope {
                        claims_set: true,
                        top: false,
                        registered: false,
                        in_address: false,
                        address_object: false,
                        person: true,
                    }
                } else {
                    let address_object =
                        ctx.hints.address_container && !ctx.registered && !ctx.in_address;
                    Scope {
                        claims_set: false,
                        top: false,
                        registered: ctx.registered,
                        in_address: ctx.in_address || address_object,
                        address_object,
                        person: ctx.hints.person_owner,
                    }
                };
                self.object(map, scope, depth);
            }
            Value::Null | Value::Bool(_) | Value::Number(_) => {}
        }
    }

    fn string(&mut self, s: &str, ctx: &Ctx) {
        detect(s, ctx, &mut |kind, fragment, confidence| {
            let path = match (kind, self.postal.object_path) {
                (SensitiveKind::PostalAddress, _) if self.postal.reported => return,
                (SensitiveKind::PostalAddress, Some(len)) => &self.path[..len],
                _ => self.path.as_str(),
            };
            if kind == SensitiveKind::PostalAddress {
                self.postal.reported = true;
            }
            if self.seen.insert((path.to_owned(), kind)) {
                self.hits.push(Hit {
                    path: path.to_owned(),
                    kind,
                    masked: mask(fragment),
                    confidence,
                });
            }
        });
    }
}

/// Reports every kind found in one string value, each with the fragment to mask, in
/// [`SensitiveKind`] declaration order (credentials by format last, by position).
fn detect(value: &str, ctx: &Ctx, found: &mut dyn FnMut(SensitiveKind, &str, Confidence)) {
    use SensitiveKind as K;
    let h = &ctx.hints;
    let mut add = |kind, fragment: Option<(&str, Confidence)>| {
        if let Some((fragment, confidence)) = fragment {
            found(kind, fragment, confidence);
        }
    };
    let named = named_value(value);
    if !ctx.registered {
        // Each numeric detector needs this many digits at least: most values have
        // fewer, and are spared the searches.
        let digits = digit_count(value);
        add(K::Email, strong(find_email(value)));
        add(
            K::Phone,
            strong(
                (digits >= 7)
                    .then(|| phone_number(value, h.phone))
                    .flatten(),
            ),
        );
        add(
            K::Ssn,
            strong((digits >= 9).then(|| find_ssn(value, h.ssn)).flatten()),
        );
        add(
            K::PaymentCard,
            strong((digits >= 13).then(|| find_payment_card(value)).flatten()),
        );
        add(
            K::Iban,
            strong((digits >= 2).then(|| iban(value)).flatten()),
        );
        add(K::IpAddress, strong(ip_address(value, h.ip, h.version)));
        add(K::DateOfBirth, strong(named.filter(|_| h.birth_date)));
        add(K::PostalAddress, strong(postal_address(named, h, ctx)));
        add(
            K::PersonalName,
            strong(named.filter(|v| is_personal_name(h, ctx) && looks_like_personal_name(v, h))),
        );
        add(
            K::PasswordField,
            named
                .filter(|_| h.password)
                .and_then(|v| Some((v, secret_confidence(v)?))),
        );
    } else if ctx.identity {
        add(K::Email, strong(find_email(value)));
    }
    // Most values hold none of the literals these patterns start with.
    let triggered = PATTERN_TRIGGERS.is_match(value);
    let aws = if triggered || h.aws_secret {
        find_aws_key(value, h.aws_secret)
    } else {
        None
    };
    add(K::AwsKey, strong(aws));
    if triggered {
        add(K::GithubToken, strong(find_github_token(value)));
        add(K::SlackToken, strong(find_slack_token(value)));
    }
    let private_key = triggered.then(|| find_private_key(value)).flatten();
    add(
        K::PrivateKey,
        strong(private_key.or(named.filter(|_| ctx.jwk_private))),
    );
    crate::audit::credentials::scan(value, |c| {
        let confidence = if c.test_mode {
            Confidence::TestMode
        } else {
            Confidence::Strong
        };
        found(c.kind, c.fragment, confidence);
    });
}

fn strong(fragment: Option<&str>) -> Option<(&str, Confidence)> {
    fragment.map(|f| (f, Confidence::Strong))
}

// ---------------------------------------------------------------------------------
// Claim names

/// What a member name suggests about its value.
#[derive(Clone, Copy, Default)]
struct NameHints {
    phone: bool,
    ssn: bool,
    ip: bool,
    version: bool,
    birth_date: bool,
    /// `address`: postal only at the top or under a person.
    bare_address: bool,
    /// `street_address`, `home_address`, ...: postal anywhere.
    street: bool,
    /// `zip`, `postal_code`, ...: postal anywhere if the value has a digit.
    postal_code: bool,
    /// The member's object value is an address object.
    address_container: bool,
    /// `name`: personal only at the top or under a person.
    bare_name: bool,
    /// `nickname`: as `name`, and a lower-case handle is not a name.
    nickname: bool,
    /// `given_name`, `surname`, ...: personal anywhere.
    personal_name: bool,
    /// The member's object value describes a person.
    person_owner: bool,
    password: bool,
    aws_secret: bool,
    /// The name itself (not its words) is a registered claim, a standard OpenID
    /// Connect claim, or an actor claim.
    registered_claim: bool,
    oidc_standard: bool,
    actor_claim: bool,
}

const PHONE_WORDS: &[&str] = &[
    "phone",
    "phones",
    "phonenumber",
    "phonenumbers",
    "phoneno",
    "mobile",
    "mobiles",
    "tel",
    "telephone",
    "telephones",
    "fax",
    "msisdn",
];
const IP_WORDS: &[&str] = &[
    "ip",
    "ips",
    "ipaddr",
    "ipaddress",
    "ipaddresses",
    "ipv4",
    "ipv6",
];
const BIRTH_DATE_NAMES: &[&str] = &["birthdate", "dateofbirth", "birthday"];
const STREET_NAMES: &[&str] = &[
    "street",
    "streetaddress",
    "addressline",
    "homeaddress",
    "postaladdress",
    "mailingaddress",
    "billingaddress",
    "shippingaddress",
    "residentialaddress",
];
const POSTAL_CODE_NAMES: &[&str] = &["postalcode", "postcode", "zip", "zipcode"];
const ADDRESS_CONTAINERS: &[&str] = &[
    "address",
    "addresses",
    "homeaddress",
    "postaladdress",
    "mailingaddress",
    "billingaddress",
    "shippingaddress",
    "residentialaddress",
];
const PERSONAL_NAMES: &[&str] = &[
    "givenname",
    "familyname",
    "middlename",
    "firstname",
    "lastname",
    "fullname",
    "surname",
];
const PERSON_WORDS: &[&str] = &[
    "user",
    "users",
    "userinfo",
    "person",
    "persons",
    "people",
    "profile",
    "owner",
    "customer",
    "customers",
    "contact",
    "contacts",
    "patient",
    "employee",
    "member",
    "members",
    "author",
    "holder",
    "cardholder",
    "recipient",
    "sender",
    "guardian",
    "beneficiary",
    "individual",
    "applicant",
    "student",
];
/// Password-like names as token sequences (`api_key` is `["api", "key"]`).
const PASSWORD_TERMS: &[&[&str]] = &[
    &["password"],
    &["passwords"],
    &["passwd"],
    &["pwd"],
    &["pass"],
    &["passphrase"],
    &["secret"],
    &["secrets"],
    &["clientsecret"],
    &["credentials"],
    &["credential"],
    &["apikey"],
    &["apisecret"],
    &["privatekey"],
    &["accesskey"],
    &["secretkey"],
    &["api", "key"],
    &["private", "key"],
    &["access", "key"],
    &["secret", "key"],
];
/// Words that turn a password-like name into metadata about the secret.
const PASSWORD_METADATA: &[&str] = &[
    "hint",
    "hints",
    "changed",
    "updated",
    "created",
    "modified",
    "expires",
    "expiry",
    "expiration",
    "expired",
    "exp",
    "reset",
    "policy",
    "policies",
    "length",
    "required",
    "set",
    "last",
    "at",
    "strength",
    "score",
    "type",
    "id",
    "ids",
    "name",
    "label",
    "url",
    "uri",
    "count",
    "attempts",
    "enabled",
    "disabled",
    "rotation",
    "rotated",
    "version",
    "status",
    "verified",
    "valid",
    "algorithm",
    "alg",
    "format",
    "prompt",
    "field",
    "min",
    "max",
    "age",
    "date",
    "time",
    "timestamp",
    "ttl",
    "question",
];

/// Claim names judged per thread, one per slot by a hash of the name: tokens from one
/// issuer repeat the same few dozen names, so each is split and judged once. A name
/// that takes another's slot costs that one a second judgement, never more, so
/// hostile names cannot make the cache slow.
const HINTS_SLOTS: usize = 512;

/// A name judged, in its slot.
type HintSlot = Option<(Box<str>, NameHints)>;

thread_local! {
    static HINTS: RefCell<Vec<HintSlot>> = const { RefCell::new(Vec::new()) };
}

impl NameHints {
    /// The hints of `key`, from this thread's cache when it was judged lately.
    fn cached(key: &str, words: &mut NameWords) -> NameHints {
        if key.len() > 64 {
            return NameHints::of(key, words);
        }
        // FNV-1a: names are short, and a collision only costs a judgement.
        let hash = key.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
        });
        // Two slots a name: two names that share one both stay.
        let slots = [
            (hash % HINTS_SLOTS as u64) as usize,
            ((hash >> 32) % HINTS_SLOTS as u64) as usize,
        ];
        HINTS.with(|cache| {
            let mut cache = cache.borrow_mut();
            if cache.is_empty() {
                cache.resize_with(HINTS_SLOTS, || None);
            }
            for i in slots {
                if let Some((name, hints)) = &cache[i]
                    && **name == *key
                {
                    return *hints;
                }
            }
            let hints = NameHints::of(key, words);
            let free = slots.into_iter().find(|&i| cache[i].is_none());
            cache[free.unwrap_or(slots[0])] = Some((key.into(), hints));
            hints
        })
    }

    /// The hints of `key`, its words split into `words` (a buffer reused from claim to
    /// claim, so that judging a name allocates nothing once it has grown).
    fn of(key: &str, words: &mut NameWords) -> NameHints {
        words.split(hint_segment(key));
        let words = &*words;
        let has = |set: &[&str]| words.iter().any(|w| set.contains(&w));
        let joined = words.text.trim_end_matches(|c: char| c.is_ascii_digit());
        let is = |set: &[&str]| set.contains(&joined);
        NameHints {
            phone: has(PHONE_WORDS) || words.iter().any(|w| w.ends_with("phone")),
            ssn: has(&["ssn", "ssns"]) || joined.contains("socialsecurity"),
            ip: has(IP_WORDS),
            version: has(&["version", "ver"]),
            birth_date: BIRTH_DATE_NAMES.iter().any(|n| joined.ends_with(n))
                || words.iter().last().is_some_and(|w| w == "dob"),
            bare_address: joined == "address",
            street: is(STREET_NAMES),
            postal_code: is(POSTAL_CODE_NAMES),
            address_container: is(ADDRESS_CONTAINERS),
            bare_name: joined == "name",
            nickname: joined == "nickname",
            personal_name: is(PERSONAL_NAMES),
            person_owner: has(PERSON_WORDS),
            password: is_password_name(words),
            aws_secret: has(&["aws"]) || words.iter().any(|w| w.contains("secret")),
            registered_claim: REGISTERED_CLAIMS.contains(&key),
            oidc_standard: OIDC_STANDARD_CLAIMS.contains(&key),
            actor_claim: ACTOR_CLAIMS.contains(&key),
        }
    }
}

/// The part of a claim name that carries meaning: namespaced claims such as
/// `https://example.com/claims/email` or `urn:x:phone` are judged by their last segment.
fn hint_segment(key: &str) -> &str {
    key.rsplit(['/', ':', '#'])
        .find(|s| !s.is_empty())
        .unwrap_or(key)
}

/// The lower-case words of a name: split on non-alphanumerics and camelCase humps
/// (`xApiKey`, `APIKey` and `x-api-key` all give `api`, `key`), written one after the
/// other into `text` (so `text` is the words joined) with each word's span.
#[derive(Default)]
struct NameWords {
    text: String,
    spans: Vec<(usize, usize)>,
}

impl NameWords {
    fn split(&mut self, name: &str) {
        self.text.clear();
        self.spans.clear();
        let mut start = 0;
        let mut prev: Option<char> = None;
        let mut chars = name.chars().take(256).peekable();
        while let Some(c) = chars.next() {
            if !c.is_alphanumeric() {
                self.end_word(&mut start);
                prev = Some(c);
                continue;
            }
            if c.is_uppercase() && self.text.len() > start {
                let next_lower = chars.peek().is_some_and(|n| n.is_lowercase());
                if prev.is_some_and(|p| {
                    p.is_lowercase() || p.is_ascii_digit() || (p.is_uppercase() && next_lower)
                }) {
                    self.end_word(&mut start);
                }
            }
            self.text.extend(c.to_lowercase());
            prev = Some(c);
        }
        self.end_word(&mut start);
    }

    fn end_word(&mut self, start: &mut usize) {
        if self.text.len() > *start {
            self.spans.push((*start, self.text.len()));
            *start = self.text.len();
        }
    }

    fn iter(&self) -> impl Iterator<Item = &str> {
        self.spans.iter().map(|&(a, b)| &self.text[a..b])
    }

    fn word(&self, i: usize) -> &str {
        let (a, b) = self.spans[i];
        &self.text[a..b]
    }
}

fn is_password_name(words: &NameWords) -> bool {
    if words.iter().any(|w| PASSWORD_METADATA.contains(&w)) {
        return false;
    }
    let n = words.spans.len();
    let term_matches = |term: &[&str]| {
        n >= term.len()
            && (0..=n - term.len()).any(|i| {
                term.iter()
                    .enumerate()
                    .all(|(j, t)| words.word(i + j) == *t)
            })
    };
    PASSWORD_TERMS.iter().any(|term| term_matches(term))
        || words
            .iter()
            .any(|w| w.ends_with("password") || w.ends_with("passwd"))
}

fn is_jwk_private_member(kty: Option<&str>, key: &str) -> bool {
    matches!(
        (kty, key),
        (Some("RSA" | "EC" | "OKP"), "d") | (Some("oct"), "k")
    )
}

// ---------------------------------------------------------------------------------
// Name-based detectors

/// The trimmed value, unless it is empty or a placeholder such as "***" or "REDACTED".
fn named_value(value: &str) -> Option<&str> {
    let v = value.trim();
    let placeholder = v.is_empty()
        || v.chars()
            .all(|c| matches!(c, '*' | '•' | '●' | '#' | '-' | '_'))
        || [
            "redacted",
            "[redacted]",
            "<redacted>",
            "null",
            "none",
            "n/a",
        ]
        .iter()
        .any(|p| v.eq_ignore_ascii_case(p));
    (!placeholder).then_some(v)
}

/// The postal-address value: any string in an address object, a street or postal-code
/// member anywhere, or a bare `address` at the top / under a person.
fn postal_address<'a>(named: Option<&'a str>, h: &NameHints, ctx: &Ctx) -> Option<&'a str> {
    let v = named?;
    let postal = ctx.in_address
        || h.street
        || (h.postal_code && v.chars().any(|c| c.is_ascii_digit()))
        || (h.bare_address && ctx.person);
    postal.then_some(v)
}

fn is_personal_name(h: &NameHints, ctx: &Ctx) -> bool {
    h.personal_name || ((h.bare_name || h.nickname) && ctx.person)
}

/// Words that make a value the name of a service, a team or a placeholder, not of a
/// person: `api-gateway`, `Build Service`, `Deploy Bot`, `Test User`.
const SERVICE_WORDS: &[&str] = &[
    "account",
    "admin",
    "administrator",
    "agent",
    "anonymous",
    "api",
    "apis",
    "app",
    "application",
    "apps",
    "automation",
    "backend",
    "bot",
    "bots",
    "build",
    "builder",
    "cd",
    "ci",
    "cli",
    "client",
    "clients",
    "cluster",
    "company",
    "controller",
    "corp",
    "cron",
    "daemon",
    "default",
    "deploy",
    "deployer",
    "engine",
    "frontend",
    "function",
    "gateway",
    "gmbh",
    "group",
    "guest",
    "inc",
    "integration",
    "internal",
    "job",
    "jobs",
    "lambda",
    "llc",
    "ltd",
    "monitor",
    "monitoring",
    "operator",
    "pipeline",
    "platform",
    "proxy",
    "robot",
    "runner",
    "scheduler",
    "sdk",
    "server",
    "service",
    "services",
    "svc",
    "sync",
    "system",
    "team",
    "test",
    "tool",
    "unknown",
    "user",
    "webhook",
    "worker",
];

/// Whether a value under a name-like claim reads as a person's name: letters, spaces
/// and the punctuation of names (`O'Brien`, `Jean-Luc`, `J. R. R.`), no word of a
/// service or team, not a lower-case slug (`api-gateway`), and under `name` or
/// `nickname` not a single lower-case handle (`jdoe`).
fn looks_like_personal_name(value: &str, h: &NameHints) -> bool {
    let name_chars = value
        .chars()
        .all(|c| c.is_alphabetic() || matches!(c, ' ' | '\'' | '’' | '.' | ',' | '-'));
    if !name_chars || !value.chars().any(char::is_alphabetic) {
        return false;
    }
    let service = value
        .split([' ', '-', ',', '.'])
        .any(|w| SERVICE_WORDS.iter().any(|s| s.eq_ignore_ascii_case(w)));
    if service {
        return false;
    }
    let upper = value.chars().any(char::is_uppercase);
    let lower = value.chars().any(char::is_lowercase);
    let slug = lower && !upper && value.contains('-');
    let handle = (h.bare_name || h.nickname) && lower && !upper && !value.contains(' ');
    !slug && !handle
}

/// Values that answer a question about a secret rather than being one.
const NOT_SECRETS: &[&str] = &[
    "yes", "no", "y", "n", "true", "false", "on", "off", "enabled", "disabled", "ok", "required",
    "optional", "set", "unset", "present", "absent", "hidden", "masked",
];

/// How sure a password-like name is, judged by its value: `None` for a yes/no answer,
/// [`Confidence::Strong`] for a value shaped like a secret, [`Confidence::NameOnly`]
/// otherwise.
fn secret_confidence(value: &str) -> Option<Confidence> {
    if NOT_SECRETS.iter().any(|w| value.eq_ignore_ascii_case(w)) {
        return None;
    }
    Some(if looks_like_secret(value) {
        Confidence::Strong
    } else {
        Confidence::NameOnly
    })
}

/// A secret-shaped value: one word of at least six characters mixing two character
/// classes (lower, upper, digit, other), or of at least twelve with varied characters
/// (Shannon entropy of 3 bits a character or more).
fn looks_like_secret(value: &str) -> bool {
    let len = value.chars().count();
    if len < 6 || value.chars().any(char::is_whitespace) {
        return false;
    }
    let classes = [
        value.chars().any(|c| c.is_lowercase()),
        value.chars().any(|c| c.is_uppercase()),
        value.chars().any(|c| c.is_ascii_digit()),
        value.chars().any(|c| !c.is_alphanumeric()),
    ]
    .into_iter()
    .filter(|&present| present)
    .count();
    classes >= 2 || (len >= 12 && entropy_bits(value.as_bytes()) >= 3.0)
}

/// Shannon entropy of the bytes, in bits per byte.
fn entropy_bits(bytes: &[u8]) -> f64 {
    let mut counts = [0u32; 256];
    for &b in bytes {
        counts[usize::from(b)] += 1;
    }
    let n = bytes.len() as f64;
    counts
        .iter()
        .filter(|&&c| c > 0)
        .map(|&c| {
            let p = f64::from(c) / n;
            -p * p.log2()
        })
        .sum()
}

// ---------------------------------------------------------------------------------
// Pattern detectors

fn regex(pattern: &str) -> Regex {
    Regex::new(pattern).expect("built-in pattern is valid")
}

static EMAIL: LazyLock<Regex> = LazyLock::new(|| {
    regex(r"(?i)[a-z0-9._%+-]{1,64}@(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+([a-z]{2,63})\b")
});
static PHONE_FORMATTED: LazyLock<Regex> = LazyLock::new(|| regex(r"^\+?[0-9 ().-]+$"));
static E164: LazyLock<Regex> = LazyLock::new(|| regex(r"^\+[1-9](?:[ -]?[0-9]){7,14}$"));
/// A number inside prose: international (`+44 20 7946 0958`) or North American with
/// separators (`(415) 555-2671`, `415.555.2671`).
static PHONE_IN_TEXT: LazyLock<Regex> = LazyLock::new(|| {
    regex(r"\+[1-9][0-9 ().-]{6,22}[0-9]|\(?[2-9][0-9]{2}\)?[ .-]?[2-9][0-9]{2}[ .-][0-9]{4}")
});
static SSN: LazyLock<Regex> = LazyLock::new(|| regex(r"[0-9]{3}-[0-9]{2}-[0-9]{4}"));
static SSN_HINTED: LazyLock<Regex> =
    LazyLock::new(|| regex(r"^[0-9]{3}[- ]?[0-9]{2}[- ]?[0-9]{4}$"));
static CARD: LazyLock<Regex> = LazyLock::new(|| regex(r"[0-9](?:[ -]?[0-9]){12,18}"));
static IBAN_COMPACT: LazyLock<Regex> =
    LazyLock::new(|| regex(r"^[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}$"));
static IBAN_GROUPED: LazyLock<Regex> =
    LazyLock::new(|| regex(r"^[A-Z]{2}[0-9]{2}(?: [A-Z0-9]{4})+(?: [A-Z0-9]{1,3})?$"));
static AWS_KEY_ID: LazyLock<Regex> =
    LazyLock::new(|| regex(r"\b(?:AKIA|ASIA|AGPA|AIDA|AROA|ANPA|ANVA|AIPA)[A-Z0-9]{16}\b"));
static AWS_SECRET: LazyLock<Regex> = LazyLock::new(|| regex(r"^[A-Za-z0-9/+=]{40}$"));
static GITHUB: LazyLock<Regex> = LazyLock::new(|| {
    regex(r"\b(?:(?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{36}\b|github_pat_[A-Za-z0-9_]{22,})")
});
static SLACK: LazyLock<Regex> = LazyLock::new(|| {
    regex(r"\bxox[baprs]-[A-Za-z0-9-]{10,}|https://hooks\.slack\.com/services/[A-Za-z0-9_/-]+")
});
static PRIVATE_KEY: LazyLock<Regex> =
    LazyLock::new(|| regex(r"-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----"));
/// The literals every match of [`AWS_KEY_ID`], [`GITHUB`], [`SLACK`] and
/// [`PRIVATE_KEY`] contains: a value without one skips those four searches.
static PATTERN_TRIGGERS: LazyLock<AhoCorasick> = LazyLock::new(|| {
    AhoCorasick::builder()
        .kind(Some(AhoCorasickKind::DFA))
        .build([
            "AKIA",
            "ASIA",
            "AGPA",
            "AIDA",
            "AROA",
            "ANPA",
            "ANVA",
            "AIPA",
            "ghp_",
            "gho_",
            "ghu_",
            "ghs_",
            "ghr_",
            "github_pat_",
            "xox",
            "https://hooks.slack.com/services/",
            "-----BEGIN ",
        ])
        .expect("built-in triggers are valid")
});
/// Asset names such as `icon@2x.png` look like addresses; these "TLDs" rule them out.
const FILE_EXTENSIONS: &[&str] = &["png", "jpg", "jpeg", "gif", "svg", "webp", "bmp", "ico"];

/// The first email address inside the value.
fn find_email(value: &str) -> Option<&str> {
    if !value.contains('@') {
        return None;
    }
    let mut authorities = Authorities::new(value);
    // `find_iter` runs the fast engines; the top-level domain (the pattern's group) is
    // the match's last label, so no capture search is needed.
    EMAIL.find_iter(value).find_map(|whole| {
        let tld = whole.as_str().rsplit('.').next()?;
        let asset = FILE_EXTENSIONS.iter().any(|e| e.eq_ignore_ascii_case(tld));
        (!asset && !authorities.contains(whole.start())).then_some(whole.as_str())
    })
}

/// Says, at increasing offsets of a value, whether the offset lies in the authority of
/// a URL (`scheme://user:password@host`), where `password@host` is user information and
/// a host, not an email address: the word around the offset (from the last space,
/// quote, `<`, `(` or `=`) holds `://`, and no `/`, `?` or `#` follows it yet. The value
/// is read once, left to right, however many addresses it holds.
struct Authorities<'a> {
    value: &'a str,
    /// Bytes read so far (a character boundary).
    read: usize,
    /// Where the current word starts.
    word: usize,
    /// Where the current word's first `://` ends, once found.
    authority: Option<usize>,
    /// A `/`, `?` or `#` came after it.
    left: bool,
}

impl<'a> Authorities<'a> {
    fn new(value: &'a str) -> Authorities<'a> {
        Authorities {
            value,
            read: 0,
            word: 0,
            authority: None,
            left: false,
        }
    }

    /// Whether `at` (a character boundary, at or after the previous one asked about) is
    /// in a URL's authority.
    fn contains(&mut self, at: usize) -> bool {
        let bytes = self.value.as_bytes();
        let at = at.max(self.read);
        for (i, c) in self.value[self.read..at].char_indices() {
            let i = self.read + i;
            if c.is_whitespace() || matches!(c, '"' | '\'' | '<' | '(' | '=') {
                self.word = i + c.len_utf8();
                self.authority = None;
                self.left = false;
            } else if self.authority.is_some() {
                self.left |= matches!(c, '/' | '?' | '#');
            } else if c == '/' && i >= self.word + 2 && &bytes[i - 2..i] == b":/" {
                self.authority = Some(i + 1);
            }
        }
        self.read = at;
        self.authority.is_some() && !self.left
    }
}

/// The value, when it is a phone number: any E.164 number, or a formatted number of
/// 7-15 digits under a phone-like name; or a number inside free text.
fn phone_number(value: &str, hinted: bool) -> Option<&str> {
    let v = value.trim();
    if v.len() > 64 {
        return phone_in_text(value);
    }
    if v.starts_with('+') && E164.is_match(v) {
        return Some(v);
    }
    let digits = v.chars().filter(char::is_ascii_digit).count();
    if hinted && PHONE_FORMATTED.is_match(v) && (7..=15).contains(&digits) {
        return Some(v);
    }
    phone_in_text(value)
}

/// A phone number inside prose (the value has words and spaces): an international
/// number of 8-15 digits with single separators, or a North American one (area and
/// exchange codes not starting with 0 or 1), standing on its own.
fn phone_in_text(value: &str) -> Option<&str> {
    let prose = value.contains(' ') && value.bytes().any(|b| b.is_ascii_alphabetic());
    if !prose || value.bytes().filter(u8::is_ascii_digit).count() < 7 {
        return None;
    }
    PHONE_IN_TEXT
        .find_iter(value)
        .filter(|m| is_standalone(value, m.start(), m.end()))
        .map(|m| m.as_str())
        .find(|m| {
            if !m.starts_with('+') {
                return true;
            }
            let digits = m.bytes().filter(u8::is_ascii_digit).count();
            let doubled = m.as_bytes().windows(2).any(|w| {
                !w[0].is_ascii_digit() && !w[1].is_ascii_digit() && w != b" (" && w != b") "
            });
            (8..=15).contains(&digits) && !doubled
        })
}

/// The first valid `AAA-GG-SSSS` SSN inside the value, or nine bare digits under an
/// SSN-like name.
fn find_ssn(value: &str, hinted: bool) -> Option<&str> {
    if digit_count(value) < 9 {
        return None;
    }
    let dashed = SSN
        .find_iter(value)
        .filter(|m| is_standalone(value, m.start(), m.end()))
        .map(|m| m.as_str())
        .find(|s| is_valid_ssn(s));
    dashed.or_else(|| {
        let v = value.trim();
        (hinted && v.len() <= 11 && SSN_HINTED.is_match(v) && is_valid_ssn(v)).then_some(v)
    })
}

/// How many ASCII digits the value holds: a cheap test before a pattern runs.
fn digit_count(value: &str) -> usize {
    value.bytes().filter(u8::is_ascii_digit).count()
}

/// SSA rules: area not 000, 666 or 9xx; group not 00; serial not 0000; and not one of
/// the numbers famously published in advertising.
fn is_valid_ssn(s: &str) -> bool {
    let digits: String = s.chars().filter(char::is_ascii_digit).collect();
    if digits.len() != 9 {
        return false;
    }
    let (area, rest) = digits.split_at(3);
    let (group, serial) = rest.split_at(2);
    area != "000"
        && area != "666"
        && !area.starts_with('9')
        && group != "00"
        && serial != "0000"
        && digits != "078051120"
        && digits != "219099999"
}

/// The first payment card number inside the value: known issuer prefix and length,
/// Luhn-valid, not glued to other digits or letters.
fn find_payment_card(value: &str) -> Option<&str> {
    if digit_count(value) < 13 {
        return None;
    }
    CARD.find_iter(value)
        .filter(|m| is_standalone(value, m.start(), m.end()))
        .map(|m| m.as_str())
        .find(|s| {
            let digits: Vec<u8> = s
                .bytes()
                .filter(u8::is_ascii_digit)
                .map(|b| b - b'0')
                .collect();
            card_issuer_accepts(&digits) && luhn_valid(&digits)
        })
}

/// Whether a known issuer uses this prefix with this many digits.
fn card_issuer_accepts(digits: &[u8]) -> bool {
    let prefix = |n: usize| {
        digits
            .iter()
            .take(n)
            .fold(0u32, |acc, &d| acc * 10 + u32::from(d))
    };
    let len = digits.len();
    let (p1, p2, p3, p4) = (prefix(1), prefix(2), prefix(3), prefix(4));
    let visa = p1 == 4 && matches!(len, 13 | 16 | 19);
    let mastercard = ((51..=55).contains(&p2) || (2221..=2720).contains(&p4)) && len == 16;
    let amex = (p2 == 34 || p2 == 37) && len == 15;
    let discover =
        (p4 == 6011 || p2 == 65 || (644..=649).contains(&p3)) && (16..=19).contains(&len);
    let jcb = (3528..=3589).contains(&p4) && (16..=19).contains(&len);
    let diners = ((300..=305).contains(&p3) || p2 == 36 || p2 == 38) && (14..=19).contains(&len);
    let unionpay = p2 == 62 && (16..=19).contains(&len);
    visa || mastercard || amex || discover || jcb || diners || unionpay
}

fn luhn_valid(digits: &[u8]) -> bool {
    let sum: u32 = digits
        .iter()
        .rev()
        .enumerate()
        .map(|(i, &d)| {
            let d = u32::from(d);
            if i % 2 == 1 {
                let doubled = d * 2;
                if doubled > 9 { doubled - 9 } else { doubled }
            } else {
                d
            }
        })
        .sum();
    !digits.is_empty() && sum.is_multiple_of(10)
}

/// A numeric match stands on its own: not preceded by a letter, digit, `_`, `-`, `.`
/// or `+`, and not followed by a letter, digit, `_`, `-` or a decimal fraction.
fn is_standalone(haystack: &str, start: usize, end: usize) -> bool {
    let before = haystack[..start].chars().next_back();
    let mut after = haystack[end..].chars();
    let (next, next2) = (after.next(), after.next());
    let glued_before =
        before.is_some_and(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.' | '+'));
    let glued_after = next.is_some_and(|c| c.is_alphanumeric() || matches!(c, '_' | '-'))
        || (next == Some('.') && next2.is_some_and(|c| c.is_ascii_digit()));
    !glued_before && !glued_after
}

/// IBAN lengths by country (SWIFT IBAN registry).
const IBAN_LENGTHS: &[(&str, usize)] = &[
    ("AD", 24),
    ("AE", 23),
    ("AL", 28),
    ("AT", 20),
    ("AZ", 28),
    ("BA", 20),
    ("BE", 16),
    ("BG", 22),
    ("BH", 22),
    ("BI", 27),
    ("BR", 29),
    ("BY", 28),
    ("CH", 21),
    ("CR", 22),
    ("CY", 28),
    ("CZ", 24),
    ("DE", 22),
    ("DJ", 27),
    ("DK", 18),
    ("DO", 28),
    ("EE", 20),
    ("EG", 29),
    ("ES", 24),
    ("FI", 18),
    ("FK", 18),
    ("FO", 18),
    ("FR", 27),
    ("GB", 22),
    ("GE", 22),
    ("GI", 23),
    ("GL", 18),
    ("GR", 27),
    ("GT", 28),
    ("HR", 21),
    ("HU", 28),
    ("IE", 22),
    ("IL", 23),
    ("IQ", 23),
    ("IS", 26),
    ("IT", 27),
    ("JO", 30),
    ("KW", 30),
    ("KZ", 20),
    ("LB", 28),
    ("LC", 32),
    ("LI", 21),
    ("LT", 20),
    ("LU", 20),
    ("LV", 21),
    ("LY", 25),
    ("MC", 27),
    ("MD", 24),
    ("ME", 22),
    ("MK", 19),
    ("MN", 20),
    ("MR", 27),
    ("MT", 31),
    ("MU", 30),
    ("NI", 28),
    ("NL", 18),
    ("NO", 15),
    ("OM", 23),
    ("PK", 24),
    ("PL", 28),
    ("PS", 29),
    ("PT", 25),
    ("QA", 29),
    ("RO", 24),
    ("RS", 22),
    ("RU", 33),
    ("SA", 24),
    ("SC", 31),
    ("SD", 18),
    ("SE", 24),
    ("SI", 19),
    ("SK", 24),
    ("SM", 27),
    ("SO", 23),
    ("ST", 25),
    ("SV", 28),
    ("TL", 23),
    ("TN", 24),
    ("TR", 26),
    ("UA", 29),
    ("VA", 22),
    ("VG", 24),
    ("XK", 20),
    ("YE", 30),
];

/// The value, when it is an IBAN: compact or in groups of four, the registered length
/// for its country, ISO 7064 MOD 97-10 check passing.
fn iban(value: &str) -> Option<&str> {
    let v = value.trim();
    let b = v.as_bytes();
    let shaped = (15..=48).contains(&b.len())
        && b[..2].iter().all(u8::is_ascii_alphabetic)
        && b[2..4].iter().all(u8::is_ascii_digit);
    if !shaped {
        return None;
    }
    let upper = v.to_ascii_uppercase();
    if !IBAN_COMPACT.is_match(&upper) && !IBAN_GROUPED.is_match(&upper) {
        return None;
    }
    let compact: String = upper.chars().filter(|c| *c != ' ').collect();
    let expected = IBAN_LENGTHS
        .iter()
        .find(|(country, _)| compact.starts_with(country))
        .map(|&(_, len)| len)?;
    (compact.len() == expected && iban_mod97(&compact) == 1).then_some(v)
}

/// ISO 7064 MOD 97-10 over the rearranged IBAN (letters as 10..35).
fn iban_mod97(compact: &str) -> u32 {
    let (head, tail) = compact.split_at(4.min(compact.len()));
    tail.chars()
        .chain(head.chars())
        .fold(0u32, |acc, c| match c.to_digit(36) {
            Some(d) if d >= 10 => (acc * 100 + d) % 97,
            Some(d) => (acc * 10 + d) % 97,
            None => acc,
        })
}

/// The IP address in the value: the whole value must parse, unless the name hints an
/// IP, in which case `addr:port` and lists are accepted too.
fn ip_address(value: &str, hinted: bool, version_name: bool) -> Option<&str> {
    let v = value.trim();
    if v.len() > 1024 || !v.contains(['.', ':']) {
        return None;
    }
    if v.parse::<IpAddr>().is_ok() && !version_name {
        return Some(v);
    }
    if !hinted {
        return None;
    }
    v.split(|c: char| c.is_whitespace() || c == ',' || c == ';')
        .map(str::trim)
        .find(|part| part.parse::<IpAddr>().is_ok() || part.parse::<SocketAddr>().is_ok())
}

/// The first AWS access key id inside the value, or a 40-character secret access key
/// under an AWS/secret-like name.
fn find_aws_key(value: &str, secret_name: bool) -> Option<&str> {
    if let Some(m) = AWS_KEY_ID.find(value) {
        return Some(m.as_str());
    }
    let v = value.trim();
    let mixed_case =
        v.chars().any(|c| c.is_ascii_uppercase()) && v.chars().any(|c| c.is_ascii_lowercase());
    (secret_name && v.len() == 40 && AWS_SECRET.is_match(v) && mixed_case).then_some(v)
}

/// The first GitHub token (classic or fine-grained) inside the value.
fn find_github_token(value: &str) -> Option<&str> {
    GITHUB.find(value).map(|m| m.as_str())
}

/// The first Slack token or incoming-webhook URL inside the value.
fn find_slack_token(value: &str) -> Option<&str> {
    SLACK.find(value).map(|m| m.as_str())
}

/// The PEM header line of private key material inside the value.
fn find_private_key(value: &str) -> Option<&str> {
    PRIVATE_KEY.find(value).map(|m| m.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;
    use SensitiveKind as K;
    use serde_json::json;

    /// Whether `at` is in a URL's authority, read back from `at` to the word's start.
    fn in_url_authority(value: &str, at: usize) -> bool {
        let before = &value[..at];
        let word = before
            .char_indices()
            .rev()
            .find(|&(_, c)| c.is_whitespace() || matches!(c, '"' | '\'' | '<' | '(' | '='))
            .map_or(before, |(i, c)| &before[i + c.len_utf8()..]);
        word.find("://")
            .is_some_and(|i| !word[i + 3..].contains(['/', '?', '#']))
    }

    proptest::proptest! {
        /// Reading the value once, left to right, says what reading back from each
        /// offset says.
        #[test]
        fn authorities_read_once_agree_with_reading_back(
            parts in proptest::collection::vec(proptest::sample::select(vec![
                "a", "b@c.io", ":", "/", "//", "://", "?", "#", " ", "\u{a0}", "\u{2003}",
                "=", "(", "\"", "é", "@", "x.y",
            ]), 0..40),
            picks in proptest::collection::vec(0usize..200, 0..12),
        ) {
            let value: String = parts.concat();
            let mut offsets: Vec<usize> = picks
                .iter()
                .map(|p| p % (value.len() + 1))
                .filter(|&o| value.is_char_boundary(o))
                .collect();
            offsets.sort_unstable();
            let mut authorities = Authorities::new(&value);
            for at in offsets {
                proptest::prop_assert_eq!(
                    authorities.contains(at),
                    in_url_authority(&value, at),
                    "{:?} at {}", value, at
                );
            }
        }
    }

    #[test]
    fn many_addresses_in_one_authority_are_read_once() {
        // Reading back to the word's start for each address took minutes here.
        let value = format!("x://{}", "a@bb.cc;".repeat(1 << 19));
        let started = std::time::Instant::now();
        assert_eq!(find_email(&value), None);
        assert!(
            started.elapsed() < std::time::Duration::from_secs(60),
            "{:?}",
            started.elapsed()
        );
    }

    fn claims(v: Value) -> Map<String, Value> {
        match v {
            Value::Object(m) => m,
            _ => panic!("test claims must be an object"),
        }
    }

    fn scan(v: Value) -> Vec<(String, SensitiveKind)> {
        scan_claims(&claims(v), ScanOptions::default())
            .into_iter()
            .map(|h| (h.path, h.kind))
            .collect()
    }

    fn kinds(v: Value) -> Vec<SensitiveKind> {
        scan(v).into_iter().map(|(_, k)| k).collect()
    }

    fn hit(path: &str, kind: SensitiveKind) -> (String, SensitiveKind) {
        (path.to_string(), kind)
    }

    /// A header segment that decodes to `{"alg":"HS256","typ":"JWT"}`.
    const JWT_HEADER: &str = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9";

    #[test]
    fn kind_metadata() {
        assert_eq!(SensitiveKind::ALL.len(), 23);
        let secrets: Vec<_> = SensitiveKind::ALL
            .into_iter()
            .filter(|k| k.is_secret())
            .collect();
        assert_eq!(
            secrets,
            [
                K::PasswordField,
                K::AwsKey,
                K::GithubToken,
                K::SlackToken,
                K::PrivateKey,
                K::NestedToken,
                K::StripeKey,
                K::GoogleApiKey,
                K::GitlabToken,
                K::OpenaiKey,
                K::NpmToken,
                K::DatabaseUrl,
                K::UrlPassword,
                K::BasicCredentials,
            ]
        );
        assert_eq!(K::Email.describe(), "email address");
        assert_eq!(K::Ssn.describe(), "US social security number");
        for k in SensitiveKind::ALL {
            assert!(!k.describe().is_empty());
        }
    }

    #[test]
    fn mask_never_reveals_length() {
        assert_eq!(mask("john@example.com"), "jo******");
        assert_eq!(mask("joe"), "jo******");
        assert_eq!(mask("ab"), "********");
        assert_eq!(mask("a"), "********");
        assert_eq!(mask(""), "********");
        assert_eq!(mask("ab").len(), mask("abcdefghijklmnop").len());
        let long = "x".repeat(100_000);
        assert_eq!(mask(&long).chars().count(), 8);
        assert_eq!(mask("élan"), "él******");
        assert_eq!(mask("\u{1b}[31m"), "*[******");
        for v in ["abc", "abcd", "a longer secret value"] {
            let m = mask(v);
            assert_eq!(m.chars().count(), 8);
            assert_eq!(m.chars().filter(|&c| c != '*').count(), 2);
        }
    }

    #[test]
    fn hits_carry_masked_fragments() {
        let hits = scan_claims(
            &claims(json!({"note": "write to jane@example.org please"})),
            ScanOptions::default(),
        );
        assert_eq!(
            hits,
            vec![Hit {
                path: "note".into(),
                kind: K::Email,
                masked: "ja******".into(),
                confidence: Confidence::Strong,
            }]
        );
    }

    #[test]
    fn email() {
        assert_eq!(
            kinds(json!({"email": "jane.doe@example.co.uk"})),
            [K::Email]
        );
        assert_eq!(
            kinds(json!({"preferred_username": "jdoe@corp.example"})),
            [K::Email]
        );
        assert_eq!(
            kinds(json!({"x": "Contact <a+b@mail.example.com>."})),
            [K::Email]
        );
        assert_eq!(
            kinds(json!({"x": "https://example.com/invite?to=jane@example.org"})),
            [K::Email]
        );
        // User information in a URL is no email address (but a database URL's password
        // is a credential).
        assert_eq!(
            kinds(json!({"x": "postgres://app:s3cr3t@db1.internal:5432/main"})),
            [K::DatabaseUrl]
        );
        for quiet in [
            "user@localhost",
            "jdoe",
            "@example.com",
            "a@b.c",
            "icon@2x.png",
            "user@127.0.0.1",
            "see https://jdoe@git.example.com/repo",
        ] {
            assert!(kinds(json!({ "x": quiet })).is_empty(), "{quiet}");
        }
        assert!(kinds(json!({"preferred_username": "jdoe"})).is_empty());
        assert!(kinds(json!({"email_verified": true, "phone_number_verified": false})).is_empty());
        assert!(kinds(json!({"scope": "openid email profile"})).is_empty());
        assert!(kinds(json!({"sub": "user-42", "iss": "a@b.example"})).is_empty());
        // An email address as the subject is the PII case that matters most.
        assert_eq!(
            scan(json!({"sub": "jane@example.com"})),
            [hit("sub", K::Email)]
        );
    }

    #[test]
    fn phone() {
        assert_eq!(
            kinds(json!({"phone_number": "+1 (555) 010-0199"})),
            [K::Phone]
        );
        assert_eq!(kinds(json!({"home_phone": "030 1234567"})), [K::Phone]);
        assert_eq!(kinds(json!({"Mobile": "0612345678"})), [K::Phone]);
        assert_eq!(kinds(json!({"x": "+441632960961"})), [K::Phone]);
        assert_eq!(
            kinds(json!({"contact": {"tel": "555.010.0199"}})),
            [K::Phone]
        );
        assert!(kinds(json!({"phone_number": "12345"})).is_empty());
        assert!(kinds(json!({"phone": "call me"})).is_empty());
        assert!(kinds(json!({"phone": 15550100199_u64})).is_empty());
        assert!(kinds(json!({"hotel": "0612345678"})).is_empty());
        assert!(kinds(json!({"x": "0612345678"})).is_empty());
        assert!(kinds(json!({"x": "+1234"})).is_empty());
        assert!(kinds(json!({"x": "+1555abc0100"})).is_empty());
    }

    #[test]
    fn ssn() {
        assert_eq!(kinds(json!({"x": "123-45-6789"})), [K::Ssn]);
        assert_eq!(kinds(json!({"note": "SSN 123-45-6789 on file"})), [K::Ssn]);
        assert_eq!(kinds(json!({"ssn": "123456789"})), [K::Ssn]);
        assert_eq!(
            kinds(json!({"social_security_number": "123 45 6789"})),
            [K::Ssn]
        );
        for bad in [
            "000-12-3456",
            "666-12-3456",
            "900-12-3456",
            "999-12-3456",
            "123-00-4567",
            "123-45-0000",
            "078-05-1120",
            "219-09-9999",
            "1123-45-6789",
            "123-45-67890",
        ] {
            assert!(kinds(json!({ "x": bad })).is_empty(), "{bad}");
        }
        assert!(kinds(json!({"x": "123456789"})).is_empty());
        assert!(kinds(json!({"ssn": "666456789"})).is_empty());
        assert!(kinds(json!({"ssn": 123456789})).is_empty());
    }

    #[test]
    fn payment_card() {
        for card in [
            "4111111111111111",
            "4111 1111 1111 1111",
            "5500-0000-0000-0004",
            "2223000048400011",
            "378282246310005",
            "6011111111111117",
            "3530111333300000",
            "30569309025904",
            "6200000000000005",
        ] {
            assert_eq!(kinds(json!({ "x": card })), [K::PaymentCard], "{card}");
        }
        assert_eq!(
            kinds(json!({"x": "card: 4111111111111111."})),
            [K::PaymentCard]
        );
        for quiet in [
            "4111111111111112",     // fails Luhn
            "1234567812345670",     // Luhn-valid, no issuer
            "3782822463100050",     // Amex prefix, wrong length
            "41111111111111111111", // too long
            "id-4111111111111111",  // glued to an identifier
            "0.4111111111111111",   // a decimal fraction
            "4111  1111 1111 1111", // double space
        ] {
            assert!(kinds(json!({ "x": quiet })).is_empty(), "{quiet}");
        }
        assert!(kinds(json!({"card": 4111111111111111_u64})).is_empty());
    }

    #[test]
    fn iban() {
        for iban in [
            "DE89370400440532013000",
            "DE89 3704 0044 0532 0130 00",
            "GB82WEST12345698765432",
            "gb82 west 1234 5698 7654 32",
            "FR1420041010050500013M02606",
            "NL91ABNA0417164300",
            "BE68539007547034",
            "NO9386011117947",
            "CH9300762011623852957",
        ] {
            assert_eq!(kinds(json!({ "x": iban })), [K::Iban], "{iban}");
        }
        for quiet in [
            "DE88370400440532013000",    // wrong check digits
            "DE8937040044053201300",     // wrong length for DE
            "ZZ89370400440532013000",    // unknown country
            "DE89 37040044 0532 013000", // bad grouping
            "GB82WEST1234",
        ] {
            assert!(kinds(json!({ "x": quiet })).is_empty(), "{quiet}");
        }
    }

    #[test]
    fn ip_address() {
        assert_eq!(kinds(json!({"x": "203.0.113.7"})), [K::IpAddress]);
        assert_eq!(kinds(json!({"x": "2001:db8::1"})), [K::IpAddress]);
        assert_eq!(
            kinds(json!({"client_ip": "203.0.113.7:443"})),
            [K::IpAddress]
        );
        assert_eq!(
            kinds(json!({"ip": "unknown, 198.51.100.2"})),
            [K::IpAddress]
        );
        assert_eq!(
            kinds(json!({"ipAddress": "[2001:db8::1]:8443"})),
            [K::IpAddress]
        );
        for quiet in ["1.2.3", "10.0.19041.1", "01.2.3.4", "256.1.1.1", "v1.2.3.4"] {
            assert!(kinds(json!({ "x": quiet })).is_empty(), "{quiet}");
        }
        assert!(kinds(json!({"version": "1.2.3.4"})).is_empty());
        assert!(kinds(json!({"x": "host 203.0.113.7:443"})).is_empty());
        assert!(kinds(json!({"zip_note": "203.0.113.7:443"})).is_empty());
    }

    #[test]
    fn date_of_birth() {
        assert_eq!(kinds(json!({"birthdate": "1990-04-01"})), [K::DateOfBirth]);
        assert_eq!(kinds(json!({"DOB": "01/04/1990"})), [K::DateOfBirth]);
        assert_eq!(
            kinds(json!({"dateOfBirth": "0000-04-01"})),
            [K::DateOfBirth]
        );
        assert_eq!(
            kinds(json!({"user": {"birth_date": "1990"}})),
            [K::DateOfBirth]
        );
        assert!(kinds(json!({"birthdate": ""})).is_empty());
        assert!(kinds(json!({"birthdate": 19900401})).is_empty());
        assert!(kinds(json!({"birthdate_verified": true})).is_empty());
        assert!(kinds(json!({"created": "1990-04-01"})).is_empty());
    }

    #[test]
    fn postal_address() {
        // One address object is one finding, named by the object.
        let found = scan(json!({
            "address": {
                "street_address": "1 Main St",
                "locality": "Springfield",
                "postal_code": "12345",
                "country": "US",
                "geo": {"region": "IL"}
            }
        }));
        assert_eq!(found, [hit("address", K::PostalAddress)]);
        assert_eq!(
            scan(json!({"addresses": [{"street": "1 Main St"}, {"zip": "12345", "city": "X"}]})),
            [
                hit("addresses[0]", K::PostalAddress),
                hit("addresses[1]", K::PostalAddress)
            ]
        );
        assert_eq!(
            scan(json!({"shipping": {"street": "1 Main St", "zip": "90210"}})),
            [hit("shipping.street", K::PostalAddress)]
        );
        assert_eq!(
            kinds(json!({"address": "1 Main St, Springfield"})),
            [K::PostalAddress]
        );
        assert_eq!(
            kinds(json!({"shipping": {"zip": "90210"}})),
            [K::PostalAddress]
        );
        assert!(kinds(json!({"wallet": {"address": "0xabc"}})).is_empty());
        assert!(kinds(json!({"formatted": "1 Main St"})).is_empty());
        assert!(kinds(json!({"zip": "gzip"})).is_empty());
        assert!(kinds(json!({"locality": "Springfield"})).is_empty());
        assert!(kinds(json!({"address": {"postal_code": 12345}})).is_empty());
    }

    #[test]
    fn personal_name() {
        assert_eq!(
            scan(json!({"name": "Jane Doe", "given_name": "Jane", "family_name": "Doe"})),
            [
                hit("name", K::PersonalName),
                hit("given_name", K::PersonalName),
                hit("family_name", K::PersonalName)
            ]
        );
        assert_eq!(kinds(json!({"user": {"name": "Jane"}})), [K::PersonalName]);
        assert_eq!(
            kinds(json!({"org": {"lastName": "Doe"}})),
            [K::PersonalName]
        );
        assert!(kinds(json!({"preferred_username": "jdoe"})).is_empty());
        assert!(kinds(json!({"org": {"name": "Acme"}})).is_empty());
        assert!(kinds(json!({"roles": [{"name": "admin"}]})).is_empty());
        assert!(kinds(json!({"name": ""})).is_empty());
        assert!(kinds(json!({"username": "jane"})).is_empty());
    }

    #[test]
    fn password_field() {
        for name in [
            "password",
            "db_password",
            "x-api-key",
            "apiKey",
            "client_secret",
            "PRIVATE_KEY",
            "credentials",
            "userPassword",
            "password_hash",
        ] {
            assert_eq!(
                kinds(json!({ name: "hunter2hunter2" })),
                [K::PasswordField],
                "{name}"
            );
        }
        assert!(kinds(json!({"amr": ["pwd"]})).is_empty());
        assert!(kinds(json!({"auth_method": "pwd"})).is_empty());
        assert!(kinds(json!({"password_changed_at": 1700000000})).is_empty());
        assert!(kinds(json!({"password_hint": "first pet"})).is_empty());
        assert!(kinds(json!({"password": ""})).is_empty());
        assert!(kinds(json!({"password": "********"})).is_empty());
        assert!(kinds(json!({"passport": "X1234"})).is_empty());
        assert!(kinds(json!({"cnf": {"password": "x9Y8z7W6"}})).is_empty());
        // A name hint alone never reaches full confidence; a yes/no is no secret.
        assert!(kinds(json!({"secret_santa": "yes"})).is_empty());
        assert!(kinds(json!({"password_set": "true"})).is_empty());
        let confidence = |v: Value| {
            scan_claims(&claims(v), ScanOptions::default())
                .into_iter()
                .map(|h| h.confidence)
                .collect::<Vec<_>>()
        };
        assert_eq!(
            confidence(json!({"secret_santa": "Bob"})),
            [Confidence::NameOnly]
        );
        assert_eq!(
            confidence(json!({"password": "changeme"})),
            [Confidence::NameOnly]
        );
        assert_eq!(
            confidence(json!({"password": "hunter2"})),
            [Confidence::Strong]
        );
        assert_eq!(
            confidence(json!({"client_secret": "q8ZmW2vN5rT1xK7c"})),
            [Confidence::Strong]
        );
    }

    #[test]
    fn aws_key() {
        assert_eq!(kinds(json!({"x": "AKIAIOSFODNN7EXAMPLE"})), [K::AwsKey]);
        assert_eq!(kinds(json!({"sub": "ASIAIOSFODNN7EXAMPLE"})), [K::AwsKey]);
        assert_eq!(
            kinds(json!({"aws_secret_access_key": "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"})),
            [K::PasswordField, K::AwsKey]
        );
        assert_eq!(
            kinds(json!({"aws": "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"})),
            [K::AwsKey]
        );
        assert!(kinds(json!({"x": "AKIAIOSFODNN7EXAMPL"})).is_empty());
        assert!(kinds(json!({"x": "XAKIAIOSFODNN7EXAMPLE"})).is_empty());
        assert!(kinds(json!({"x": "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"})).is_empty());
        assert!(kinds(json!({"aws": "da39a3ee5e6b4b0d3255bfef95601890afd80709"})).is_empty());
    }

    #[test]
    fn github_token() {
        let classic = format!("ghp_{}", "a1B2".repeat(9));
        assert_eq!(kinds(json!({ "x": classic })), [K::GithubToken]);
        let pat = format!("github_pat_11ABCDEFG0{}", "x_Y1".repeat(15));
        assert_eq!(kinds(json!({ "x": pat })), [K::GithubToken]);
        assert_eq!(kinds(json!({ "jti": classic })), [K::GithubToken]);
        let short = format!("ghp_{}", "a1B2".repeat(8));
        assert!(kinds(json!({ "x": short })).is_empty());
        assert!(kinds(json!({"x": "ghx_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"})).is_empty());
    }

    #[test]
    fn slack_token() {
        assert_eq!(
            kinds(json!({"x": "xoxb-1234567890-abcdefghij"})),
            [K::SlackToken]
        );
        assert_eq!(
            kinds(json!({"hook": "https://hooks.slack.com/services/T000/B000/XXXX"})),
            [K::SlackToken]
        );
        assert!(kinds(json!({"x": "xoxz-1234567890-abcdefghij"})).is_empty());
        assert!(kinds(json!({"x": "xoxb-123"})).is_empty());
        assert!(kinds(json!({"x": "https://hooks.slack.com/"})).is_empty());
    }

    #[test]
    fn private_key() {
        let pem = "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBg\n-----END PRIVATE KEY-----";
        let hits = scan_claims(&claims(json!({ "x": pem })), ScanOptions::default());
        assert_eq!(hits.len(), 1);
        assert_eq!(hits[0].kind, K::PrivateKey);
        assert_eq!(hits[0].masked, "--******");
        let rsa = "-----BEGIN RSA PRIVATE KEY-----\nMIIB\n-----END RSA PRIVATE KEY-----";
        assert_eq!(kinds(json!({ "cnf": rsa })), [K::PrivateKey]);
        assert_eq!(
            scan(
                json!({"cnf": {"jwk": {"kty": "EC", "crv": "P-256", "x": "a", "y": "b", "d": "c2VjcmV0"}}})
            ),
            [hit("cnf.jwk.d", K::PrivateKey)]
        );
        let public = "-----BEGIN PUBLIC KEY-----\nMFkw\n-----END PUBLIC KEY-----";
        assert!(kinds(json!({ "x": public })).is_empty());
        assert!(kinds(json!({"jwk": {"kty": "EC", "x": "a", "y": "b"}})).is_empty());
        assert!(kinds(json!({"x": "BEGIN PRIVATE KEY"})).is_empty());
    }

    #[test]
    fn nested_token() {
        let jws = format!("{JWT_HEADER}.eyJzdWIiOiIxIn0.c2ln");
        assert_eq!(kinds(json!({ "x": jws })), [K::NestedToken]);
        assert_eq!(
            kinds(json!({ "act": format!("Bearer {jws}") })),
            [K::NestedToken]
        );
        let jwe = format!("{JWT_HEADER}..aXY.Y3Q.dGFn");
        assert_eq!(kinds(json!({ "x": jwe })), [K::NestedToken]);
        let padded = "eyJhbGciOiJub25lIn0=.e30.";
        assert_eq!(kinds(json!({ "x": padded })), [K::NestedToken]);
        for quiet in [
            format!("{JWT_HEADER}.eyJzdWIiOiIxIn0"),  // two segments
            format!("{JWT_HEADER}.a.b.c"),            // four segments
            "eyJub3QganNvbg.a.b".to_string(),         // header not JSON
            "eyJbMV0.a.b".to_string(),                // header not an object
            "eyJhbGciOiJIUzI1NiJ9.a b.c".to_string(), // not base64url
            format!("see x{JWT_HEADER}.eyJzdWIiOiIxIn0.c2ln"), // glued to a word
        ] {
            assert!(kinds(json!({ "x": quiet })).is_empty(), "{quiet}");
        }
    }

    #[test]
    fn registered_claims_and_booleans_stay_quiet() {
        let quiet = json!({
            "iss": "https://issuer.example.com",
            "sub": "248289761001",
            "aud": ["203.0.113.7", "api"],
            "exp": 1700000000,
            "iat": 1700000000,
            "jti": "123-45-6789",
            "azp": "4111111111111111",
            "nonce": "+14155550100",
            "scope": "openid email phone address profile",
            "amr": ["pwd", "mfa"],
            "acr": "urn:mace:incommon:iap:silver",
            "client_id": "my-client",
            "act": {"sub": "svc-admin", "client_id": "4111111111111111"},
            "email_verified": true,
            "phone_number_verified": false,
            "updated_at": 1700000000,
            "count": 4111111111111111_u64,
            "app_version": "1.2.3",
            "nothing": null
        });
        assert_eq!(scan(quiet), []);
    }

    #[test]
    fn paths_at_depth_and_document_order() {
        let found = scan(json!({
            "user": {"contact": {"email": "jane@example.com", "phone": "+14155550100"}},
            "addresses": [
                {"street": "1 Main St"},
                {"postal_code": "SW1A 1AA"}
            ],
            "emails": ["a@example.com", "b@example.com"],
            "matrix": [[{"password": "x1y2z3"}]]
        }));
        assert_eq!(
            found,
            [
                hit("user.contact.email", K::Email),
                hit("user.contact.phone", K::Phone),
                hit("addresses[0]", K::PostalAddress),
                hit("addresses[1]", K::PostalAddress),
                hit("emails[0]", K::Email),
                hit("emails[1]", K::Email),
                hit("matrix[0][0].password", K::PasswordField),
            ]
        );
    }

    #[test]
    fn namespaced_and_odd_member_names() {
        assert_eq!(
            scan(json!({"https://example.com/claims/phone_number": "030 1234567"})),
            [hit("https://example.com/claims/phone_number", K::Phone)]
        );
        assert_eq!(
            scan(json!({"a.b": {"": "x@example.com"}, "": "y@example.com", "ключ": "🙂🙂🙂"})),
            [hit("a.b.", K::Email), hit("", K::Email)]
        );
    }

    #[test]
    fn several_kinds_once_each() {
        let found = scan(json!({
            "note": "jane@example.com and joe@example.com, 123-45-6789"
        }));
        assert_eq!(found, [hit("note", K::Email), hit("note", K::Ssn)]);
        // Two spellings of the same path never duplicate a (path, kind).
        let found = scan(json!({"a.b": "x@example.com", "a": {"b": "y@example.com"}}));
        assert_eq!(found, [hit("a.b", K::Email)]);
    }

    #[test]
    fn never_panics_on_odd_input() {
        // Deep nesting beyond the cap.
        let mut deep = json!("jane@example.com");
        for _ in 0..200 {
            deep = json!({ "k": [deep] });
        }
        assert!(scan(json!({ "deep": deep })).is_empty(), "beyond MAX_DEPTH");
        let mut shallow = json!("jane@example.com");
        for _ in 0..10 {
            shallow = json!({ "k": shallow });
        }
        assert_eq!(kinds(json!({ "s": shallow })), [K::Email]);
        // Huge and odd strings.
        let huge = "9".repeat(1_000_000);
        assert!(kinds(json!({ "x": huge, "ssn": huge, "ip": huge })).is_empty());
        let odd = "é\u{0}\u{1b}👍-----BEGIN\u{fffd}eyJ.\u{200b}@.";
        let _ = scan(json!({ odd: odd, "password": odd, "phone": odd }));
        let _ = scan(json!({ "Bearerx": "Bearé eyJ", "x": "bearer", "y": "Bearer\u{e9}x" }));
        // Multi-byte characters around every trigger and separator.
        for odd in [
            "é\u{3000}jane@example.com",
            "postgres://é:ü@\u{3000}h",
            "redis://\u{3000}:p@h",
            "Basic \u{3000}YWxhZGRpbjpvcGVuc2VzYW1l",
            "sk_live_é",
            "glpat-é.é",
            "sk-proj-éT3BlbkFJé",
            "eyJé.é.é",
            "call +1 (415) 555-2671\u{3000}é",
            "AIzaé",
            "npm_é",
        ] {
            let _ = scan(json!({ "x": odd, "name": odd, "password": odd }));
        }
        let mut words = NameWords::default();
        for (name, expected) in [
            ("APIKey", &["api", "key"][..]),
            ("xApiKey_2", &["x", "api", "key", "2"]),
            ("x-api-key", &["x", "api", "key"]),
            ("HTTPServer2Name", &["http", "server2", "name"]),
            ("__", &[]),
        ] {
            words.split(name);
            assert_eq!(words.iter().collect::<Vec<_>>(), expected, "{name}");
        }
    }

    #[test]
    fn actor_claims_are_scanned_as_claims_sets() {
        assert_eq!(
            scan(json!({
                "sub": "user-1",
                "act": {
                    "sub": "admin@example.com",
                    "password": "p4ssW0rd!",
                    "act": {"sub": "ops@example.com", "iss": "https://a.example"}
                },
                "may_act": {"sub": "root@example.com"}
            })),
            [
                hit("act.sub", K::Email),
                hit("act.password", K::PasswordField),
                hit("act.act.sub", K::Email),
                hit("may_act.sub", K::Email),
            ]
        );
        // Registered claims inside an actor stay registered.
        assert!(kinds(json!({"act": {"sub": "svc", "client_id": "4111111111111111"}})).is_empty());
    }

    #[test]
    fn phone_inside_free_text() {
        for text in [
            "call me on +44 20 7946 0958 after six",
            "Reach support at (415) 555-2671.",
            "backup: 415.555.2671 (desk)",
            "Emergency contact +1 (415) 555-2671",
        ] {
            assert_eq!(kinds(json!({ "note": text })), [K::Phone], "{text}");
        }
        for quiet in [
            "order 123-456-7890 shipped",     // area code 123
            "build 2024-01-15 10:30:00 ok",   // a date and a time
            "ticket 4155552671 closed",       // bare digits in prose
            "score +12 and +34 today",        // short numbers
            "v2 released on 2024.01.15 here", // a date
            "ids 415-555-26710 and more",     // glued digits
            "+4420794609581234567 is long",   // too many digits
        ] {
            assert!(kinds(json!({ "note": quiet })).is_empty(), "{quiet}");
        }
    }

    #[test]
    fn service_names_are_not_personal_names() {
        for quiet in [
            json!({"name": "api-gateway"}),
            json!({"name": "Build Service"}),
            json!({"nickname": "jdoe"}),
            json!({"name": "Deploy Bot"}),
            json!({"name": "billing_worker"}),
            json!({"name": "svc-42"}),
            json!({"given_name": "Test", "family_name": "User"}),
        ] {
            assert!(kinds(quiet.clone()).is_empty(), "{quiet}");
        }
        for named in [
            json!({"name": "Jane Doe"}),
            json!({"nickname": "Janie"}),
            json!({"name": "Jean-Luc Picard"}),
            json!({"family_name": "O'Brien"}),
            json!({"name": "张伟"}),
        ] {
            assert_eq!(kinds(named.clone()), [K::PersonalName], "{named}");
        }
    }

    #[test]
    fn client_credentials_tokens_carry_service_names() {
        for token in [
            json!({"sub": "abc123@clients", "name": "Reporting"}),
            json!({"gty": "client-credentials", "sub": "abc", "name": "Nightly Export"}),
            json!({"sub": "app-7", "client_id": "app-7", "name": "Ledger"}),
        ] {
            assert!(kinds(token.clone()).is_empty(), "{token}");
        }
        // A user claim beside sub == client_id keeps the token a user's.
        assert_eq!(
            kinds(
                json!({"sub": "u1", "client_id": "u1", "given_name": "Jane", "name": "Jane Doe"})
            ),
            [K::PersonalName, K::PersonalName]
        );
    }

    #[test]
    fn id_token_profile_expects_the_standard_claims() {
        let token = claims(json!({
            "sub": "248289761001",
            "email": "jane@example.com",
            "phone_number": "+1 (425) 555-1212",
            "name": "Jane Doe",
            "given_name": "Jane",
            "birthdate": "1990-04-01",
            "address": {"street_address": "1 Main St"},
            "custom_note": "ssn 123-45-6789",
            "email_verified": true
        }));
        let hits = scan_claims(&token, ScanOptions { id_token: true });
        let found: Vec<_> = hits.into_iter().map(|h| (h.path, h.kind)).collect();
        assert_eq!(found, [hit("custom_note", K::Ssn)]);
        // Secrets are secrets in any claim.
        let token = claims(json!({"name": format!("ghp_{}", "a1B2".repeat(9))}));
        let hits = scan_claims(&token, ScanOptions { id_token: true });
        assert_eq!(hits.len(), 1);
        assert_eq!(hits[0].kind, K::GithubToken);
    }

    #[test]
    fn credentials_by_format_in_any_claim() {
        let stripe = format!("sk_live_{}", "4eC39HqLyjWD".repeat(2));
        assert_eq!(kinds(json!({ "jti": stripe })), [K::StripeKey]);
        assert_eq!(
            kinds(json!({"cfg": {"db": "postgres://app:s3cr3t@db/orders"}})),
            [K::DatabaseUrl]
        );
        assert_eq!(
            kinds(json!({"upstream_auth": "Basic YWxhZGRpbjpvcGVuc2VzYW1l"})),
            [K::BasicCredentials]
        );
    }

    #[test]
    fn secret_shapes() {
        assert!(looks_like_secret("hunter2"));
        assert!(looks_like_secret("Tr0ub4dor&3"));
        assert!(looks_like_secret("qwzmxnvbcpolkj"));
        assert!(!looks_like_secret("changeme"));
        assert!(!looks_like_secret("abc12"));
        assert!(!looks_like_secret("correct horse battery staple"));
        assert!(!looks_like_secret("aaaaaaaaaaaaaaaa"));
        assert!(entropy_bits(b"abcd") > 1.99 && entropy_bits(b"abcd") < 2.01);
    }
}
