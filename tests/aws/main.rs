//! AWS Secrets Manager and KMS against a real AWS-API emulator (moto, started
//! by `scripts/aws-dev.sh start`, whose `SG_TEST_AWS_*` variables point here).
//! Each case runs a child copy of this binary; the SDK in the child talks to
//! the emulator through the standard `AWS_ENDPOINT_URL` override with dummy
//! credentials, and the tests' own KMS encryption goes through boto3.
#![cfg(feature = "aws")]

#[path = "../support/mod.rs"]
mod support;
// the UI test's accepted AWS forms, compiled here where the SDK is built
// anyway (see tests/ui.rs); their `main` is empty, so compiling is the test
#[rustfmt::skip]
#[path = "../ui/aws-pass/aws-forms.rs"]
mod aws_forms;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use secretguard::{
    ExposeSecret, JwtSecret, SecretBytes, SecretString, jwt_secret, secret, try_secret,
};
use support::proxy::{Action, Proxy};
use support::{Child, child_case, run, server, temp_dir};

const DUMMY_SECRET_KEY: &str = "dummy-secret-access-key-for-moto";

struct Emulator {
    endpoint: String,
    key_id: String,
    jwt: String,
    binary_b64: String,
    db_password: String,
    rotated_old: String,
    python: String,
}

fn emulator() -> Option<Emulator> {
    let get = |name: &str| server::var("AWS", name);
    match (get("ENDPOINT"), get("KEY_ID")) {
        (Some(endpoint), Some(key_id)) => Some(Emulator {
            endpoint,
            key_id,
            jwt: get("JWT").unwrap_or_default(),
            binary_b64: get("BINARY_B64").unwrap_or_default(),
            db_password: get("DB_PASSWORD").unwrap_or_default(),
            rotated_old: get("ROTATED_OLD").unwrap_or_default(),
            python: get("PYTHON").unwrap_or_else(|| "python3".to_owned()),
        }),
        _ => server::missing("the AWS emulator", "aws-dev.sh"),
    }
}

impl Emulator {
    /// The child's AWS environment: the emulator, dummy credentials, no instance metadata.
    fn vars<'a>(&'a self, extra: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
        let mut vars = vec![
            ("AWS_ENDPOINT_URL", self.endpoint.as_str()),
            ("AWS_REGION", "us-east-1"),
            ("AWS_ACCESS_KEY_ID", "AKIAIOSFODNN7TESTING"),
            ("AWS_SECRET_ACCESS_KEY", DUMMY_SECRET_KEY),
            ("AWS_EC2_METADATA_DISABLED", "true"),
            ("AWS_CONFIG_FILE", "/nonexistent/aws-config"),
            (
                "AWS_SHARED_CREDENTIALS_FILE",
                "/nonexistent/aws-credentials",
            ),
        ];
        vars.extend_from_slice(extra);
        vars
    }

    fn assert_nothing_leaks(&self, child: &Child, extra: &[&str]) {
        child.assert_hidden(&[
            &self.jwt,
            &self.db_password,
            &self.rotated_old,
            DUMMY_SECRET_KEY,
        ]);
        child.assert_hidden(extra);
    }

    /// KMS `Encrypt` with the emulator's key, through an AWS SDK (boto3, from
    /// the emulator's venv) with the endpoint override and dummy credentials;
    /// returns the base64 ciphertext blob.
    fn encrypt(&self, plaintext: &[u8], context: &[(&str, &str)]) -> String {
        let context: Vec<String> = context
            .iter()
            .map(|(k, v)| format!("{k:?}: {v:?}"))
            .collect();
        let script = format!(
            "import base64, boto3, sys\n\
             kms = boto3.client('kms', endpoint_url={endpoint:?}, region_name='us-east-1',\n\
                 aws_access_key_id='testing', aws_secret_access_key='testing')\n\
             blob = kms.encrypt(KeyId={key:?}, Plaintext=bytes.fromhex(sys.argv[1]),\n\
                 EncryptionContext={{{context}}})['CiphertextBlob']\n\
             print(base64.b64encode(blob).decode())",
            endpoint = self.endpoint,
            key = self.key_id,
            context = context.join(", ")
        );
        let output = std::process::Command::new(&self.python)
            .args(["-c", &script, &hex(plaintext)])
            .output()
            .expect("run boto3 from the emulator's venv");
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8(output.stdout).unwrap().trim().to_owned()
    }
}

impl Emulator {
    /// (Re)creates the secret `name` holding `versions[0]`, then puts each
    /// later value, as a rotation does: each put moves `AWSCURRENT` to the
    /// new version and `AWSPREVIOUS` to the one before. Values go through
    /// stdin, never the command line.
    fn put_versions(&self, name: &str, versions: &[&str]) {
        let script = format!(
            "import boto3, sys\n\
             sm = boto3.client('secretsmanager', endpoint_url={endpoint:?}, region_name='us-east-1',\n\
                 aws_access_key_id='testing', aws_secret_access_key='testing')\n\
             names = [s['Name'] for s in sm.list_secrets()['SecretList']]\n\
             if {name:?} in names: sm.delete_secret(SecretId={name:?}, ForceDeleteWithoutRecovery=True)\n\
             values = sys.stdin.read().split('\\n')\n\
             sm.create_secret(Name={name:?}, SecretString=values[0])\n\
             for value in values[1:]: sm.put_secret_value(SecretId={name:?}, SecretString=value)",
            endpoint = self.endpoint,
        );
        let mut child = std::process::Command::new(&self.python)
            .args(["-c", &script])
            .stdin(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("run boto3 from the emulator's venv");
        std::io::Write::write_all(
            &mut child.stdin.take().unwrap(),
            versions.join("\n").as_bytes(),
        )
        .unwrap();
        let output = child.wait_with_output().unwrap();
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
}

/// A random 40-character key (base64url of 30 random bytes).
fn random_key() -> String {
    let mut bytes = [0u8; 30];
    getrandom::fill(&mut bytes).unwrap();
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

// ---- Secrets Manager ------------------------------------------------------------------

child_case!(child_secrets_manager, {
    #[jwt_secret(aws = "secretguard/test/jwt")]
    static JWT_SECRET: JwtSecret;
    let binary: SecretBytes = secret!(aws = "secretguard/test/binary");
    let password: SecretString = secret!(aws = "secretguard/test/db#password");
    let old: SecretString = secret!(aws = "secretguard/test/rotated?stage=AWSPREVIOUS");
    let expect = |name: &str, got: &[u8]| std::env::var(name).is_ok_and(|v| v.as_bytes() == got);
    println!("string: {} bytes", JWT_SECRET.expose_secret().len());
    println!("binary: {} bytes", binary.expose_secret().len());
    println!(
        "json key matches: {}",
        expect("SG_EXPECT_PASSWORD", password.expose_secret().as_bytes())
    );
    println!(
        "previous stage matches: {}",
        expect("SG_EXPECT_OLD", old.expose_secret().as_bytes())
    );
});

#[test]
fn string_binary_json_key_and_stage() {
    let Some(e) = emulator() else { return };
    let vars = e.vars(&[
        ("SG_EXPECT_PASSWORD", &e.db_password),
        ("SG_EXPECT_OLD", &e.rotated_old),
    ]);
    let child = run("child_secrets_manager", &vars, temp_dir().path());
    child.assert_ok();
    child.assert_stdout(&format!("string: {} bytes", e.jwt.len()));
    child.assert_stdout("binary: 48 bytes");
    child.assert_stdout("json key matches: true");
    child.assert_stdout("previous stage matches: true");
    e.assert_nothing_leaks(&child, &[&e.binary_b64]);
}

child_case!(child_sm_errors, {
    let missing: Result<SecretString, secretguard::Error> =
        try_secret!(aws = "secretguard/test/none");
    println!("missing: {}", missing.unwrap_err());
    let key: Result<SecretString, secretguard::Error> =
        try_secret!(aws = "secretguard/test/db#pass");
    println!("missing key: {}", key.unwrap_err());
});

#[test]
fn missing_secrets_and_keys_are_named_without_values() {
    let Some(e) = emulator() else { return };
    let child = run("child_sm_errors", &e.vars(&[]), temp_dir().path());
    child.assert_ok();
    child.assert_stdout("secret secretguard/test/none is not set");
    child.assert_stdout(&format!(
        "aws secretsmanager secretguard/test/none (region us-east-1, {}): not found",
        e.endpoint
    ));
    child.assert_stdout("has no field `pass`; it has: password, username");
    e.assert_nothing_leaks(&child, &[]);
}

// ---- key sets: bare `previous` is the `AWSPREVIOUS` stage ---------------------------------

#[cfg(feature = "jsonwebtoken")]
child_case!(child_key_set_previous_stage, {
    use secretguard::{JwtKey, JwtKeySet, LazySecret};

    #[jwt_secret(aws = "secretguard/test/keyset", previous)]
    static KEYS: JwtKeySet;
    #[jwt_secret(aws = "secretguard/test/keyset-single", previous)]
    static SINGLE: JwtKeySet;

    let var = |name: &str| std::env::var(name).unwrap();
    let (k1, k2) = (var("SG_EXPECT_K1"), var("SG_EXPECT_K2"));
    let kid_of = |key: &str| {
        JwtKey::new(JwtSecret::new(key.as_bytes().to_vec(), secretguard::Algorithm::HS256).unwrap())
            .kid()
            .to_owned()
    };
    let claims = serde_json::json!({ "sub": "ada", "exp": 4_102_444_800u64 });

    let keys = LazySecret::try_force(&KEYS).expect("both stages load");
    let previous = keys.previous().expect("AWSPREVIOUS is read");
    println!(
        "current is K2: {}",
        keys.current().secret().expose_secret() == k2.as_bytes()
    );
    println!(
        "previous is K1: {}",
        previous.secret().expose_secret() == k1.as_bytes()
    );
    // new tokens are signed with K2 and name K2's kid
    let token = keys
        .encode(&jsonwebtoken::Header::default(), &claims)
        .unwrap();
    let header = jsonwebtoken::decode_header(&token).unwrap();
    println!("signed with K2's kid: {}", header.kid == Some(kid_of(&k2)));
    let k2_alone = jsonwebtoken::DecodingKey::from_secret(k2.as_bytes());
    println!(
        "K2 verifies it: {}",
        jsonwebtoken::decode::<serde_json::Value>(&token, &k2_alone, &keys.validation()).is_ok()
    );
    // a token K1 signed before the rotation still verifies
    let mut old_header = jsonwebtoken::Header::new(jsonwebtoken::Algorithm::HS256);
    old_header.kid = Some(kid_of(&k1));
    let old = jsonwebtoken::encode(
        &old_header,
        &claims,
        &jsonwebtoken::EncodingKey::from_secret(k1.as_bytes()),
    )
    .unwrap();
    println!(
        "K1's token verifies: {}",
        keys.decode::<serde_json::Value>(&old, &keys.validation())
            .is_ok()
    );

    // one version, no AWSPREVIOUS: a one-key set, not an error
    match LazySecret::try_force(&SINGLE) {
        Ok(single) => println!(
            "single: {} key(s), current is K3: {}",
            single.keys().count(),
            single.current().secret().expose_secret() == var("SG_EXPECT_K3").as_bytes()
        ),
        Err(e) => println!("single: {e}"),
    }
});

#[cfg(feature = "jsonwebtoken")]
#[test]
fn a_key_set_reads_the_previous_key_at_stage_awsprevious() {
    let Some(e) = emulator() else { return };
    let (k1, k2, k3) = (random_key(), random_key(), random_key());
    e.put_versions("secretguard/test/keyset", &[&k1, &k2]);
    e.put_versions("secretguard/test/keyset-single", &[&k3]);
    let vars = e.vars(&[
        ("SG_EXPECT_K1", &k1),
        ("SG_EXPECT_K2", &k2),
        ("SG_EXPECT_K3", &k3),
    ]);
    let child = run("child_key_set_previous_stage", &vars, temp_dir().path());
    child.assert_ok();
    child.assert_stdout("current is K2: true");
    child.assert_stdout("previous is K1: true");
    child.assert_stdout("signed with K2's kid: true");
    child.assert_stdout("K2 verifies it: true");
    child.assert_stdout("K1's token verifies: true");
    child.assert_stdout("single: 1 key(s), current is K3: true");
    e.assert_nothing_leaks(&child, &[&k1, &k2, &k3]);
}

// ---- KMS ----------------------------------------------------------------------------------

child_case!(child_kms, {
    let key: SecretBytes = secret!(kms = "SG_CIPHERTEXT");
    let matches = std::env::var("SG_EXPECT_HEX").is_ok_and(|v| v == hex(key.expose_secret()));
    println!(
        "kms: {} bytes, matches: {matches}",
        key.expose_secret().len()
    );
});

#[test]
fn kms_envelope_round_trip() {
    let Some(e) = emulator() else { return };
    let mut plaintext = [0u8; 32];
    getrandom::fill(&mut plaintext).unwrap();
    let ciphertext = e.encrypt(&plaintext, &[]);
    let expect = hex(&plaintext);
    let child = run(
        "child_kms",
        &e.vars(&[("SG_CIPHERTEXT", &ciphertext), ("SG_EXPECT_HEX", &expect)]),
        temp_dir().path(),
    );
    child.assert_ok();
    child.assert_stdout("kms: 32 bytes, matches: true");
    e.assert_nothing_leaks(&child, &[&expect]);
}

child_case!(child_kms_options, {
    let with_context: Result<SecretBytes, secretguard::Error> =
        try_secret!(kms = "SG_CIPHERTEXT?purpose=jwt");
    println!(
        "with context: {}",
        with_context
            .map(|k| k.expose_secret().len())
            .map_err(|e| e.to_string())
            .unwrap_or(0)
    );
    let wrong_key: Result<SecretBytes, secretguard::Error> =
        try_secret!(kms = "SG_FOREIGN?purpose=jwt");
    println!(
        "wrong key: {}",
        wrong_key
            .map(|_| "decrypted".to_owned())
            .unwrap_or_else(|e| e.to_string())
    );
    let no_context: Result<SecretBytes, secretguard::Error> = try_secret!(kms = "SG_CIPHERTEXT");
    println!(
        "no context: {}",
        no_context
            .map(|_| "decrypted".to_owned())
            .unwrap_or_else(|e| e.to_string())
    );
    let garbage: Result<SecretBytes, secretguard::Error> = try_secret!(kms = "SG_GARBAGE");
    println!("garbage: {}", garbage.unwrap_err());
});

#[test]
fn kms_encryption_context_wrong_key_and_bad_ciphertext() {
    let Some(e) = emulator() else { return };
    let mut plaintext = [0u8; 32];
    getrandom::fill(&mut plaintext).unwrap();
    let ciphertext = e.encrypt(&plaintext, &[("purpose", "jwt")]);
    // the same ciphertext, claiming a key this account does not have
    let mut foreign = STANDARD.decode(&ciphertext).unwrap();
    foreign[..36].copy_from_slice(b"00000000-0000-4000-8000-000000000000");
    let foreign = STANDARD.encode(&foreign);
    let vars = e.vars(&[
        ("SG_CIPHERTEXT", &ciphertext),
        ("SG_FOREIGN", &foreign),
        ("SG_GARBAGE", "this is not base64!"),
    ]);
    let child = run("child_kms_options", &vars, temp_dir().path());
    child.assert_ok();
    child.assert_stdout("with context: 32");
    child.assert_stdout(
        "secret SG_GARBAGE is not valid base64: SG_GARBAGE must hold base64 KMS ciphertext",
    );
    child.assert_stdout("wrong key: secret SG_FOREIGN was refused: KMS Decrypt of SG_FOREIGN: AccessDeniedException");
    child.assert_stdout("no context: secret SG_CIPHERTEXT could not be loaded: KMS Decrypt of SG_CIPHERTEXT: decryption failed (InvalidCiphertextException)");
    e.assert_nothing_leaks(&child, &[&hex(&plaintext)]);
}

child_case!(child_kms_reference_in_the_variable, {
    let expect = std::env::var("SG_EXPECT_HEX").unwrap();
    for (what, loaded) in [
        ("awskms", try_secret!(kms = "SG_KMS_REF")),
        (
            "awskms with context",
            try_secret!(kms = "SG_KMS_REF_CTX?purpose=jwt"),
        ),
        ("file", try_secret!(kms = "SG_FILE_REF")),
    ] {
        let loaded: Result<SecretBytes, secretguard::Error> = loaded;
        match loaded {
            Ok(key) => println!("{what}: matches {}", hex(key.expose_secret()) == expect),
            Err(e) => println!("{what}: {e}"),
        }
    }
});

#[test]
fn kms_of_a_variable_holding_a_reference_decrypts_its_ciphertext_once() {
    let Some(e) = emulator() else { return };
    let mut plaintext = [0u8; 32];
    getrandom::fill(&mut plaintext).unwrap();
    let ciphertext = e.encrypt(&plaintext, &[]);
    let with_context = e.encrypt(&plaintext, &[("purpose", "jwt")]);
    let dir = temp_dir();
    let file = dir.path().join("ciphertext");
    std::fs::write(&file, format!("{ciphertext}\n")).unwrap();
    let (kms_ref, kms_ref_ctx) = (
        format!("awskms://{ciphertext}"),
        format!("awskms://{with_context}"),
    );
    let file_ref = format!("file://{}", file.display());
    let expect = hex(&plaintext);
    let vars = e.vars(&[
        ("SG_KMS_REF", &kms_ref),
        ("SG_KMS_REF_CTX", &kms_ref_ctx),
        ("SG_FILE_REF", &file_ref),
        ("SG_EXPECT_HEX", &expect),
    ]);
    let child = run("child_kms_reference_in_the_variable", &vars, dir.path());
    child.assert_ok();
    child.assert_stdout("awskms: matches true");
    child.assert_stdout("awskms with context: matches true");
    child.assert_stdout("file: matches true");
    e.assert_nothing_leaks(&child, &[&expect]);
}

// ---- references, failures, async callers ------------------------------------------------

child_case!(child_references, {
    let password: SecretString = secret!("SG_DB_REF");
    let key: SecretBytes = secret!("SG_KEY_REF");
    println!(
        "awssm: {} bytes; awskms: {} bytes",
        password.expose_secret().len(),
        key.expose_secret().len()
    );
});

#[test]
fn awssm_and_awskms_references_in_env_values() {
    let Some(e) = emulator() else { return };
    let ciphertext = e.encrypt(&[7u8; 32], &[]);
    let kms_ref = format!("awskms://{ciphertext}");
    let vars = e.vars(&[
        ("SG_DB_REF", "awssm://secretguard/test/db#password"),
        ("SG_KEY_REF", &kms_ref),
    ]);
    let child = run("child_references", &vars, temp_dir().path());
    child.assert_ok();
    child.assert_stdout(&format!(
        "awssm: {} bytes; awskms: 32 bytes",
        e.db_password.len()
    ));
}

child_case!(child_one_secret, {
    let key: JwtSecret = secret!(aws = "secretguard/test/jwt");
    println!("loaded {} bytes", key.expose_secret().len());
});

#[test]
fn an_emulator_that_is_down_is_unreachable() {
    let Some(e) = emulator() else { return };
    let endpoint = server::dead_addr();
    let mut vars = e.vars(&[("AWS_MAX_ATTEMPTS", "2")]);
    vars[0].1 = &endpoint;
    let child = run("child_one_secret", &vars, temp_dir().path());
    child.assert_failed_with("endpoint unreachable");
    child.assert_stderr(&format!("region us-east-1, {endpoint}"));
    e.assert_nothing_leaks(&child, &[]);
}

#[test]
fn throttling_is_reported_after_the_sdk_retries() {
    let Some(e) = emulator() else { return };
    let throttle = r#"{"__type":"ThrottlingException","message":"Rate exceeded"}"#;
    let proxy = Proxy::start(&e.endpoint, move |_, _| Action::RespondWith(400, throttle));
    let mut vars = e.vars(&[("AWS_MAX_ATTEMPTS", "3"), ("AWS_RETRY_MODE", "standard")]);
    vars[0].1 = &proxy.addr;
    let child = run("child_one_secret", &vars, temp_dir().path());
    child.assert_failed_with("GetSecretValue of secretguard/test/jwt: throttled (ThrottlingException) after the SDK's retries");
    assert_eq!(proxy.seen().len(), 3, "the SDK's own retries");
}

#[test]
fn no_credentials_is_said_plainly() {
    let Some(e) = emulator() else { return };
    let vars: Vec<(&str, &str)> = e
        .vars(&[])
        .into_iter()
        .filter(|(k, _)| !k.starts_with("AWS_ACCESS") && !k.starts_with("AWS_SECRET"))
        .collect();
    let child = run("child_one_secret", &vars, temp_dir().path());
    child.assert_failed_with("no AWS credentials");
}

child_case!(child_in_tokio, {
    let len = support::in_tokio(async {
        let key: JwtSecret = secret!(aws = "secretguard/test/jwt");
        key.expose_secret().len()
    });
    println!("inside tokio: {len} bytes");
});

#[test]
fn a_loader_inside_a_tokio_runtime_does_not_panic() {
    let Some(e) = emulator() else { return };
    let child = run("child_in_tokio", &e.vars(&[]), temp_dir().path());
    child.assert_ok();
    child.assert_stdout(&format!("inside tokio: {} bytes", e.jwt.len()));
}
