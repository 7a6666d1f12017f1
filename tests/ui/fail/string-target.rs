fn main() {
    let _x: String = secretguard::secret!("API_KEY");
}
