use secretguard::deny_hardcoded_secrets;

#[deny_hardcoded_secrets]
impl Pool {
    fn connect() -> Pool {
        Pool::open("postgres://app:Xk2pQ9vLm4@db.internal/app")
    }

    fn open(_: &str) -> Pool {
        Pool
    }
}

struct Pool;

fn main() {
    Pool::connect();
}
