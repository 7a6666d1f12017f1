use secretguard::deny_hardcoded_secrets;

#[deny_hardcoded_secrets]
fn test_keys() {
    #[allow_hardcoded_secret]
    let _password = "hunter22";
    #[allow_hardcoded_secret(reason = "  ")]
    let _token = "tok-test-only";
}

fn main() {
    test_keys();
}
