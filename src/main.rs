//! The `finctl` binary: everything lives in the library; see `finctl --help`.

fn main() -> std::process::ExitCode {
    finctl::cli::run()
}
