import ArgumentParser
import Foundation
import LoyaltyCore
import LoyaltyStore

/// `astro-loyalty user …`: the admin's users screen, headless.
struct UserCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user", abstract: "Add and list users (admin).", subcommands: [Add.self, List.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a user. Reads the admin's secret, then the new user's password and PIN, from the terminal or stdin.")
        @OptionGroup var common: CommonOptions
        @Argument(help: "The new user's username.") var name: String
        @Option(help: "cashier, manager or admin.") var role: Role
        @Option(help: "Name shown on screen (default: the username).") var displayName: String?
        @Option(help: "The admin adding this user.") var admin: String

        func run() throws {
            let context = try CommandContext(common)
            let store = try context.openStore()
            let op = try context.signedIn(store, as: admin)
            guard let password = SecretReader.read(prompt: "Password for \(name) (6+ characters): "),
                  let pin = SecretReader.read(prompt: "PIN for \(name) (4–8 digits): ") else {
                throw CLIError("The new user needs a password and a PIN (typed, or as lines on stdin).")
            }
            let user = try store.addUser(username: name, displayName: displayName ?? name, role: role,
                                         password: password, pin: pin.isEmpty ? nil : pin, by: op)
            try context.output(user) { "Added \(user.role.rawValue) \(user.username)." }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List users and their roles.")
        @OptionGroup var common: CommonOptions

        func run() throws {
            let context = try CommandContext(common)
            let users = try context.openStore().users()
            try context.output(users) {
                users.map { "\($0.username)\t\($0.role.rawValue)\t\($0.displayName)\($0.disabled ? "\t(disabled)" : "")" }
                    .joined(separator: "\n")
            }
        }
    }
}

extension Role: ExpressibleByArgument {}
