//! The `parallax` binary: everything it does is `parallax::run`, the command
//! line over the library.

fn main() -> std::process::ExitCode {
    parallax::run()
}
