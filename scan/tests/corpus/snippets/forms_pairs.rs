// expect: 7
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

fn logins() {
    let admin = ("admin", "P@ssw0rd123!"); // secret-binding
    let root = ["root", "toor"]; // secret-binding
    let defaults = vec![("postgres", "postgres")]; // secret-binding
    let form = [("grant_type", "password"), ("password", "hunter22")]; // secret-binding
    let header = ("api_key", "k3y-for-prod"); // secret-binding
    // names of fields, not credentials
    let fields = ("username", "password");
    let flags = ["test", "list"];
    let digest = Config { hmac: "b617318655057264e28bc0b6fb378c8ef146be00" };
}
