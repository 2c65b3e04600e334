//! The `turnout` binary: serve the site, or migrate the database.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use turnout_web::{Config, admin_cli};

#[derive(Parser)]
#[command(name = "turnout", version, about = "Turnout: events, RSVPs and reminders for a chapter-based organization")]
struct Cli {
    /// A TOML file overriding the embedded defaults (see config/production.example.toml).
    #[arg(long, global = true, env = "TURNOUT_CONFIG")]
    config: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the site (migrates the database first).
    Serve,
    /// Bring the database schema up to date and exit.
    Migrate,
    /// Accounts and roles, for operators.
    #[command(subcommand)]
    Admin(AdminCommand),
}

#[derive(Subcommand)]
enum AdminCommand {
    /// Create an account whose address counts as confirmed.
    CreateUser {
        #[arg(long)]
        email: String,
        #[arg(long)]
        name: String,
        /// Make the account a site admin.
        #[arg(long)]
        site_admin: bool,
        /// Read the password from the first line of standard input.
        #[arg(long, required = true)]
        password_stdin: bool,
    },
    /// Give an account a role in a chapter.
    Grant {
        #[arg(long)]
        email: String,
        #[arg(long)]
        chapter: String,
        /// organizer or member
        #[arg(long)]
        role: String,
    },
    /// Take a role away: an organizer becomes a member; a member leaves the chapter.
    Revoke {
        #[arg(long)]
        email: String,
        #[arg(long)]
        chapter: String,
        /// organizer or member
        #[arg(long)]
        role: String,
    },
    /// The email queue.
    #[command(subcommand)]
    Outbox(OutboxCommand),
}

#[derive(Subcommand)]
enum OutboxCommand {
    /// List messages, oldest first (never their bodies).
    List {
        /// pending, sent, failed, expired, withdrawn or suppressed
        #[arg(long)]
        status: Option<String>,
        /// Only recipients whose address contains this.
        #[arg(long)]
        to: Option<String>,
        #[arg(long, default_value_t = 100)]
        limit: u64,
    },
    /// Put failed messages back in the queue (all of them, or those named).
    Requeue {
        /// Outbox ids; none means every failed message.
        ids: Vec<i64>,
    },
    /// List the addresses that refused mail for good (no reminders go there).
    Suppressed {
        /// Only addresses that contain this.
        #[arg(long)]
        to: Option<String>,
    },
    /// Let reminders and notices go to an address again.
    Unsuppress { address: String },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "info,sqlx=warn,sea_orm=warn,tokio_cron_scheduler=warn".into()),
        )
        .with_target(false)
        .with_writer(std::io::stderr)
        .init();
    let config = match Config::load(cli.config.as_deref()) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("turnout: {e}");
            return ExitCode::from(2);
        }
    };
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(r) => r,
        Err(e) => {
            eprintln!("turnout: cannot start the async runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(cli.command, config)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("turnout: {e:#}");
            ExitCode::FAILURE
        }
    }
}

async fn run(command: Command, config: Config) -> anyhow::Result<()> {
    match command {
        Command::Migrate => {
            if let Some(dir) = config.sqlite_dir() {
                std::fs::create_dir_all(dir)?;
            }
            let db = turnout_persistence::connect(&config.database.url, 1).await?;
            turnout_persistence::migrate(&db).await?;
            println!("turnout: the database schema is up to date");
        }
        Command::Admin(admin) => {
            if let Some(dir) = config.sqlite_dir() {
                std::fs::create_dir_all(dir)?;
            }
            let db = turnout_persistence::connect(&config.database.url, 1).await?;
            turnout_persistence::migrate(&db).await?;
            run_admin(&db, admin).await?;
        }
        Command::Serve => {
            let running = turnout_web::start(config, shutdown_signal()).await?;
            println!("Turnout is running at http://{} (press ctrl-c to stop)", running.addr);
            running.finished.await?;
        }
    }
    Ok(())
}

async fn run_admin(db: &turnout_persistence::Db, command: AdminCommand) -> Result<(), admin_cli::AdminError> {
    match command {
        AdminCommand::CreateUser { email, name, site_admin, password_stdin: _ } => {
            let password = admin_cli::read_password_line(std::io::stdin().lock())?;
            let id = admin_cli::create_user(db, &email, &name, site_admin, password).await?;
            println!("turnout: created account #{id} for {email}{}", if site_admin { " (site admin)" } else { "" });
        }
        AdminCommand::Grant { email, chapter, role } => {
            let role = admin_cli::parse_role(&role)?;
            admin_cli::grant(db, &email, &chapter, role).await?;
            println!(
                "turnout: {email} is now {} of {chapter}",
                if role == turnout_domain::policy::Role::Organizer { "an organizer" } else { "a member" }
            );
        }
        AdminCommand::Outbox(OutboxCommand::List { status, to, limit }) => {
            for line in admin_cli::outbox_lines(db, status.as_deref(), to.as_deref(), limit).await? {
                println!("{line}");
            }
        }
        AdminCommand::Outbox(OutboxCommand::Requeue { ids }) => {
            let n = admin_cli::outbox_requeue(db, &ids).await?;
            println!("turnout: {n} failed message(s) queued again");
        }
        AdminCommand::Outbox(OutboxCommand::Suppressed { to }) => {
            for line in admin_cli::suppressed_lines(db, to.as_deref()).await? {
                println!("{line}");
            }
        }
        AdminCommand::Outbox(OutboxCommand::Unsuppress { address }) => {
            admin_cli::unsuppress(db, &address).await?;
            println!("turnout: reminders and notices may go to {address} again");
        }
        AdminCommand::Revoke { email, chapter, role } => {
            let role = admin_cli::parse_role(&role)?;
            let changed = admin_cli::revoke(db, &email, &chapter, role).await?;
            println!(
                "turnout: {}",
                if changed {
                    format!("revoked {} of {email} in {chapter}", role.as_str())
                } else {
                    format!("{email} had no {} role in {chapter}; nothing changed", role.as_str())
                }
            );
        }
    }
    Ok(())
}

/// Resolves on ctrl-c or SIGTERM.
async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
    tracing::info!("shutting down: finishing requests in flight");
}
