// A renamed dependency: `::secretguard` names another crate here, so a stub the
// macro left without `crate = sg` would add a second error to the one mistake.
extern crate secretguard as sg;
extern crate std as secretguard;

use sg::{jwt_secret, JwtSecret};

#[jwt_secret(env = "lower-case-name", crate = sg)]
static JWT_SECRET: JwtSecret;

fn main() {
    let _ = &*JWT_SECRET;
}
