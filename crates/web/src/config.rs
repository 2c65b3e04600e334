//! Configuration: the embedded `config/default.toml`, then a file given by
//! `--config` or `TURNOUT_CONFIG`, then `TURNOUT__SECTION__KEY` variables.
//! A bad value stops startup with one line naming the key.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use figment::Figment;
use figment::providers::{Env, Format, Toml};
use serde::Deserialize;
use turnout_domain::client_address::Network;
use turnout_notifications::EmailConfig;

use crate::http::error::Error;

const DEFAULTS: &str = include_str!("../../../config/default.toml");

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    pub server: ServerConfig,
    pub database: DatabaseConfig,
    pub email: EmailConfig,
    pub scheduler: SchedulerConfig,
    pub demo: DemoConfig,
    pub accounts: AccountsConfig,
    pub storage: StorageConfig,
    pub limits: LimitsConfig,
    pub rsvp: RsvpConfig,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RsvpConfig {
    /// Waitlisted people are promoted until this many hours before the start.
    pub promotion_cutoff_hours: i64,
    /// How long a guest's place is held for them to confirm by email, on
    /// events that ask guests to confirm.
    pub guest_hold_hours: i64,
}

/// Abuse limits: how many attempts each key may make per window (see http::limits).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LimitsConfig {
    /// The length of every counting window.
    pub window_seconds: i64,
    pub login_per_address: u32,
    /// Failed logins to one account from one client (or one unlocked browser).
    pub login_failures_per_account: u32,
    pub register_per_address: u32,
    pub reset_per_address: u32,
    pub reset_per_account: u32,
    /// RSVPs from one client to one event.
    pub rsvp_per_address_and_event: u32,
    /// RSVPs from one client to any events: a ceiling far above the first.
    pub rsvp_per_address: u32,
    /// Messages that strangers' actions can send to one address.
    pub mail_per_recipient: u32,
    /// Messages one account can ask for (changes of address).
    pub mail_per_account: u32,
    pub contact_per_address: u32,
    /// Messages to one chapter through its contact form, from anyone.
    pub contact_per_chapter: u32,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StorageConfig {
    pub uploads_dir: PathBuf,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AccountsConfig {
    /// A session unused for this long ends.
    pub session_idle_days: i64,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServerConfig {
    pub bind: SocketAddr,
    pub base_url: String,
    pub request_timeout_seconds: u64,
    /// Proxies (addresses or CIDR networks) whose X-Forwarded-For is believed:
    /// the client is the right-most entry that is not one of them.
    #[serde(default)]
    pub trusted_proxies: Vec<String>,
    /// A new connection must have sent its first request's headers within this.
    pub header_timeout_seconds: u64,
    /// A kept-alive connection with no request for this long is closed.
    pub idle_timeout_seconds: u64,
    /// Open connections at most; more are refused (and logged).
    pub max_connections: usize,
    /// Open connections from one client address at most; 0 for no limit.
    pub max_connections_per_client: usize,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DatabaseConfig {
    pub url: String,
    pub max_connections: u32,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SchedulerConfig {
    pub enabled: bool,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DemoConfig {
    pub seed_when_empty: bool,
}

impl ServerConfig {
    fn proxies(&self) -> Result<Vec<Network>, String> {
        self.trusted_proxies.iter().map(|p| Network::parse(p)).collect()
    }
}

impl Config {
    /// Defaults, then `file` (if any), then the environment.
    pub fn load(file: Option<&Path>) -> Result<Self, Error> {
        let mut figment = Figment::from(Toml::string(DEFAULTS));
        if let Some(path) = file {
            if !path.is_file() {
                return Err(Error::Config(format!("config file {} does not exist", path.display())));
            }
            figment = figment.merge(Toml::file(path));
        }
        figment = figment.merge(Env::prefixed("TURNOUT__").split("__"));
        Self::from_figment(figment)
    }

    /// Defaults overlaid with a TOML text: what the tests use.
    pub fn from_toml_overrides(overrides: &[&str]) -> Result<Self, Error> {
        let mut figment = Figment::from(Toml::string(DEFAULTS));
        for text in overrides {
            figment = figment.merge(Toml::string(text));
        }
        Self::from_figment(figment)
    }

    fn from_figment(figment: Figment) -> Result<Self, Error> {
        let config: Config = figment.extract().map_err(|e| {
            let e = e.into_iter().next().expect("a figment error has at least one cause");
            let key = if e.path.is_empty() { "(top level)".to_owned() } else { e.path.join(".") };
            let source = match e.metadata.as_ref() {
                Some(m) if m.name.contains("environment") => {
                    format!(" (from the environment variable TURNOUT__{})", e.path.join("__").to_uppercase())
                }
                Some(m) => format!(" (from {})", m.source.as_ref().map(|s| s.to_string()).unwrap_or_else(|| m.name.to_string())),
                None => String::new(),
            };
            Error::Config(format!("{key}: {}{source}", e.kind))
        })?;
        config.validate()?;
        Ok(config)
    }

    fn validate(&self) -> Result<(), Error> {
        let bad = |key: &str, why: String| Err(Error::Config(format!("{key}: {why}")));
        let base = &self.server.base_url;
        if !(base.starts_with("http://") || base.starts_with("https://")) || base.len() < 10 {
            return bad("server.base_url", format!("must be an http:// or https:// address, got {base:?}"));
        }
        let url = &self.database.url;
        if !(url.starts_with("sqlite:") || url.starts_with("postgres://") || url.starts_with("postgresql://")) {
            return bad("database.url", format!("must start with sqlite: or postgres://, got {url:?}"));
        }
        let server = &self.server;
        if server.header_timeout_seconds == 0 || server.idle_timeout_seconds == 0 {
            return bad("server.header_timeout_seconds", "timeouts must be at least 1 second".to_owned());
        }
        if server.max_connections == 0 {
            return bad("server.max_connections", "must be at least 1".to_owned());
        }
        if self.database.max_connections == 0 {
            return bad("database.max_connections", "must be at least 1".to_owned());
        }
        if let Err(why) = self.server.proxies() {
            return bad("server.trusted_proxies", why);
        }
        if !self.email.from_address.contains('@') {
            return bad("email.from_address", format!("must be an email address, got {:?}", self.email.from_address));
        }
        Ok(())
    }

    /// The trusted proxies, parsed.
    pub fn proxy_networks(&self) -> Vec<Network> {
        self.server.proxies().unwrap_or_default()
    }

    /// Time limits and caps for connections.
    pub fn connection_limits(&self) -> crate::http::server::ConnectionLimits {
        let s = &self.server;
        crate::http::server::ConnectionLimits {
            header_timeout: std::time::Duration::from_secs(s.header_timeout_seconds),
            idle_timeout: std::time::Duration::from_secs(s.idle_timeout_seconds),
            max_connections: s.max_connections,
            // Behind a proxy every connection comes from the proxy, which limits clients itself.
            max_per_client: if !s.trusted_proxies.is_empty() { 0 } else { s.max_connections_per_client },
        }
    }

    /// What still holds an out-of-the-box value that real mail must not
    /// carry: mail from `turnout@localhost` (Message-IDs `@localhost`) is
    /// refused or filtered by large providers, and links to 127.0.0.1 lead
    /// nowhere. Empty unless email goes out by SMTP.
    pub fn mail_setting_warning(&self) -> Option<String> {
        if self.email.transport != turnout_notifications::config::TransportKind::Smtp {
            return None;
        }
        let host = |s: &str| s.split("://").nth(1).unwrap_or(s).split(['/', ':']).next().unwrap_or_default().to_ascii_lowercase();
        let local = |h: &str| h == "localhost" || h.ends_with(".localhost") || h.starts_with("127.") || h == "[::1]";
        let mut unset = Vec::new();
        if local(&host(self.email.from_address.rsplit('@').next().unwrap_or_default())) {
            unset.push(format!("email.from_address is {:?} (set an address of your domain)", self.email.from_address));
        }
        if local(&host(&self.server.base_url)) {
            unset.push(format!("server.base_url is {:?} (set the address people use to reach this site)", self.server.base_url));
        }
        (!unset.is_empty()).then(|| format!("email goes out by SMTP but {}: see the README's \"Sending real email\"", unset.join(" and ")))
    }

    /// Whether pages are served over https (then cookies are marked Secure).
    pub fn is_https(&self) -> bool {
        self.server.base_url.starts_with("https://")
    }

    /// The folder a SQLite database file lives in, so it can be created.
    pub fn sqlite_dir(&self) -> Option<PathBuf> {
        let rest = self.database.url.strip_prefix("sqlite://").or_else(|| self.database.url.strip_prefix("sqlite:"))?;
        let path = rest.split('?').next().unwrap_or_default();
        if path.is_empty() || path == ":memory:" {
            return None;
        }
        Path::new(path).parent().map(Path::to_path_buf)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_defaults_load() {
        let c = Config::from_toml_overrides(&[]).unwrap();
        assert_eq!(c.server.bind.port(), 8080);
        assert_eq!(c.sqlite_dir(), Some(PathBuf::from("data")));
    }

    #[test]
    fn a_bad_value_names_its_key() {
        let e = Config::from_toml_overrides(&["[server]\nbind = \"not an address\""]).unwrap_err().to_string();
        assert!(e.contains("server.bind"), "{e}");
        let e = Config::from_toml_overrides(&["[email]\ntransport = \"pigeon\""]).unwrap_err().to_string();
        assert!(e.contains("email.transport"), "{e}");
        let e = Config::from_toml_overrides(&["[server]\nbase_url = \"ftp://x.org\""]).unwrap_err().to_string();
        assert!(e.contains("server.base_url"), "{e}");
        let e = Config::from_toml_overrides(&["[server]\ntrusted_proxies = [\"10.0.0.0/40\"]"]).unwrap_err().to_string();
        assert!(e.contains("server.trusted_proxies"), "{e}");
        let e = Config::from_toml_overrides(&["[server]\nbnid = 1"]).unwrap_err().to_string();
        assert!(e.contains("bnid"), "{e}");
    }
}
