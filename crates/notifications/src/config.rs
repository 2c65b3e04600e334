use std::path::PathBuf;

use serde::Deserialize;

/// How email leaves the system.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EmailConfig {
    /// `file` writes one .eml per message into `file_dir`; `smtp` sends.
    pub transport: TransportKind,
    pub from_address: String,
    pub from_name: String,
    pub file_dir: PathBuf,
    pub smtp: SmtpConfig,
    /// Days a finished message keeps its recipient and body (for support);
    /// then only what de-duplication needs is kept.
    #[serde(default = "default_keep_sent_days")]
    pub keep_sent_days: i64,
}

fn default_keep_sent_days() -> i64 {
    30
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TransportKind {
    File,
    Smtp,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SmtpConfig {
    pub host: String,
    pub port: u16,
    /// `none` (plain, for a local relay), `starttls`, or `tls` (implicit, port 465).
    pub tls: TlsMode,
    #[serde(default)]
    pub username: Option<String>,
    #[serde(default)]
    pub password: Option<String>,
    /// Connections kept open and used in parallel.
    pub pool_size: u32,
    pub timeout_seconds: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TlsMode {
    None,
    Starttls,
    Tls,
}
