// Through a `macro_rules!` wrapper a secret is refused as if written in place,
// the error at the literal of the wrapper's invocation.
use secretguard::{secret, SecretString};

macro_rules! load_expr {
    ($e:expr) => {
        secret!($e)
    };
}

macro_rules! load_literal {
    ($e:literal) => {
        secret!($e)
    };
}

fn main() {
    let _a: SecretString = load_expr!("AKIAIOSFODNN7EXAMPLE");
    let _b: SecretString = load_literal!("JBSWY3DPEHPK3PXP");
    let _c: SecretString = load_expr!(b"hunter2");
}
