//! `jwtx cache list|clear|dir`: the on-disk cache of documents fetched by `--key URL`
//! and `--oidc` (see `crate::remote::cache`).

use anyhow::{Context, Result};
use serde_json::json;

use crate::cli::{CacheAction, CacheArgs};
use crate::exit::{Exit, UsageError};
use crate::output::{self, JSON_VERSION, Printer, Style};
use crate::remote::{Cache, ago};

pub fn run(args: CacheArgs, out: &mut Printer) -> Result<Exit> {
    let cache = Cache::locate().ok_or_else(|| {
        UsageError("no cache directory is known (no home directory); set JWTX_CACHE_DIR".into())
    })?;
    match args.action {
        CacheAction::Dir => out.line(&cache.dir().display().to_string())?,
        CacheAction::List { json } => list(&cache, json, out)?,
        CacheAction::Clear { urls } => clear(&cache, &urls)?,
    }
    Ok(Exit::Ok)
}

fn list(cache: &Cache, json: bool, out: &mut Printer) -> Result<()> {
    let entries = cache
        .list()
        .with_context(|| format!("reading the key cache in {}", cache.dir().display()))?;
    if entries.is_empty() && !json {
        crate::diag!("jwtx: the key cache is empty ({})", cache.dir().display());
        return Ok(());
    }
    for entry in &entries {
        let age = entry.age();
        let state = if entry.is_fresh() {
            "fresh"
        } else if entry.may_stand_in() {
            "stale"
        } else {
            "expired"
        };
        if json {
            out.json_line(&json!({
                "version": JSON_VERSION,
                "url": entry.url,
                "state": state,
                "fetched": entry.fetched,
                "checked": entry.checked,
                "max_age": entry.max_age,
                "fresh_for": entry.max_age.saturating_sub(age),
                "etag": entry.etag,
                "last_modified": entry.last_modified,
                "bytes": entry.body.len(),
                "file": cache.path_for(&entry.url).display().to_string(),
            }))?;
        } else {
            let style = match state {
                "fresh" => Style::Good,
                "stale" => Style::Warn,
                _ => Style::Faint,
            };
            let freshness = if entry.is_fresh() {
                format!("fresh for {}", ago(entry.max_age - age))
            } else {
                format!("stale for {}", ago(age - entry.max_age))
            };
            out.line(&format!(
                "{}  {}  checked {} ago, {freshness}{}",
                output::paint(out.color, style, &format!("{state:<7}")),
                output::escape(&entry.url),
                ago(age),
                if entry.etag.is_some() || entry.last_modified.is_some() {
                    ", revalidates"
                } else {
                    ""
                }
            ))?;
        }
    }
    Ok(())
}

fn clear(cache: &Cache, urls: &[String]) -> Result<()> {
    let dir = cache.dir().display();
    if urls.is_empty() {
        let removed = cache
            .clear()
            .with_context(|| format!("emptying the key cache in {dir}"))?;
        crate::diag!(
            "jwtx: removed {removed} cached document{} from {dir}",
            if removed == 1 { "" } else { "s" }
        );
        return Ok(());
    }
    for url in urls {
        // The cache is keyed by the URL as jwtx normalises it (`HTTPS://Host` is
        // `https://host/`), so the user may paste it as they typed it.
        let key = url::Url::parse(url).map_or_else(|_| url.clone(), |u| u.to_string());
        if cache
            .remove(&key)
            .with_context(|| format!("removing {url} from the key cache in {dir}"))?
        {
            crate::diag!("jwtx: removed {url}");
        } else {
            crate::diag!("jwtx: {url} was not cached");
        }
    }
    Ok(())
}
