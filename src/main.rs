//! The `umzug` binary: parses the command line and runs it.

fn main() -> std::process::ExitCode {
    umzug::cli::main()
}
