import ArgumentParser
import Foundation
import Lightspeed
import LoyaltyCore
import LoyaltyFeatures
import LoyaltyStore

/// `astro-loyalty lightspeed connect|disconnect|status`: Enable Lightspeed from a shell (admin).
struct LightspeedCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lightspeed", abstract: "Connect this store to its Lightspeed Retail account (admin).",
        subcommands: [LightspeedConnectCommand.self, LightspeedDisconnectCommand.self, LightspeedStatusCommand.self,
                      LightspeedFindCommand.self])
}

/// The words that tell a store how to add the button, shared by `connect` and `status`.
enum LightspeedButtonHelp {
    static func text(port: Int) -> String {
        let url = ButtonListener.buttonURL(port: port).absoluteString
        return """
            Add the Astro Loyalty button in Lightspeed (Settings → Custom Menus):
              1. Pick "Register: Sale Tab", Add New Button: label "Astro Loyalty", type "Open Web Page".
              2. With the pencil icon, set its URL to:
                   \(url)
              3. Do the same on the Refund tab, with the same URL.
            The counter screen must be open on this computer when the button is pressed (it listens on
            127.0.0.1:\(port), the button.port setting).
            """
    }
}

struct LightspeedConnectCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "connect",
        abstract: "Connect Lightspeed: open the printed address, approve, paste the address you land on.",
        discussion: """
            Astro Loyalty connects as Lightspeed's "publicly distributed" client: Authorization Code with PKCE
            and no client secret (a fresh verifier per attempt, kept in memory only). After approving, the
            browser lands on an https:// page (it may not load); paste that whole address, or just its code.
            A store with its own Lightspeed registration sets lightspeed.clientID (or ASTRO_LIGHTSPEED_CLIENT_ID)
            and gives its secret only in ASTRO_LIGHTSPEED_CLIENT_SECRET, never in a file or on the command line.
            The admin's password is read first, then the pasted address (or bare code), each as one line.
            """)
    @OptionGroup var common: CommonOptions
    @OptionGroup var who: UserOption

    func run() async throws {
        let context = try CommandContext(common)
        let store = try context.openStore()
        let user = try context.signIn(store, as: who.user)
        guard user.role.may(.linkLightspeed) else {
            throw CLIError("Only an admin can connect Lightspeed (\(user.username) is a \(user.role.rawValue)).")
        }
        let service = try await LightspeedService.make(config: context.config, store: store, trainingMode: false,
                                                       logger: .quietCLI)
        defer { Task { await service.shutdown() } }
        guard !service.trainingMode else {
            throw CLIError("lightspeed.simulator is on in the config: training mode needs no connection.")
        }
        let request = service.client.authorizationRequest()
        FileHandle.standardError.write(Data("""
            1. Open this address in a browser, sign in to Lightspeed and approve Astro Loyalty:

            \(request.url.absoluteString)

            2. Lightspeed then opens \(service.redirectURI.map { "\($0)?code=…" } ?? "an https:// page") in the browser
               (it may not load: that is fine). Copy its whole address from the address bar, or just the
               code, paste it here and press Enter:

            """.utf8))
        guard let pasted = readLine(strippingNewline: true), !pasted.isEmpty else {
            throw CLIError("Nothing was pasted; Lightspeed was not connected.")
        }
        let account: LightspeedAccount
        do {
            account = try await service.connect(pasted: pasted, expectedState: request.state, by: Operator(user))
        } catch {
            throw CLIError(String(describing: error))
        }
        let report = LightspeedStatusReport(connected: true, accountID: account.id, accountName: account.name,
                                            buttonURL: ButtonListener.buttonURL(port: context.config.button.port).absoluteString)
        try context.output(report) {
            "Connected to Lightspeed account \(account.name) (\(account.id)).\n\n"
                + LightspeedButtonHelp.text(port: context.config.button.port)
        }
    }
}

struct LightspeedDisconnectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "disconnect", abstract: "Forget the Lightspeed connection (customer links stay).")
    @OptionGroup var common: CommonOptions
    @OptionGroup var who: UserOption

    func run() throws {
        let context = try CommandContext(common)
        let store = try context.openStore()
        let user = try context.signIn(store, as: who.user)
        let before = try store.lightspeedConnection()
        try store.disconnectLightspeed(by: Operator(user))
        let report = LightspeedStatusReport(connected: false, accountID: nil, accountName: nil, buttonURL: nil)
        try context.output(report) {
            before.map { "Disconnected from Lightspeed account \($0.accountName) (\($0.accountID))." }
                ?? "Lightspeed was not connected."
        }
    }
}

struct LightspeedStatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status", abstract: "Show the Lightspeed connection and the button address.")
    @OptionGroup var common: CommonOptions
    @Flag(help: "Also ask Lightspeed for the account now (checks the tokens work).") var check = false

    func run() async throws {
        let context = try CommandContext(common)
        let store = try context.openStore()
        let connection = try store.lightspeedConnection()
        var report = LightspeedStatusReport(connected: connection != nil, accountID: connection?.accountID,
                                            accountName: connection?.accountName,
                                            buttonURL: ButtonListener.buttonURL(port: context.config.button.port).absoluteString)
        if connection != nil {
            let service = try await LightspeedService.make(config: context.config, store: store, trainingMode: false,
                                                       logger: .quietCLI)
            if check {
                do {
                    let account = try await service.api.account()
                    report.checked = "ok: \(account.name) (\(account.id))"
                } catch {
                    report.checked = error.description
                }
            }
            // The shops' time zones against the store's (purchases are dated in their shop's zone).
            do {
                let shops = try await service.api.shops()
                report.shops = shops.map { LightspeedStatusReport.Shop(shopID: $0.id, name: $0.name, timeZone: $0.timeZoneID) }
                report.timeZoneWarning = ShopTimeZoneCheck.warning(storeTimeZoneID: try store.settings().timeZoneID,
                                                                   shops: shops)
            } catch {
                report.shopsProblem = "The shops' time zones could not be read: \(error)"
            }
            await service.shutdown()
        }
        try context.output(report) {
            guard let connection else {
                return "Lightspeed is not connected. An admin runs `astro-loyalty lightspeed connect --user NAME`."
            }
            var text = "Connected to Lightspeed account \(connection.accountName) (\(connection.accountID))"
                + (report.checked.map { "\nCheck: \($0)" } ?? "")
            if let shops = report.shops, !shops.isEmpty {
                text += "\nShops: " + shops.map { "\($0.name.isEmpty ? $0.shopID : $0.name) (\($0.timeZone.isEmpty ? "no time zone" : $0.timeZone))" }
                    .joined(separator: ", ")
            }
            if let warning = report.timeZoneWarning { text += "\n" + warning }
            if let problem = report.shopsProblem { text += "\n" + problem }
            text += "\n\n" + LightspeedButtonHelp.text(port: context.config.button.port)
            return text
        }
    }
}

/// What `lightspeed connect|disconnect|status --json` prints (never a token).
struct LightspeedStatusReport: Encodable {
    var connected: Bool
    var accountID: String?
    var accountName: String?
    var buttonURL: String?
    var checked: String?
    struct Shop: Encodable {
        var shopID: String
        var name: String
        var timeZone: String
    }
    var shops: [Shop]?
    var timeZoneWarning: String?
    var shopsProblem: String?
}

/// `astro-loyalty lightspeed find TEXT`: Lightspeed customers by name, phone or email, with the loyalty
/// customer each is linked to, so the right link can be made (`customer link`) after an "incorrect customer".
struct LightspeedFindCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "find", abstract: "Search Lightspeed customers by name, phone or email.")
    @OptionGroup var common: CommonOptions
    @Argument(help: "Part of a name, a phone number or an email.") var text: String

    struct Row: Encodable {
        var lightspeedID: String
        var name: String
        var phone: String?
        var email: String?
        var linkedCustomerID: Int64?
        var linkedCustomerName: String?
    }

    func run() async throws {
        let context = try CommandContext(common)
        let store = try context.openStore()
        let service = try await LightspeedService.make(config: context.config, store: store,
                                                       trainingMode: try store.settings().trainingMode,
                                                       logger: .quietCLI)
        let found: [LightspeedCustomer]
        do {
            found = try await service.connectedAPI().searchCustomers(text)
        } catch let error as LightspeedServiceError {
            await service.shutdown()
            throw CLIError(error.description)
        } catch {
            await service.shutdown()
            throw CLIError(String(describing: error))
        }
        await service.shutdown()
        let rows = try found.map { customer in
            let linked = try store.customer(lightspeedID: customer.id)
            return Row(lightspeedID: customer.id, name: customer.fullName, phone: customer.phone, email: customer.email,
                       linkedCustomerID: linked?.id, linkedCustomerName: linked?.fullName)
        }
        try context.output(rows) {
            guard !rows.isEmpty else { return "No Lightspeed customer matches \"\(text)\"." }
            return rows.map { row in
                "\(row.lightspeedID)  \(row.name)" + (row.phone.map { "  \($0)" } ?? "") + (row.email.map { "  \($0)" } ?? "")
                    + (row.linkedCustomerID.map { "  → customer #\($0) \(row.linkedCustomerName ?? "")" } ?? "  (not linked)")
            }.joined(separator: "\n")
        }
    }
}
