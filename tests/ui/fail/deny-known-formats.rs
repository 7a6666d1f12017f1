use secretguard::deny_hardcoded_secrets;

#[deny_hardcoded_secrets]
fn clients() {
    let _aws = ("AKIAU29PC7ZL4HT2DTCB", "q83vEjRWeJCrze8SNFZ4/kKvN7xI0VniQq83vEjR");
    let _github = "ghp_Zq3C8xN1vT6bW0pL4mK9sR2dF5hJ7gY1aE3u";
    let _jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJlc2lnbmF0dXJl";
    let _pem = "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----";
}

fn main() {
    clients();
}
