use secretguard::deny_hardcoded_secrets;

#[deny_hardcoded_secrets]
fn secrets() {
    let _key = option_env!("SIGNING_KEY");
    let _version = env!("CARGO_PKG_VERSION");
}

fn main() {
    secrets();
}
