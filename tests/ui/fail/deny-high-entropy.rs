use secretguard::deny_hardcoded_secrets;

#[deny_hardcoded_secrets]
fn sign(payload: &str) -> String {
    let salt = "c3VwZXJzZWNyZXRrZXkxMjM0NTY3ODkwYWJjZGVmZ2g=";
    format!("{payload}{salt}")
}

fn main() {
    sign("x");
}
