//! Writes the 100 `secret!(vault = …)` sites that the `preflight` bench loads:
//! one function each, never called — `preflight` finds them through the registry.

use std::fmt::Write as _;

fn main() {
    let mut sites = String::new();
    for i in 0..100 {
        writeln!(
            sites,
            "#[allow(dead_code)] fn bench_secret_{i}() -> secretguard::SecretString \
             {{ secretguard::secret!(vault = \"secret/bench/{i}#value\") }}"
        )
        .unwrap();
    }
    let out = std::path::Path::new(&std::env::var("OUT_DIR").unwrap()).join("sites.rs");
    std::fs::write(out, sites).unwrap();
}
