// expect: 86
// Struct fields with weak defaults, and credential pairs (all made up).
struct Config {
    jwt: &'static str,
    signing_key: &'static str,
}

fn config() -> Config {
    Config {
        jwt: "changeme", // secret-binding
        signing_key: "secret", // secret-binding
    }
}

// a newtype wraps the value it is given (an LND client's request)
fn init_wallet() -> InitWalletRequest {
    InitWalletRequest {
        wallet_password: Base64("password123".to_string()), // secret-binding
        cipher_seed_mnemonic: Vec::new(),
        aezeed_passphrase: Err("no passphrase given"),
    }
}

fn logins() {
    let admin = ("admin", "P@ssw0rd123!"); // secret-binding
    let roles = vec![("admin", "Administrator"), ("user", "User")];
    let weak = ("admin", "Admin123"); // secret-binding
    let root = ["root", "toor"]; // secret-binding
    let defaults = vec![("postgres", "postgres")]; // secret-binding
    let form = [("grant_type", "password"), ("password", "hunter22")]; // secret-binding
    // an id's forty characters are the id (Authentik's client id), its secret is not
    let oauth = [
        ("client_id", "MI4DbeyktmjbXJRmUY9tkWvhK7yOzly139EgzhPZ"),
        ("client_secret", "YGcFnXQMI7HqeDUWClhTkZmPtYj4aB2z3khnoMNpCo8CgTOh"), // secret-binding
    ];
    let header = ("api_key", "k3y-for-prod"); // secret-binding
    // names of fields, not credentials
    let fields = ("username", "password");
    let flags = ["test", "list"];
    let digest = Config { hmac: "b617318655057264e28bc0b6fb378c8ef146be00" };
}

fn calls(client: &Client) {
    let r = client.get(URL).basic_auth("LTU", Some("Datex-LTU-2018#")); // secret-binding
    let smtp = Credentials::new("mailer".to_owned(), "Sm7p-relay-pw".to_owned()); // secret-binding
    let group = GroupCredentials::new("timeline".to_owned(), b"group-local-secret-77".to_vec()); // secret-binding
    let ssh = SshCred::new("root".to_string(), "Ss4-root-pw-26".to_string(), "127.0.0.1".to_string(), "22".to_string()); // secret-binding
    let tls = NativeTlsConfig::new().with_password("pkcs12-pass-77"); // secret-binding
    harness.login("ops.one", "a-long-passphrase-9"); // secret-binding
    config.authentication(tiberius::AuthMethod::sql_server("sa", "Sq1-srv-pw-2026")); // secret-binding
    let jira = Credentials::Basic("ops".to_string(), "Jr4-basic-pw-2026".to_string()); // secret-binding
    sess.userauth_password("deploy", "Ss2-ssh-pw-2026").unwrap(); // secret-binding
    ldap.simple_bind("cn=admin,dc=example,dc=org", "Ld9-bind-pw-2026"); // secret-binding
    let rpc = Client::new(url, Auth::UserPass("rpc".into(), "Rp3-rpc-pw-2026".into())); // secret-binding
    // a call that connects takes the literal after a default account as its password
    let amqp = OpenConnectionArguments::new("localhost", 5672, "guest", "Gq5-amqp-pw-2026"); // secret-binding
    let role = Role::new("admin", "Administrator");
    let perm = Permission::new("user", "read");
    // a program's own environment helper with a default
    let db = get_env_or("DB_PASSWORD", "Db8-local-pw-2026".to_string()); // env-fallback
    let port = get_env_or("PORT", "8080".to_string());
    // a placeholder's text names no variable (mail-send's Mailgun example)
    let mail = MailgunClient::new("YOUR_API_KEY", "yourdomain.com");
    // a field's name with a qualifier is the slot to fill
    let smtp = Credentials::new("smtp_username".to_string(), "smtp_password".to_string());
    let mail = client.password("app_password");
    // field names, not a login; a user id, not a password
    sess.userauth_password("username", "password");
    Identity::login(&req.extensions(), "user1".to_owned()).unwrap();
    // one argument to authenticate with is the password
    obs.authenticate("Ob5-ws-pass").await?; // secret-binding
    conn.auth("password").await?; // secret-binding
    let smtp = Transport::new("smtp.gmail.com").credentials("john", "p4ssw0rd"); // secret-binding
    let socks = SocksStream::connect(proxy, target, Some(("user1".to_string(), "123456".to_string()))).await?; // secret-binding
    let rows = db.query("SELECT * FROM type::table($table)").bind(("table", "person")).await?;
    let jenkins = JenkinsBuilder::new(url).with_user("ci-bot", Some("Jk9-ci-pw-2026")).build(); // secret-binding
    let named = Query::new().with_user("alice");
    let rcon = RCONClient::new("192.168.1.98:25575", "abc123")?; // secret-binding
    // but `user` is an account, and the word for the value is the stand-in
    ftp.login("user", "password").await?; // secret-binding
    let proxy = ProxyInfo::new(host, 8080).with_auth("proxy".to_string(), "Px7-proxy-pw-2026".to_string()); // secret-binding
    let nats = ConnectOptions::with_user_and_password("svc".into(), "Nt5-svc-pw-2026".into()); // secret-binding
    // the word for the value, given where only a value goes, is the value
    let ap = AccessPointConfig::default().with_password("password".into()); // secret-binding
    kafka.set("sasl.password", "password"); // secret-binding
    // a seeded admin's password, hashed where it is set
    let hashed = bcrypt::hash("Adm1n-seed-2026", DEFAULT_COST); // secret-binding
    let h = argon2.hash_password(b"Adm1n-seed-2027", &salt); // secret-binding
    let typed = bcrypt::hash(&form.password, DEFAULT_COST);
    let seeded = pwhash::pwhash(b"Adm1n-seed-2028", OPSLIMIT_INTERACTIVE, MEMLIMIT_INTERACTIVE); // secret-binding
    mqtt.set_credentials("broker", "x8Q3RGgu4b9YEDPz"); // secret-binding
    // a PKCS#12 archive's password (native-tls; set 32), a SASL mechanism's
    let tls = Identity::from_pkcs12(&der, "Pk12-id-pw-2026"); // secret-binding
    let old = Pkcs12::from_der(&der, "Pk12-der-pw-2026"); // secret-binding
    let sasl = SaslScramSha256::new("relay", "Sc7-sasl-pw-2026"); // secret-binding
    let reg = UserPassword::new("ci".to_owned(), "Rg7-registry-pw-26".to_owned(), "ci@example.com".to_owned(), server); // secret-binding
    let git = git2::Cred::userpass_plaintext("x-access-token", "Gt7-push-token-2026"); // secret-binding
    let read = git2::Cred::userpass_plaintext("x-access-token", &token);
    // cyw43's Wi-Fi passphrases (set 37's Pico W examples)
    control.join_wpa2(WIFI_NETWORK, "Qm7-garden-wifi").await; // secret-binding
    control.start_ap_wpa2("picow", "password", 5).await; // secret-binding
    control.join_wpa2(WIFI_NETWORK, WIFI_PASSWORD).await;
    let parsed = Pkcs12::from_der(&der).unwrap().parse2(&pass);
    let session = Identity::login(&req.extensions(), "user-7".into());
    let (user, pass) = ("deploy", "Dq7-deploy-pw-26"); // secret-binding
    let (host, port) = ("db.internal", "5432");
    let aws = aws_credential_types::Credentials::new("key-id-77", "Aw5-secret-key-77", None, None, "static"); // secret-binding
    let wifi = ClientConfiguration { ssid: "home-net".try_into().unwrap(), password: "Wf-home-pw-2026".try_into().unwrap(), ..Default::default() }; // secret-binding
    // a Google app password, as its page shows it
    let gmail = Credentials::new("me@example.com".to_string(), "qwer tyui asdf ghjk".to_string()); // secret-binding
    // a password read at run time, a user name alone
    let ok = client.get(URL).basic_auth("LTU", Some(password));
    let name = client.user("mailer");
}

// a secret-named header, configuration key or map entry set to a literal
fn named(client: &Client, headers: &mut HeaderMap, kafka: &mut ClientConfig, api_key: &str) {
    let r = client.get(URL).header("x-api-key", "k3y-for-prod-77"); // secret-binding
    headers.insert("x-api-key", HeaderValue::from_static("k3y-for-prod-78")); // secret-binding
    headers.insert("X-Auth-Token", "tok-9c2e7f3a".parse().unwrap()); // secret-binding
    kafka.set("sasl.password", "Kf-relay-pw-77"); // secret-binding
    // an `Authorization` header's token, however short
    headers.insert(AUTHORIZATION, HeaderValue::from_static("Bearer dev-token-7")); // secret-binding
    let t = client.get(URL).header(reqwest::header::AUTHORIZATION, "Token abcd1234xyz"); // secret-binding
    let f = client.get(URL).header(AUTHORIZATION, "Bearer {}");
    headers.insert(AUTHORIZATION, HeaderValue::from_static("Bearer <token>"));
    // a request's header checked against a literal token accepts that token
    let admin = auth.starts_with("Bearer admin"); // secret-binding
    let ops = auth == "Bearer ops-7f3a"; // secret-binding
    let svc = header.eq("Bearer svc-2b7e"); // secret-binding
    let scheme = auth.starts_with("Bearer ");
    let expired = message == "Token expired";
    let wrong = auth == "Bearer wrong";
    // a header read at run time, headers that are no secret
    let ok = client.get(URL).header("x-api-key", api_key);
    headers.insert("x-api-key", HeaderValue::from_str(api_key).unwrap());
    headers.insert("content-type", HeaderValue::from_static("application/json"));
    kafka.set("sasl.mechanisms", "PLAIN");
}

fn bearer(client: &Client, token: &str) {
    let r = client.get(URL).bearer_auth("SUjoKWZp8QIPhbP2BoxkqT4XGh3pVASV"); // secret-binding
    let ok = client.get(URL).bearer_auth(token);
}

// a default account's password set to the account's name is a stand-in
// that works wherever the default was never changed
fn defaults() -> Template {
    Template {
        root_password: String::from("root"), // secret-binding
        admin_password: "admin".to_string(), // secret-binding
        admin_username: "admin".to_string(),
        static_credentials: "Static".to_string(),
        x_amz_security_token: "x-amz-security-token".to_string(),
    }
}

// a password field that repeats its name beside fields with values is the
// default password; where every field repeats its own they are names
fn ssh_defaults() -> (Config, Columns) {
    let config = Config {
        ssh_address: String::from("127.0.0.1:22"),
        ssh_user: String::from("deploy"),
        ssh_password: String::from("password"), // secret-binding
    };
    let columns = Columns { id: "id", password: "password", email: "email" };
    (config, columns)
}

// a secret variable set from a literal, a literal wrapped in a secret type,
// an optional secret
fn setup(cmd: &mut Command) -> Config {
    std::env::set_var("SERVICE_API_TOKEN", "tok-4f9c2a7e1b"); // secret-binding
    cmd.env("DB_PASSWORD", "Qv8-relay-local"); // secret-binding
    std::env::set_var("RUST_LOG", "debug");
    let token = SecretString::from("ghx-local-7f3a9c2e".to_owned()); // key-constructor
    Config {
        api_key: Some("cfg-8d2f6b1a9e".into()), // secret-binding
        region: Some("eu-west-1".into()),
    }
}

// a check written with `eq`
fn validate(credentials: &Credentials) -> bool {
    match credentials {
        Credentials::Basic(basic) => basic.username().eq("remzi") && basic.password().eq("Yg-basic-77"), // secret-binding
        Credentials::Bearer(bearer) => bearer.token().eq(&expected),
    }
}

// a secret's name and its value, side by side in a call's arguments
fn ldap_compare(ldap: &mut LdapConn, cfg: &mut Store) {
    let (res, _) = ldap.compare("uid=inejge,ou=People,dc=example,dc=org", "userPassword", "doublesecret").unwrap(); // secret-binding
    cfg.put("api_key", "k3y-9f2Qx7Lm-live"); // secret-binding
    form.label("password", "Password");
    report.field("token", "[redacted]");
    record("password", "must be at least 8 characters");
    // names of things, not keys: an operation, a token's label, a method
    let meta = Metadata::new("get_credentials", "imds");
    let writer = QueryWriter::new(&mut out, "GetSessionToken", "2011-06-15");
    cache.expect_token("first_token", "2023-01-01T00:10:00Z");
}

// a password however short, where only a password goes
fn short(config: &mut Config, user_name: &str, password: &str) -> bool {
    config.authentication(AuthMethod::sql_server("sa", "a1")); // secret-binding
    let session = client.basic_auth("admin", Some("pw")); // secret-binding
    let conn = OpenConnectionArguments::new("rabbit", 5672, "guest", "g1"); // secret-binding
    if password == "x" || password == "***" || password == "-" || password.is_empty() {
        return false;
    }
    user_name == "root" && password == "pwd" // secret-binding
}

// a call named for a password, with one literal among its arguments
async fn dev_db(ctx: &Ctx, mm: &ModelManager, id: i64) {
    UserMC::update_pwd(ctx, mm, id, "welcome").await.unwrap(); // secret-binding
    users.set_password(id, "Tr0ub4dor&3"); // secret-binding
    users.set_password(id, new_password);
    users.reset_password(id, "en", "reset-mail");
    users.reset_password("en", "reset-mail");
    // a name that says it takes a user first (nats.rs's tests)
    let nats = nats::Options::with_user_pass("derek", "s3cr3t").connect(url)?; // secret-binding
    // a server's address is none of them; after it, an account's name
    let ssh = SSHConfig::password("cm03", "127.0.0.1:22", "444444444444", timeout).await?; // secret-binding
    let db = Db::with_password("db.internal:5432", "app", "s3cretpw1"); // secret-binding
    let db = Db::with_password("app", "other", "s3cretpw1");
}

// mongodb's `auth(user, password)`; a call named for a password takes the
// literal after a default account's name
fn clients(db: &Database) {
    db.auth("lawelf", "Lw-2018@cd-db").unwrap(); // secret-binding
    let qbit = QbitClient::new_with_user_pwd("http://192.168.0.11:8080", "admin", "Qb7-webui-pw").unwrap(); // secret-binding
}

// basic authentication's own type, and a credential's
fn basic(server: ServerBuilder) {
    server.with(BasicAuth::new("user", "Ba7-web-pw-2026", "/")); // secret-binding
    let c = Credential::new("svc-deploy", "Cd4-deploy-pw-26"); // secret-binding
    let n = BasicAuthConfig::new("realm", 3);
}

// a board's access point and a smart plug's local key (sets 27 and 28)
fn device() {
    let ap_pass: heapless::String<64> = heapless::String::try_from("Ap-pw-2026!").unwrap(); // secret-binding
    info!("Connect to SSID 'ESP32-AP' with password 'Ap-log-2026!'"); // secret-binding
    let local_key = "Qm;7!?xLp$v29<cZ"; // secret-binding
    let key = "Ctrl+Shift+K1";
}

// a numbered secret is a secret; a longer number is part of a name
fn signup() {
    let password2 = "Cf-confirm-pw-26"; // secret-binding
    let token2022 = "TokenzQdBNbLqP5VEhdkAS6EPFLC1PHnBqCXEpPxuEb";
}
