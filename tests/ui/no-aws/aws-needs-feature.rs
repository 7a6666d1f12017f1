use secretguard::{secret, SecretString};

fn main() {
    let _a: SecretString = secret!(aws = "prod/app/db#password");
    let _b: SecretString = secret!(kms = "JWT_SECRET_ENCRYPTED");
}
