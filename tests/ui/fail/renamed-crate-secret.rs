// A renamed dependency: `::secretguard` names another crate here, so a path the
// macro wrote without `crate = sg` would add a second error to the one mistake.
extern crate secretguard as sg;
extern crate std as secretguard;

use sg::{secret, SecretString};

fn main() {
    let _a: SecretString = secret!("lower-case-name", crate = sg);
}
