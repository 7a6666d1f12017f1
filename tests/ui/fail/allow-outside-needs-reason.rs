use secretguard::allow_hardcoded_secret;

#[allow_hardcoded_secret]
const FIXTURE_TOKEN: &str = "tok-fixture";

fn main() {
    let _ = FIXTURE_TOKEN;
}
