import LoyaltyStore

extension SecretHasher {
    /// A thousand rounds instead of 600,000, so a test store with a few users opens in milliseconds. Lives in the
    /// test-support target on purpose: no production target can reach it, so no real store is ever hashed this
    /// cheaply.
    public static let insecureForTests = SecretHasher(rounds: 1_000)
}
