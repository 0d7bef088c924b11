/// mimalloc instead of the system allocator: a build makes and frees millions of small
/// strings, and glibc's malloc/free were a fifth of its CPU time.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    std::process::exit(zongjie::cli::run());
}
