//! Settings: flags and environment (handled by clap) over a TOML config file over
//! defaults.

use std::path::{Path, PathBuf};

use anyhow::Context;
use serde::Deserialize;

use crate::DbArgs;

/// The optional config file; every key is optional.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileConfig {
    data_dir: Option<PathBuf>,
    database_url: Option<String>,
    port: Option<u16>,
    bind: Option<String>,
    cookie_secure: Option<bool>,
    trust_proxy: Option<bool>,
    trusted_proxy_hops: Option<usize>,
    base_url: Option<String>,
    default_region: Option<String>,
    max_body_bytes: Option<usize>,
}

#[derive(Debug, Clone)]
pub struct Settings {
    pub data_dir: PathBuf,
    pub database_url: Option<String>,
    pub port: u16,
    pub bind: String,
    pub cookie_secure: bool,
    pub trust_proxy: bool,
    pub trusted_proxy_hops: usize,
    pub base_url: Option<String>,
    pub default_region: Option<String>,
    pub max_body_bytes: usize,
}

impl Settings {
    pub fn resolve(db: &DbArgs) -> anyhow::Result<Settings> {
        let path = db.config.clone().or_else(|| {
            let p = Path::new("erabareru.toml");
            p.exists().then(|| p.to_path_buf())
        });
        let file: FileConfig = match &path {
            Some(p) => toml::from_str(
                &std::fs::read_to_string(p).with_context(|| format!("reading {}", p.display()))?,
            )
            .with_context(|| format!("parsing {}", p.display()))?,
            None => FileConfig::default(),
        };
        let defaults = web::Config::default();
        anyhow::ensure!(
            file.trusted_proxy_hops != Some(0),
            "trusted_proxy_hops must be at least 1 (the proxy in front of the server)"
        );
        Ok(Settings {
            data_dir: db
                .data_dir
                .clone()
                .or(file.data_dir)
                .unwrap_or_else(|| PathBuf::from("./data")),
            database_url: db.database_url.clone().or(file.database_url),
            port: file.port.unwrap_or(8080),
            bind: file.bind.unwrap_or_else(|| "127.0.0.1".into()),
            cookie_secure: file.cookie_secure.unwrap_or(false),
            trust_proxy: file.trust_proxy.unwrap_or(false),
            trusted_proxy_hops: file
                .trusted_proxy_hops
                .unwrap_or(defaults.trusted_proxy_hops),
            base_url: file.base_url,
            default_region: file.default_region,
            max_body_bytes: file.max_body_bytes.unwrap_or(defaults.max_body_bytes),
        })
    }

    pub fn database_url(&self) -> String {
        self.database_url
            .clone()
            .filter(|u| !u.is_empty())
            .unwrap_or_else(|| store::default_sqlite_url(&self.data_dir))
    }

    pub fn web_config(&self) -> web::Config {
        web::Config {
            cookie_secure: self.cookie_secure,
            trust_proxy: self.trust_proxy,
            trusted_proxy_hops: self.trusted_proxy_hops,
            max_body_bytes: self.max_body_bytes,
            default_region: self.default_region.clone(),
            base_url: self.base_url.clone(),
            ..web::Config::default()
        }
    }
}
