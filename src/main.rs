fn main() {
    std::process::exit(zongjie::cli::run());
}
