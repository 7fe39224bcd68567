//! The rules, one module per category. Each module holds its rules as typed registry
//! entries (`pub static NAME: Rule`) and the checks that report them; a check names its
//! rule by that static, so a rule that does not exist cannot be reported.

pub mod algorithm;
pub mod claims;
pub mod encryption;
pub mod exposure;
pub mod format;
pub mod header;
pub mod key;
pub mod keyset;
pub mod policy;
pub mod secret;
pub mod sensitive;
