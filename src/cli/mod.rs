//! The command line: parsing, the default paths, the acting user and each subcommand.
//! Exit codes: 0 success, 1 a check or rule refused the work (or the console has no terminal,
//! or lost it), 2 usage; the console, or a long command (demo, import, backup) stopped by
//! Ctrl-C or SIGTERM: 128 + the signal.

/// `println!` that returns the write's error instead of panicking: a reader that stops early
/// (`finctl settings show | head`) closes the pipe, and [`run`] takes that as a clean end.
macro_rules! outln {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        writeln!(std::io::stdout().lock(), $($arg)*)?
    }};
}

mod checks;
mod completions;
mod console;
mod demo;
mod doctor;
mod export;
mod export_layout;
mod export_report;
mod handoff;
mod import;
mod install;
mod interrupt;
mod locale;
mod logging;
mod man_page;
mod os_user;
mod paths;
mod pdf;
mod progress;
mod settings;

use crate::demo::DemoOptions;
use crate::domain::NumberFormat;
use crate::domain::rights::Role;
use crate::store::Store;
use chrono::{Local, NaiveDate};
use clap::{Parser, Subcommand, ValueEnum};
use install::Install;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, Parser)]
#[command(
    name = "finctl",
    version,
    about = "Keyboard-driven terminal billing console: finance control, invoices, credit notes",
    long_about = "Keyboard-driven terminal billing console for services companies.\n\n\
        Without a command, finctl opens the console on the default database (created on first \
        run) or on --db PATH; --demo uses a demo database beside the default one, filled on \
        first use. The acting user is the operating-system account running finctl.\n\n\
        Exit codes: 0 success, 1 a check or rule refused the work, 2 usage error, 130 (143) a \
        long command stopped by Ctrl-C (SIGTERM), having written nothing."
)]
pub struct Cli {
    /// The database file (default: finctl.db in the platform data directory).
    #[arg(long, global = true, value_name = "PATH")]
    db: Option<PathBuf>,
    /// Open the demo database (demo.db beside the default database), filling it on first use.
    #[arg(long, conflicts_with = "db")]
    demo: bool,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Create a new, empty database at --db PATH (or the default one) and say how to fill it.
    Init,
    /// Fill an empty database with a realistic, deterministic demo company (creating it if
    /// --db names a file that does not exist yet).
    Demo {
        /// How many revenue items to create (1000000 works).
        #[arg(long, default_value_t = 600, value_name = "N")]
        revenue_items: u64,
        /// The seed: the same seed (and --today) gives the same company.
        #[arg(long, default_value_t = 1, value_name = "S")]
        seed: u64,
        /// The day the demo is built around (default: today), from 1972-01-01 to 2098-12-31:
        /// the demo's dates run up to two years either side of it.
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = date_arg)]
        today: Option<NaiveDate>,
    },
    /// Check the database: SQLite integrity, every invariant of the domain and the keyed
    /// chains; with --handoff, also hand-off folders against it.
    Verify {
        /// A hand-off folder to check against the database: every mark against its file
        /// (SHA-256) and journal line, every journal line against the database's documents
        /// and their keyed chain values. May be given more than once.
        #[arg(long, value_name = "DIR")]
        handoff: Vec<PathBuf>,
    },
    /// Say how finctl is installed and who besides finctl can write the database, its log,
    /// its key and its folder (exit 1 when anyone but finctl and root can).
    Doctor,
    /// Copy the database to FILE while others work (one consistent snapshot of what is
    /// committed), then check the copy as `verify` does. FILE must not exist.
    Backup {
        /// The copy to make (a new file in an existing folder).
        #[arg(long, short, value_name = "FILE")]
        output: PathBuf,
    },
    /// Write revenue items, invoices, contract lines, progress statuses, the change history or
    /// the revenue and billing report (screen 6) as CSV, JSON or an Excel workbook (xlsx, which
    /// needs --output); accounts, price lists, projects, milestones, time reports, expenses and
    /// cost rates in the layout `finctl import` reads (CSV or JSON).
    Export {
        #[arg(value_enum)]
        what: export::What,
        #[arg(long, value_enum)]
        format: export::Format,
        /// The file to write (default: standard output).
        #[arg(long, short, value_name = "FILE")]
        output: Option<PathBuf>,
        /// Revenue items in the layout `finctl import revenue-items` reads (the items made by
        /// hand), rather than the report's columns.
        #[arg(long)]
        import_layout: bool,
        /// Only the revenue items or invoices this filter shows, as typed after `/` on screens
        /// 2 and 3: words (name, project, account, invoice number) and terms such as
        /// `status:billable`, `rule:tm`, `date:2026-12`, `amount:>10000`, `kind:credit`
        /// (docs/keys.md, "Filters").
        #[arg(long, value_name = "QUERY")]
        filter: Option<String>,
        /// The change history's choice of rows (`export history`), the report's (`export
        /// report`).
        #[command(flatten)]
        history: export::HistoryArgs,
    },
    /// Import accounts, price lists, projects, milestones, time reports, expenses or revenue
    /// items from CSV, JSON or XLSX files, all or nothing (see docs/import.md).
    #[command(
        after_help = "Kinds: accounts, price-lists, projects, milestones, time-reports, expenses, revenue-items.\n\
            Several kinds in one call: `finctl import accounts a.csv projects p.xlsx`; a kind's \
            name switches the kind, every other word is a file of the kind before it. Kinds are \
            written in that order whatever order they are given in, all in one transaction: any \
            refusal (printed as FILE:LINE: column: message) and nothing is written (exit 1)."
    )]
    Import {
        /// A kind, then its files (.csv, .json, .xlsx); more kinds with their files may follow.
        #[arg(required = true, num_args = 1.., value_name = "KIND FILE...")]
        words: Vec<String>,
        /// A mapping file (TOML) that reads another tool's files: for a call of one kind.
        #[arg(long, value_name = "MAPFILE")]
        map: Option<PathBuf>,
        /// Check and count what would be new, changed, unchanged and refused; write nothing.
        #[arg(long)]
        dry_run: bool,
    },
    /// List users, give one a role (admins only), or set a user's number format.
    #[command(subcommand)]
    User(UserCommand),
    /// Hand confirmed invoices and credit notes to the ERP: one UBL 2.1 (EN 16931) document
    /// each plus a line in journal.csv; each is handed off once.
    Handoff {
        /// The folder to write the documents and journal.csv into.
        #[arg(long, short, value_name = "DIR")]
        output: PathBuf,
        /// Hand off this invoice or credit note again, on purpose.
        #[arg(long, value_name = "NUMBER")]
        again: Option<String>,
    },
    /// Show or change the seller's details printed on invoices and handed off, and the VAT rate
    /// new items, billing plans and contract lines start with (admins change).
    #[command(subcommand)]
    Settings(settings::SettingsCommand),
    /// Write a PDF.
    #[command(subcommand)]
    Pdf(pdf::PdfCommand),
    /// Print the completion script of a shell on standard output (see README.md, "Shell
    /// completions and man page"); opens no database.
    Completions {
        #[arg(value_enum)]
        shell: completions::Shell,
    },
    /// Print finctl's manual page (roff) on standard output; opens no database.
    Man,
}

impl Command {
    /// Whether the command may make the default database (and so its folder) on first use.
    fn makes_the_default(&self) -> bool {
        matches!(self, Command::Init | Command::Demo { .. })
    }
}

#[derive(Debug, Subcommand)]
enum UserCommand {
    /// List the users of the database: name, role and number format, tab-separated.
    List,
    /// Give an operating-system account a role, adding it if new.
    Set {
        name: String,
        #[arg(value_enum)]
        role: RoleArg,
    },
    /// Set how a user reads and types figures: 1,234.56, "1 234,56", 1.234,56 or 1'234.56
    /// (quote the space and the apostrophe for the shell), or `locale` for the format of the
    /// locale finctl runs in (LC_ALL, LC_NUMERIC, LANG). Anyone sets their own; admins anyone's.
    #[command(name = "format")]
    NumberFormat {
        name: String,
        #[arg(value_name = "FORMAT")]
        format: String,
    },
}

/// A date on the command line: read as every typed date is, inside the range finctl keeps.
fn date_arg(text: &str) -> Result<NaiveDate, String> {
    crate::domain::dates::parse(text).map_err(|e| e.0)
}

/// What `finctl user format` sets: a format, or `None` for the locale's.
fn number_format_arg(text: &str) -> Result<Option<NumberFormat>, String> {
    match text.trim() {
        "locale" => Ok(None),
        other => other
            .parse::<NumberFormat>()
            .map(Some)
            .map_err(|e| format!("{}, or locale", e.0)),
    }
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum RoleArg {
    Viewer,
    Manager,
    Finance,
    Admin,
}

impl From<RoleArg> for Role {
    fn from(r: RoleArg) -> Role {
        match r {
            RoleArg::Viewer => Role::Viewer,
            RoleArg::Manager => Role::Manager,
            RoleArg::Finance => Role::Finance,
            RoleArg::Admin => Role::Admin,
        }
    }
}

/// Parses the command line and runs it; returns the process exit code.
pub fn run() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    // Made from the command line alone: before the install is read or the log is opened (which
    // makes its folder), and whatever --db or --demo say.
    if let Some(printed) = generated(cli.command.as_ref()) {
        return match printed {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
            Err(e) => {
                let _ = writeln!(std::io::stderr(), "finctl: cannot write: {e}");
                ExitCode::from(1)
            }
        };
    }
    let install = match install::Install::detect() {
        Ok(i) => i,
        Err(e) => {
            let _ = writeln!(std::io::stderr(), "finctl: {e:#}");
            return ExitCode::from(1);
        }
    };
    let _log = logging::init(install.log_place().ok());
    match execute(cli, &install) {
        Ok(code) => code,
        // A reader that stops early (`| head`) is not an error.
        Err(e) if broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            tracing::error!(error = %e, "command failed");
            // Not eprintln: it panics when standard error is gone (a terminal that hung up).
            let _ = writeln!(std::io::stderr(), "finctl: {e:#}");
            ExitCode::from(1)
        }
    }
}

/// `completions` and `man` printed on standard output, or `None` for every other command.
fn generated(command: Option<&Command>) -> Option<std::io::Result<()>> {
    use clap::CommandFactory;
    let out = &mut std::io::stdout().lock();
    match command? {
        Command::Completions { shell } => Some(completions::write(Cli::command(), *shell, out)),
        Command::Man => Some(man_page::write(Cli::command(), out)),
        _ => None,
    }
}

fn broken_pipe(e: &anyhow::Error) -> bool {
    let pipe = |io: &std::io::Error| io.kind() == std::io::ErrorKind::BrokenPipe;
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>().is_some_and(pipe)
            || matches!(c.downcast_ref::<crate::store::StoreError>(),
                Some(crate::store::StoreError::Io(io)) if pipe(io))
            || c.downcast_ref::<csv::Error>()
                .is_some_and(|e| matches!(e.kind(), csv::ErrorKind::Io(io) if pipe(io)))
    })
}

/// Whether a command may make the database file when it does not exist yet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Create {
    /// Only `init`, `demo`, and the default (or demo) database on first use.
    Allowed,
    /// Everything else: a mistyped `--db` path must never leave an empty database behind.
    Refused,
}

fn open(path: &std::path::Path, create: Create, install: &Install) -> anyhow::Result<Store> {
    refuse_missing(path, create)?;
    let user = os_user::current()?;
    let mut store = Store::open_shared(path, &user, install.sharing())?;
    store.set_locale_numbers(locale::numbers());
    Ok(store)
}

/// Opens a database that must exist for a command that only reads it: read-only, so that it
/// neither waits for another user's change nor writes (the user is not even registered). A
/// database at an older schema is opened to write once, which brings it up to date.
fn open_reading(path: &std::path::Path, install: &Install) -> anyhow::Result<Store> {
    refuse_missing(path, Create::Refused)?;
    let user = os_user::current()?;
    let mut store = match Store::open_read_only(path, &user) {
        Err(crate::store::StoreError::OlderSchema { .. }) => {
            Store::open_shared(path, &user, install.sharing())?
        }
        other => other?,
    };
    store.set_locale_numbers(locale::numbers());
    Ok(store)
}

/// A database that must exist and does not: refused, with the way to make one. An empty file
/// is not one either (the store would take it as new and make a database of it).
fn refuse_missing(path: &std::path::Path, create: Create) -> anyhow::Result<()> {
    if create == Create::Allowed {
        return Ok(());
    }
    match std::fs::metadata(path) {
        Err(_) => anyhow::bail!(
            "{} does not exist: check the path, or create a new database with `finctl init --db {}`",
            path.display(),
            path.display()
        ),
        Ok(m) if m.is_file() && m.len() == 0 => anyhow::bail!(
            "{} is empty, not a finctl database: it was left untouched. Check the path, or remove it and create a new database with `finctl init --db {}`",
            path.display(),
            path.display()
        ),
        Ok(_) => Ok(()),
    }
}

/// Exits with clap's usage error (exit code 2) for `finctl SUBCOMMAND`.
fn usage(subcommand: &str, message: &str) -> ! {
    use clap::CommandFactory;
    let mut cmd = Cli::command();
    let sub = cmd.find_subcommand_mut(subcommand).cloned();
    let mut cmd = sub.unwrap_or(cmd).bin_name(format!("finctl {subcommand}"));
    cmd.error(clap::error::ErrorKind::InvalidValue, message)
        .exit()
}

fn today() -> NaiveDate {
    Local::now().date_naive()
}

fn execute(cli: Cli, install: &Install) -> anyhow::Result<ExitCode> {
    let db = match (&cli.db, cli.demo) {
        (Some(p), _) => install.check_db(p)?,
        (None, true) => install.demo_db()?,
        (None, false) => install.default_db()?,
    };
    if cli.db.is_none() && cli.command.as_ref().is_none_or(Command::makes_the_default) {
        install.prepare_home()?;
    }
    // The default and demo databases are made on first use of the console, `init` or `demo`;
    // a path the user typed is not, nor by a command that only reads or changes a database.
    let given = if cli.db.is_none() && cli.command.as_ref().is_none_or(Command::makes_the_default) {
        Create::Allowed
    } else {
        Create::Refused
    };
    match cli.command {
        None => {
            // A mistyped path is said first; then, before anything is opened or made (the
            // default database on first use), whether there is a terminal to run in.
            refuse_missing(&db, given)?;
            if !console::has_terminal() {
                eprintln!("{}", console::NEEDS_A_TERMINAL);
                return Ok(ExitCode::from(1));
            }
            let mut store = open(&db, given, install)?;
            if cli.demo && store.revenue_item_count()? == 0 {
                let opts = DemoOptions {
                    revenue_items: 600,
                    seed: 1,
                    today: today(),
                };
                crate::demo::fill(&mut store, &opts)?;
            }
            store.optimize()?;
            let ended = console::run(store, std::sync::Arc::new(today))?;
            if ended != console::Ended::Quit {
                tracing::info!(?ended, "the console ended");
            }
            Ok(ended.exit_code())
        }
        Some(Command::Init) => {
            if db.exists() {
                anyhow::bail!(
                    "{} exists already: nothing was changed (open it with `finctl --db {}`)",
                    db.display(),
                    db.display()
                );
            }
            let store = open(&db, Create::Allowed, install)?;
            let user = store.actor();
            outln!(
                "{} created, empty; {} is its first user and admin. Next: `finctl import` \
                 accounts, projects and time from files (see docs/import.md), or open it with \
                 `finctl --db {}`.",
                db.display(),
                user.name,
                db.display()
            );
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Demo {
            revenue_items,
            seed,
            today: day,
        }) => {
            let opts = DemoOptions {
                revenue_items,
                seed,
                today: day.unwrap_or_else(today),
            };
            // Before the file is made: a day the demo cannot be built around leaves nothing.
            crate::demo::check_today(opts.today)?;
            let mut store = open(&db, Create::Allowed, install)?;
            demo::run(&mut store, &db, &opts)
        }
        Some(Command::Verify { handoff }) => {
            let store = open_reading(&db, install)?;
            checks::verify(&store, &db, &handoff)
        }
        Some(Command::Doctor) => doctor::run(install, &db),
        Some(Command::Backup { output }) => {
            install.check_output(&output)?;
            // Read only: a backup never waits for another user's change, nor writes.
            refuse_missing(&db, Create::Refused)?;
            let store = Store::open_read_only(&db, &os_user::current()?)?;
            checks::backup(&store, &db, &output)
        }
        Some(Command::Export {
            what,
            format,
            output,
            import_layout,
            filter,
            history,
        }) => {
            // Before opening: a usage error must not create a database file.
            export::check_usage(
                what,
                format,
                output.as_deref(),
                import_layout,
                filter.as_deref(),
                &history,
            );
            if what == export::What::Report {
                export_report::check_usage(&history);
            }
            if let Some(out) = output.as_deref() {
                install.check_output(out)?;
            }
            let store = open_reading(&db, install)?;
            if what == export::What::Report {
                let filter = filter.as_deref().unwrap_or_default();
                export_report::run(&store, &history, filter, format, output.as_deref())?;
                return Ok(ExitCode::SUCCESS);
            }
            export::run(
                &store,
                what,
                format,
                output.as_deref(),
                import_layout,
                filter.as_deref(),
                &history,
            )?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Import {
            words,
            map,
            dry_run,
        }) => {
            // Usage first: a mistyped call must not open (or wait for) the database.
            let kinds = import::words(&words).unwrap_or_else(|e| usage("import", &e));
            let mut plan = crate::import::Plan::new(kinds, None, dry_run)
                .unwrap_or_else(|e| usage("import", &e));
            if let Some(map) = map.as_deref() {
                match import::mapping(map, &plan) {
                    Ok(m) => plan = plan.with_mapping(m).unwrap_or_else(|e| usage("import", &e)),
                    Err(errors) => {
                        errors.iter().for_each(|e| eprintln!("{e}"));
                        eprintln!("finctl: the mapping is refused: nothing was imported");
                        return Ok(ExitCode::from(1));
                    }
                }
            }
            let mut store = open(&db, given, install)?;
            import::run(&mut store, &plan)
        }
        Some(Command::Handoff { output, again }) => {
            install.check_output(&output)?;
            let mut store = open(&db, given, install)?;
            handoff::run(&mut store, &output, again.as_deref())
        }
        Some(Command::Settings(cmd)) => {
            let mut store = if matches!(cmd, settings::SettingsCommand::Show) {
                open_reading(&db, install)?
            } else {
                open(&db, given, install)?
            };
            settings::run(&mut store, cmd)
        }
        Some(Command::Pdf(cmd)) => {
            let store = open_reading(&db, install)?;
            pdf::run(&store, cmd, &|out| install.check_output(out))
        }
        Some(Command::User(UserCommand::List)) => {
            let store = open_reading(&db, install)?;
            for u in store.users()? {
                let numbers = u.number_format.map_or("locale", NumberFormat::sample);
                outln!("{}\t{}\t{numbers}", u.name, u.role.as_str());
            }
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::User(UserCommand::NumberFormat { name, format })) => {
            // Usage first: a mistyped format must not open (or wait for) the database.
            let format = number_format_arg(&format).unwrap_or_else(|e| usage("user", &e));
            let mut store = open(&db, given, install)?;
            store.set_number_format(&name, format)?;
            match format {
                Some(f) => outln!("{name} reads and types numbers as {f}"),
                None => outln!("{name} reads and types numbers as their locale writes them"),
            }
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Completions { .. } | Command::Man) => {
            unreachable!("printed by `run` before anything is opened")
        }
        Some(Command::User(UserCommand::Set { name, role })) => {
            let mut store = open(&db, given, install)?;
            store.set_role(&name, role.into())?;
            outln!("{name} is now {}", Role::from(role).as_str());
            Ok(ExitCode::SUCCESS)
        }
    }
}
