//! The `umzug` binary: parses the command line and runs it.

// Conversion allocates many small objects (XML trees); mimalloc handles that far better than the
// system allocator (measured in benches/convert_word.rs).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    umzug::cli::main()
}
