import ArgumentParser
import Foundation
import LoyaltyCore
import LoyaltyStore

/// What a headless command needs: the config, the store it names, and a way to print for people or machines.
struct CommandContext {
    let config: AppConfig
    /// The store: `--db`, else the config's `database` (or `databasePath`), else the default file.
    let location: StoreLocation
    let json: Bool

    init(_ common: CommonOptions) throws {
        config = try AppConfig.load(path: common.config)
        location = try StoreLocation.resolve(db: common.db, config: config)
        json = common.json
    }

    /// Opens the store, which must already exist: a mistyped path should not silently create an empty store.
    func openStore() throws -> LoyaltyStore {
        try location.openExisting()
    }

    /// Checks `username`'s secret, read from the terminal (echo off) or one line of stdin — never argv.
    func signIn(_ store: LoyaltyStore, as username: String, purpose: String = "") throws -> User {
        let secret = try Self.readSecret(prompt: "Password or PIN for \(username)\(purpose): ")
        return try store.authenticate(username: username, secret: secret)
    }

    /// Signs `username` in (`signIn`) as the operator of this counter: at the config's `location` (nil: the
    /// store's default one), so the command's punches, redemptions and audit entries say where.
    func signedIn(_ store: LoyaltyStore, as username: String, purpose: String = "") throws -> Operator {
        let location = try store.location(named: config.location)
        return Operator(try signIn(store, as: username, purpose: purpose), location: location.id)
    }

    static func readSecret(prompt: String) throws -> Secret {
        guard let text = SecretReader.read(prompt: prompt), !text.isEmpty else {
            throw CLIError("No password or PIN was given (type it, or send it as one line on standard input).")
        }
        // A PIN is 4–8 digits; anything else is a password.
        if (4...8).contains(text.count), text.allSatisfy({ $0.isASCII && $0.isNumber }) { return .pin(text) }
        return .password(text)
    }

    /// Prints `value` as JSON, or `human()` for people.
    func output<T: Encodable>(_ value: T, human: () -> String) throws {
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            encoder.dateEncodingStrategy = .iso8601
            print(String(decoding: try encoder.encode(value), as: UTF8.self))
        } else {
            print(human())
        }
    }
}

/// A command-line failure with one line a store manager understands; ArgumentParser prints it on
/// stderr and exits non-zero.
struct CLIError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// The user on whose behalf a headless command changes the store.
struct UserOption: ParsableArguments {
    @Option(name: .long, help: "Who is doing this (username); the password or PIN is read from the terminal or stdin.")
    var user: String
}

func parseUPC(_ text: String) throws -> UPC {
    do { return try UPC.parse(text) } catch { throw CLIError("Bad UPC: \(error)") }
}

func parseDate(_ text: String, what: String) throws -> LocalDate {
    guard let date = LocalDate(iso: text) else {
        throw CLIError("Bad \(what) \"\(text)\": use YYYY-MM-DD, e.g. 2024-03-01.")
    }
    return date
}
