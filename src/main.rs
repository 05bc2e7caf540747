use clap::Parser;

fn main() {
    let cli = newsdex::cli::Cli::parse();
    let code = match newsdex::cmd::run(cli) {
        Ok(code) => code,
        Err(err) => {
            eprintln!("newsdex: error: {err:#}");
            2
        }
    };
    std::process::exit(code);
}
