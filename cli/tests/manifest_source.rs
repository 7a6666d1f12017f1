//! The manifest's reading of single sources: the forms the fixture crate does not show.

use secretguard_cli::manifest::{Manifest, Source, manifest_source};

fn read(source: &str) -> Manifest {
    let mut manifest = Manifest::default();
    manifest_source("src/lib.rs", source, &mut manifest);
    assert_eq!(manifest.errors, []);
    manifest
}

fn reasons(manifest: &Manifest) -> Vec<(usize, &str)> {
    manifest
        .unresolved
        .iter()
        .map(|u| (u.line, u.reason.as_str()))
        .collect()
}

#[test]
fn an_item_without_a_source_reads_its_upper_snake_name() {
    let manifest = read(
        "#[jwt_secret]\nfn signingKey() -> JwtSecret;\n\
         #[secretguard::jwt_secret(alg = \"HS384\")]\npub static r#oauth2Token: JwtSecret;\n",
    );
    let found: Vec<_> = manifest
        .declarations
        .iter()
        .map(|d| (d.line, d.sources.clone(), d.min_len()))
        .collect();
    assert_eq!(
        found,
        [
            (1, vec![Source::Env("SIGNING_KEY".into())], Some(32)),
            (3, vec![Source::Env("OAUTH2_TOKEN".into())], Some(48)),
        ]
    );
}

#[test]
fn a_literal_call_inside_another_macro_is_read() {
    let manifest = read(
        "macro_rules! keys { () => { [secret!(\"A_KEY\"), secret!(env = \"B_KEY\", min_len = 40)] }; }\n",
    );
    let names: Vec<_> = manifest
        .declarations
        .iter()
        .map(|d| (d.sources[0].text(), d.min_len()))
        .collect();
    assert_eq!(names, [("A_KEY", None), ("B_KEY", Some(40))]);
    assert_eq!(manifest.unresolved, []);
}

#[test]
fn forms_it_cannot_read_are_listed_with_why() {
    let manifest = read(
        "const NAME: &str = \"X\";\n\
         fn f() { let _: String = secret!(NAME); }\n\
         fn g() { let _: String = secret!(env = NAME); }\n\
         #[jwt_secret = \"K\"]\nstatic K: JwtSecret;\n\
         impl S {\n    #[jwt_secret]\n    fn key() -> JwtSecret;\n}\n\
         macro_rules! m { () => { #[jwt_secret] static M: JwtSecret; }; }\n",
    );
    assert_eq!(manifest.declarations, []);
    assert_eq!(
        reasons(&manifest),
        [
            (2, "an identifier where a quoted name or an option belongs"),
            (3, "`env` is not a string literal"),
            (
                4,
                "written `#[jwt_secret = …]`, which the macro does not take"
            ),
            (
                7,
                "on an associated item, not on a module-level `static` or `fn`"
            ),
            (
                10,
                "on an item inside another macro's tokens, known only where it expands"
            ),
        ]
    );
}

#[test]
fn a_source_that_is_a_credential_is_listed_without_it() {
    let key = ["sk_live_", "Zq3C8xN1vT6bW0pL4mK9sR2d"].concat();
    let manifest = read(&format!(
        "fn f() {{ let _: String = secret!(file = \"{key}\"); }}\n"
    ));
    assert_eq!(manifest.declarations, []);
    assert_eq!(
        reasons(&manifest),
        [(
            1,
            "its `file` looks like a secret itself, not a reference to one"
        )]
    );
    assert!(!format!("{manifest:?}").contains(&key));
}

#[test]
fn a_key_sets_previous_key_is_listed_where_it_is_read() {
    use secretguard_cli::manifest::{Previous, env_example, json, kubernetes_secret, table};
    let manifest = read(
        "#[jwt_secret(env = \"JWT_KEYS\", previous, refresh = \"15m\")]\nstatic KEYS: JwtKeySet;\n\
         #[jwt_secret(env = \"OLD_STYLE\", previous = \"OLD_STYLE_BEFORE\", alg = \"HS384\")]\nstatic OLD: JwtKeySet;\n\
         #[jwt_secret(aws = \"prod/jwt#key\", previous)]\nstatic REMOTE: JwtKeySet;\n\
         #[jwt_secret(vault = \"secret/app/jwt#key\", previous)]\nstatic VAULTED: JwtKeySet;\n",
    );
    assert_eq!(manifest.unresolved, []);
    let previous: Vec<_> = manifest
        .declarations
        .iter()
        .map(|d| (d.previous.clone(), d.previous_source(), d.min_len()))
        .collect();
    assert_eq!(
        previous,
        [
            (
                Some(Previous::Store),
                Some(Some(Source::Env("JWT_KEYS_PREVIOUS".into()))),
                Some(32)
            ),
            (
                Some(Previous::Named("OLD_STYLE_BEFORE".into())),
                Some(Some(Source::Env("OLD_STYLE_BEFORE".into()))),
                Some(48)
            ),
            (
                Some(Previous::Store),
                Some(Some(Source::Aws("prod/jwt?stage=AWSPREVIOUS#key".into()))),
                Some(32)
            ),
            (Some(Previous::Store), Some(None), Some(32)),
        ]
    );
    let table = table(&manifest);
    assert!(
        table.contains("env JWT_KEYS; previous env JWT_KEYS_PREVIOUS; refresh 15m"),
        "{table}"
    );
    assert!(
        table.contains("; previous: the Vault version before"),
        "{table}"
    );
    let example = env_example(&manifest);
    assert!(
        example.contains("# JwtKeySet, HS256, at least 32 bytes; the previous key, optional: verifies tokens signed before a rotation\nJWT_KEYS_PREVIOUS=\n"),
        "{example}"
    );
    assert!(example.contains("\nOLD_STYLE_BEFORE=\n"), "{example}");
    let k8s = kubernetes_secret(&manifest, "app");
    assert!(k8s.contains("  JWT_KEYS_PREVIOUS: \"\"\n"), "{k8s}");
    let json: serde_json::Value = serde_json::from_str(&json(&manifest)).unwrap();
    assert_eq!(json["secrets"][0]["refresh"], "15m");
    assert_eq!(
        json["secrets"][0]["previous"]["reference"],
        "JWT_KEYS_PREVIOUS"
    );
    assert_eq!(json["secrets"][3]["previous"]["version"], "before");
}

#[test]
fn a_literal_secret_as_previous_is_not_shown() {
    let manifest = read(
        "#[jwt_secret(env = \"K\", previous = \"ghp_0123456789abcdefghijklmnopqrstuvwxyzAB\")]\nstatic K: JwtKeySet;\n",
    );
    assert_eq!(manifest.declarations, []);
    assert_eq!(
        reasons(&manifest),
        [(
            1,
            "its `previous` looks like a secret itself, not a reference to one"
        )]
    );
    assert!(!format!("{manifest:?}").contains("ghp_"));
}
