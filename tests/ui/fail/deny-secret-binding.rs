use secretguard::deny_hardcoded_secrets;

#[deny_hardcoded_secrets]
mod db {
    pub const DB_PASSWORD: &str = "Summer2026!";

    pub struct Config {
        pub api_token: String,
    }

    pub fn config() -> Config {
        let mut config = Config { api_token: "tok-7f3a9c2e-prod".to_owned() };
        config.api_token = String::from("tok-rotated-by-hand");
        config
    }
}

fn main() {
    let _ = (db::DB_PASSWORD, db::config().api_token);
}
