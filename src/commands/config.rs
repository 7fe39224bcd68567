//! `jwtx config show|check|schema`: what `jwtx.toml` says, and whether it is valid.

use anyhow::Result;

use crate::cli::{ConfigAction, ConfigArgs, ConfigCommandArgs};
use crate::config::{self, Config, Discovery};
use crate::exit::{Exit, UsageError};
use crate::output::{Printer, escape, pretty_json};

pub fn run(args: ConfigCommandArgs, out: &mut Printer) -> Result<Exit> {
    match args.action {
        ConfigAction::Schema => {
            out.line(&pretty_json(&config::json_schema()))?;
        }
        ConfigAction::Check { file } => {
            let how = match file {
                Some(path) => Discovery::Named(path),
                None => ConfigArgs::default().discovery(),
            };
            match config::discover(&how) {
                Ok(Some(config)) => {
                    crate::diag!("jwtx: {} is valid", config.path.display());
                }
                Ok(None) => {
                    return Err(UsageError(format!(
                        "no {} here or in a parent directory up to the repository root",
                        config::FILE_NAME
                    ))
                    .into());
                }
                Err(e) => return Err(UsageError(e.to_string()).into()),
            }
        }
        ConfigAction::Show { config: which } => {
            match config::discover(&which.discovery()).map_err(|e| UsageError(e.to_string()))? {
                Some(config) => show(&config, out)?,
                None => {
                    crate::diag!(
                        "jwtx: no {} applies here; built-in defaults and flags only",
                        config::FILE_NAME
                    );
                    show_defaults(out)?;
                }
            }
        }
    }
    Ok(Exit::Ok)
}

/// One setting per line: `name = value  # origin`.
fn setting(out: &mut Printer, name: &str, value: String, origin: Option<String>) -> Result<()> {
    let origin = origin.unwrap_or_else(|| "default".into());
    out.line(&format!(
        "{name} = {}  # {}",
        escape(&value),
        escape(&origin)
    ))?;
    Ok(())
}

fn list(items: impl IntoIterator<Item = String>) -> String {
    let items: Vec<String> = items.into_iter().map(|i| format!("{i:?}")).collect();
    format!("[{}]", items.join(", "))
}

fn duration(seconds: u64) -> String {
    format!(
        "{:?}",
        humantime::format_duration(std::time::Duration::from_secs(seconds)).to_string()
    )
}

/// `PREFIX.expect.CLAIM = VALUE` lines.
fn expectations(
    out: &mut Printer,
    prefix: &str,
    expect: &[(String, serde_json::Value)],
    origin: Option<String>,
) -> Result<()> {
    for (claim, value) in expect {
        setting(
            out,
            &format!("{prefix}.expect.{claim:?}"),
            value.to_string(),
            origin.clone(),
        )?;
    }
    Ok(())
}

fn show_defaults(out: &mut Printer) -> Result<()> {
    setting(out, "verify.leeway", duration(0), None)?;
    setting(out, "audit.fail-on", "\"high\"".into(), None)?;
    setting(out, "audit.max-lifetime", duration(86_400), None)
}

fn show(config: &Config, out: &mut Printer) -> Result<()> {
    let file = &config.file;
    out.line(&format!("# {}", escape(&config.path.display().to_string())))?;
    let v = &file.verify;
    setting(
        out,
        "verify.leeway",
        duration(v.leeway.unwrap_or(0)),
        config.origin("verify.leeway"),
    )?;
    if !v.require.is_empty() {
        setting(
            out,
            "verify.require",
            list(v.require.iter().cloned()),
            config.origin("verify.require"),
        )?;
    }
    expectations(out, "verify", &v.expect, config.origin("verify.expect"))?;
    for (name, value) in [("denylist", &v.denylist), ("denylist-key", &v.denylist_key)] {
        if let Some(value) = value {
            let name = format!("verify.{name}");
            setting(out, &name, format!("{value:?}"), config.origin(&name))?;
        }
    }
    let a = &file.audit;
    let fail_on = match a.fail_on {
        Some(Some(s)) => s.name(),
        Some(None) => "none",
        None => "high",
    };
    setting(
        out,
        "audit.fail-on",
        format!("{fail_on:?}"),
        config.origin("audit.fail-on"),
    )?;
    setting(
        out,
        "audit.max-lifetime",
        duration(a.max_lifetime.unwrap_or(86_400)),
        config.origin("audit.max-lifetime"),
    )?;
    if !a.ignore.is_empty() {
        setting(
            out,
            "audit.ignore",
            list(a.ignore.iter().map(|r| r.id.to_owned())),
            config.origin("audit.ignore"),
        )?;
    }
    for (rule, level) in &a.severity {
        setting(
            out,
            &format!("audit.severity.{}", rule.id),
            format!("{:?}", level.name()),
            config.origin(&format!("audit.severity.{}", rule.id)),
        )?;
    }
    for (i, entry) in a.ignore_paths.iter().enumerate() {
        let rules = match &entry.rules {
            Some(rules) => list(rules.iter().map(|r| r.id.to_owned())),
            None => "every rule".into(),
        };
        setting(
            out,
            &format!("audit.ignore-path[{i}]"),
            format!("{} ignores {rules}", list(entry.paths.iter().cloned())),
            config.origin(&format!("audit.ignore-path[{i}]")),
        )?;
    }
    for (name, value) in [
        (
            "audit.exclude",
            (!a.exclude.is_empty()).then(|| list(a.exclude.iter().cloned())),
        ),
        (
            "audit.baseline",
            a.baseline
                .as_ref()
                .map(|p| format!("{:?}", config.resolve(p).display().to_string())),
        ),
        (
            "audit.wordlist",
            a.wordlist
                .as_ref()
                .map(|p| format!("{:?}", config.resolve(p).display().to_string())),
        ),
    ] {
        if let Some(value) = value {
            setting(out, name, value, config.origin(name))?;
        }
    }
    for (i, p) in file.issuers.iter().enumerate() {
        let at = |field: &str| config.origin(&format!("issuer[{i}].{field}"));
        let prefix = format!("issuer.{:?}", p.name());
        setting(
            out,
            &format!("{prefix}.iss"),
            format!("{:?}", p.iss),
            at("iss"),
        )?;
        let (source, origin) = if let Some(key) = &p.key {
            let shown = if key.starts_with("https://") || key.starts_with("http://") {
                key.clone()
            } else {
                config
                    .resolve(std::path::Path::new(key))
                    .display()
                    .to_string()
            };
            (format!("key {shown:?}"), at("key"))
        } else if p.oidc {
            ("OpenID Connect discovery".into(), at("oidc"))
        } else if let Some(var) = &p.secret_env {
            (format!("secret from ${var}"), at("secret-env"))
        } else if let Some(path) = &p.secret_file {
            (
                format!(
                    "secret from {:?}",
                    config.resolve(path).display().to_string()
                ),
                at("secret-file"),
            )
        } else {
            ("none (give --key or a secret option)".into(), at("iss"))
        };
        setting(out, &format!("{prefix}.keys"), source, origin)?;
        if !p.algs.is_empty() {
            setting(
                out,
                &format!("{prefix}.algs"),
                list(p.algs.iter().map(|a| a.to_string())),
                at("algs"),
            )?;
        }
        if !p.aud.is_empty() {
            setting(
                out,
                &format!("{prefix}.aud"),
                list(p.aud.iter().cloned()),
                at("aud"),
            )?;
        }
        if !p.require.is_empty() {
            setting(
                out,
                &format!("{prefix}.require"),
                list(p.require.iter().cloned()),
                at("require"),
            )?;
        }
        if let Some(leeway) = p.leeway {
            setting(
                out,
                &format!("{prefix}.leeway"),
                duration(leeway),
                at("leeway"),
            )?;
        }
        if p.default {
            setting(
                out,
                &format!("{prefix}.default"),
                "true".into(),
                at("default"),
            )?;
        }
        expectations(out, &prefix, &p.expect, at("expect"))?;
        for (name, value) in [("denylist", &p.denylist), ("denylist-key", &p.denylist_key)] {
            if let Some(value) = value {
                setting(
                    out,
                    &format!("{prefix}.{name}"),
                    format!("{value:?}"),
                    at(name),
                )?;
            }
        }
    }
    for (i, t) in file.token_types.iter().enumerate() {
        let at = |field: &str| config.origin(&format!("token-type[{i}].{field}"));
        let prefix = format!("token-type.{:?}", t.name);
        if let Some(typ) = &t.typ {
            setting(out, &format!("{prefix}.typ"), format!("{typ:?}"), at("typ"))?;
        }
        for (claim, value) in &t.matches {
            setting(
                out,
                &format!("{prefix}.match.{claim}"),
                config::toml_to_json(value).to_string(),
                at("match"),
            )?;
        }
        if let Some(max) = t.max_lifetime {
            setting(
                out,
                &format!("{prefix}.max-lifetime"),
                duration(max),
                at("max-lifetime"),
            )?;
        }
        if let Some(value) = t.require_exp {
            setting(
                out,
                &format!("{prefix}.require-exp"),
                value.to_string(),
                at("require-exp"),
            )?;
        }
        if !t.require.is_empty() {
            setting(
                out,
                &format!("{prefix}.require"),
                list(t.require.iter().cloned()),
                at("require"),
            )?;
        }
        if let Some(profile) = t.audit_profile {
            let name = match profile {
                crate::audit::checks::Profile::AccessToken => "access-token",
                crate::audit::checks::Profile::IdToken => "id-token",
            };
            setting(
                out,
                &format!("{prefix}.audit-profile"),
                format!("{name:?}"),
                at("audit-profile"),
            )?;
        }
    }
    Ok(())
}
