use secretguard::deny_hardcoded_secrets;

#[deny_hardcoded_secrets]
struct Credentials {
    user: String,
}

#[deny_hardcoded_secrets(strict)]
fn f() {}

fn main() {
    let _ = Credentials { user: String::new() }.user;
    f();
}
