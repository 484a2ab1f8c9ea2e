//! The `crm` binary: wiring only. `serve` runs pending migrations and serves the API and
//! the SPA; `migrate`, `openapi` and `admin` are for operators.

mod bench_jobs;
mod config;
mod seed;

/// glibc's allocator showed as a sixth of the server's CPU time under load (perf, GET by id
/// at 32 connections); mimalloc's per-thread heaps cost far less.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::net::TcpListener;

use anyhow::Context;
use clap::{Parser, Subcommand};
use config::Config;

#[derive(Parser)]
#[command(name = "crm", version, about = "CRM server: JSON API under /api/v1 and the web app")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run pending migrations, then serve the API and the web app.
    Serve {
        #[command(flatten)]
        config: Config,
        /// Address to listen on.
        #[arg(long, env = "CRM_BIND", default_value = "127.0.0.1:8080")]
        bind: String,
        /// Worker threads (default: one per core).
        #[arg(long, env = "CRM_WORKERS")]
        workers: Option<usize>,
        /// Password for the `admin` user created on first start (else a random one is printed).
        #[arg(long, env = "CRM_ADMIN_PASSWORD", hide_env_values = true)]
        admin_password: Option<String>,
        /// Background jobs this server runs at once; 0: it runs none (another server does).
        /// Jobs mostly wait on other servers (SMTP, SMS gateways), so more than the cores.
        #[arg(long, env = "CRM_JOB_WORKERS", default_value_t = 8)]
        job_workers: usize,
        /// Seconds a job this server took stays its own without a renewal: after a crash,
        /// another server takes it over once this has passed.
        #[arg(long, env = "CRM_JOB_LEASE", default_value_t = 300, value_parser = clap::value_parser!(u64).range(1..=86_400))]
        job_lease: u64,
        /// The address people open the app at, for the links in e-mails (default: http:// and
        /// the bind address).
        #[arg(long, env = "CRM_PUBLIC_URL")]
        public_url: Option<String>,
        #[command(flatten)]
        defences: config::Defences,
    },
    /// Run pending migrations and exit.
    Migrate {
        #[command(flatten)]
        config: Config,
    },
    /// Print the OpenAPI document.
    Openapi,
    /// Measure the job queue: enqueue cost and jobs per second with several workers on one
    /// database (bench/jobs.sh).
    #[command(hide = true)]
    BenchJobs {
        #[arg(long, env = "CRM_DATABASE_URL")]
        database_url: String,
        #[arg(long, default_value_t = 20_000)]
        jobs: usize,
        /// Workers, each with its own connection pool, as separate servers.
        #[arg(long, default_value_t = 2)]
        servers: usize,
        /// Jobs each runs at once (`crm serve --job-workers`).
        #[arg(long, default_value_t = 8)]
        concurrency: usize,
    },
    /// Load synthetic customers (with contacts and follow-ups) through the bulk import, for
    /// benchmarks and demos. Owners `bench_owner_0001`… are created when missing.
    Seed {
        #[command(flatten)]
        config: Config,
        /// How many customers to add.
        #[arg(long, default_value_t = 10_000)]
        customers: usize,
        /// Number of the first customer; names and phones derive from it, so reruns with
        /// another start add new customers instead of duplicates.
        #[arg(long, default_value_t = 0)]
        start: usize,
        /// How many owners to spread the customers over.
        #[arg(long, default_value_t = 100)]
        owners: usize,
        /// Password of the owners created.
        #[arg(long, env = "CRM_SEED_PASSWORD", default_value = "Bench-pass-123", hide_env_values = true)]
        owner_password: String,
        /// Password for the `admin` user when the database is new (else a random one is printed).
        #[arg(long, env = "CRM_ADMIN_PASSWORD", hide_env_values = true)]
        admin_password: Option<String>,
    },
    /// Administration.
    Admin {
        #[command(subcommand)]
        command: AdminCommand,
    },
}

#[derive(Subcommand)]
enum AdminCommand {
    /// Set a new password for a user and clear any lockout; prints it when generated.
    ResetPassword {
        username: String,
        /// The new password (at least 8 characters); generated when omitted.
        #[arg(long, env = "CRM_NEW_PASSWORD", hide_env_values = true)]
        password: Option<String>,
        #[command(flatten)]
        config: Config,
    },
}

async fn open(config: &Config) -> anyhow::Result<crm_persistence::Db> {
    let url = config.database_url();
    let db = crm_persistence::db::connect(&url).await.with_context(|| "cannot open the database".to_string())?;
    crm_persistence::db::migrate(&db).await.context("migrations failed")?;
    Ok(db)
}

/// The background jobs (scheduled ones included: pool rules hourly, the daily purge),
/// under a name unique to this process, so that its leases are its own.
fn start_jobs(db: crm_persistence::Db, concurrency: usize, lease_secs: u64, mail: crm_persistence::notifications::email::MailEnv, store: crm_persistence::drive::storage::Store) -> Option<crm_persistence::jobs::Jobs> {
    if concurrency == 0 {
        return None;
    }
    let host = std::env::var("HOSTNAME").unwrap_or_else(|_| "crm".into());
    let node = format!("{host}:{}:{:04x}", std::process::id(), rand::random::<u16>());
    let options = crm_persistence::jobs::WorkerOptions { concurrency, lease: std::time::Duration::from_secs(lease_secs), ..crm_persistence::jobs::WorkerOptions::new(node) };
    Some(crm_persistence::jobs::start(db, crm_persistence::jobs::Registry::standard(mail).with_files(store), options))
}

/// Built-in roles, dictionaries and, on an empty database, the `admin` user.
async fn bootstrap(db: &crm_persistence::Db, admin_password: Option<String>) -> anyhow::Result<()> {
    let boot = crm_persistence::system::bootstrap::run(db, admin_password).await.map_err(|e| anyhow::anyhow!("bootstrap: {e}"))?;
    if let Some(p) = boot.generated_password {
        println!("Created the user 'admin' with the password: {p}");
        println!("(shown once; change it after signing in, or set CRM_ADMIN_PASSWORD before the first start)");
    } else if boot.admin_created {
        println!("Created the user 'admin' with the password from CRM_ADMIN_PASSWORD.");
    }
    Ok(())
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    env_logger::Builder::from_env(env_logger::Env::default().default_filter_or("info,sqlx=warn,sea_orm=warn")).init();
    let cli = Cli::parse();
    match cli.command {
        Command::Serve { config, bind, workers, admin_password, job_workers, job_lease, public_url, defences } => {
            let db = open(&config).await?;
            bootstrap(&db, admin_password).await?;
            let secret = config.jwt_secret()?;
            let mail = crm_persistence::notifications::email::MailEnv {
                secrets: crm_persistence::secret_box::SecretBox::derive(&secret),
                public_url: public_url.unwrap_or_else(|| format!("http://{bind}")),
            };
            let settings = crm_http::state::Settings { files_dir: config.data_dir.join("files"), files_bucket: config.files_bucket().await?, ..defences.settings() };
            let state = crm_http::app_state(db.clone(), &secret, settings);
            let jobs = start_jobs(db, job_workers, job_lease, mail, state.store.clone());
            // Loads the CJK font quote PDFs print with (and says so now if there is none).
            tokio::task::spawn_blocking(crm_http::sales_docs::pdf::check_font);
            // Uploads a crashed server left half-received: a day old is surely no upload in flight.
            let store = state.store.clone();
            tokio::spawn(async move {
                loop {
                    let n = store.sweep(std::time::Duration::from_secs(24 * 3600)).await;
                    if n > 0 {
                        log::info!("removed {n} unfinished upload(s) left by a stopped server");
                    }
                    tokio::time::sleep(std::time::Duration::from_secs(6 * 3600)).await;
                }
            });
            let listener = TcpListener::bind(&bind).with_context(|| format!("cannot listen on {bind}"))?;
            let addr = listener.local_addr()?;
            let workers = workers.unwrap_or_else(|| std::thread::available_parallelism().map(|n| n.get()).unwrap_or(2));
            log::info!("serving on http://{addr}");
            println!("CRM is running on http://{addr}");
            // actix handles SIGTERM and SIGINT itself: it stops accepting and drains; then
            // running jobs finish or are given back.
            crm_http::server(state, listener, workers)?.await?;
            if let Some(jobs) = jobs {
                jobs.stop().await;
            }
            Ok(())
        }
        Command::Migrate { config } => {
            open(&config).await?;
            println!("migrations are up to date");
            Ok(())
        }
        Command::Seed { config, customers, start, owners, owner_password, admin_password } => {
            let db = open(&config).await?;
            bootstrap(&db, admin_password).await?;
            seed::run(&db, start, customers, owners, &owner_password).await
        }
        Command::BenchJobs { database_url, jobs, servers, concurrency } => bench_jobs::run(&database_url, jobs, servers, concurrency).await,
        Command::Openapi => {
            println!("{}", crm_http::openapi::json());
            Ok(())
        }
        Command::Admin { command: AdminCommand::ResetPassword { username, password, config } } => {
            let db = open(&config).await?;
            let generated = password.is_none();
            let p = crm_persistence::system::bootstrap::reset_password(&db, &username, password).await.map_err(|e| anyhow::anyhow!("{e}"))?;
            if generated {
                println!("New password for {username}: {p}");
            } else {
                println!("Password for {username} changed.");
            }
            Ok(())
        }
    }
}
