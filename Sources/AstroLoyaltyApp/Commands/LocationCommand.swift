import ArgumentParser
import Foundation
import LoyaltyCore
import LoyaltyStore

/// `astro-loyalty locations …`: the store's locations (a chain shares one customer base), headless. Changes
/// need an admin's sign-in, like the other admin commands.
struct LocationCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "locations", abstract: "The store's locations: list, add, edit, deactivate (admin).",
        subcommands: [List.self, Add.self, Edit.self, Deactivate.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the locations (the first is the default).")
        @OptionGroup var common: CommonOptions

        func run() throws {
            let context = try CommandContext(common)
            let locations = try context.openStore().locations()
            try context.output(locations) { locations.map(LocationCommand.line).joined(separator: "\n") }
        }
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a location (admin).")
        @OptionGroup var common: CommonOptions
        @Argument(help: "The location's name, e.g. Downtown.") var name: String
        @Option(help: "Its IANA time zone, e.g. America/Denver.") var timeZone: String
        @Option(help: "Its postal address.") var address = ""
        @Option(help: "Its Lightspeed shop ID (shopID).") var shop: String?
        @Option(help: "The admin adding it.") var admin: String

        func run() throws {
            let context = try CommandContext(common)
            let store = try context.openStore()
            let op = try context.signedIn(store, as: admin)
            let location = try store.addLocation(Location(name: name, address: address, timeZoneID: timeZone,
                                                          lightspeedShopID: shop), by: op)
            try context.output(location) { "Added location #\(location.id) \(location.name)." }
        }
    }

    struct Edit: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Change a location's name, address, time zone or Lightspeed shop (admin).")
        @OptionGroup var common: CommonOptions
        @Argument(help: "The location (name or ID).") var location: String
        @Option(help: "A new name.") var name: String?
        @Option(help: "A new IANA time zone.") var timeZone: String?
        @Option(help: "A new postal address.") var address: String?
        @Option(help: "A new Lightspeed shop ID (\"\" for none).") var shop: String?
        @Option(help: "The admin making the change.") var admin: String

        func run() throws {
            let context = try CommandContext(common)
            let store = try context.openStore()
            var changed = try LocationCommand.find(location, in: store)
            guard name != nil || timeZone != nil || address != nil || shop != nil else {
                throw CLIError("Nothing to change: give --name, --time-zone, --address or --shop.")
            }
            let op = try context.signedIn(store, as: admin)
            if let name { changed.name = name }
            if let timeZone { changed.timeZoneID = timeZone }
            if let address { changed.address = address }
            if let shop { changed.lightspeedShopID = shop }
            try store.updateLocation(changed, by: op)
            let now = try LocationCommand.find(String(changed.id), in: store)
            try context.output(now) { "Changed location #\(now.id): " + LocationCommand.line(now) }
        }
    }

    struct Deactivate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Deactivate a location (admin): no counter opens there any more; its history stays.")
        @OptionGroup var common: CommonOptions
        @Argument(help: "The location (name or ID).") var location: String
        @Option(help: "The admin making the change.") var admin: String

        func run() throws {
            let context = try CommandContext(common)
            let store = try context.openStore()
            let found = try LocationCommand.find(location, in: store)
            try store.deactivateLocation(found.id, by: try context.signedIn(store, as: admin))
            try context.output(["deactivated": found.name]) { "Deactivated location \(found.name)." }
        }
    }

    /// A location by name (any case) or ID, active or not (an admin edits a deactivated one too).
    static func find(_ text: String, in store: LoyaltyStore) throws -> Location {
        let all = try store.locations()
        let wanted = text.trimmingCharacters(in: .whitespaces)
        if let byName = all.first(where: { $0.name.caseInsensitiveCompare(wanted) == .orderedSame }) { return byName }
        if let id = Int64(wanted), let byID = all.first(where: { $0.id == id }) { return byID }
        throw CLIError("There is no location \"\(wanted)\"; the locations are: \(all.map(\.name).joined(separator: ", ")).")
    }

    static func line(_ l: Location) -> String {
        "#\(l.id) \(l.name)\t\(l.timeZoneID)\t" + (l.lightspeedShopID.map { "Lightspeed shop \($0)" } ?? "no Lightspeed shop")
            + (l.address.isEmpty ? "" : "\t\(l.address)") + (l.active ? "" : "\t(deactivated)")
    }
}

extension ProgramCommand {
    /// `program scope NAME --location X | --chain` (admin): where a program's items earn punches.
    struct Scope: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Scope a program to one location, or to the whole chain (admin).")
        @OptionGroup var common: CommonOptions
        @OptionGroup var who: UserOption
        @Argument(help: "The program (name or ID).") var program: String
        @Option(help: "The location (name or ID) whose counters alone earn punches on it.") var location: String?
        @Flag(help: "Every location earns punches on it.") var chain = false

        func validate() throws {
            guard (location != nil) != chain else { throw ValidationError("Give either --location NAME or --chain.") }
        }

        func run() throws {
            let context = try CommandContext(common)
            let store = try context.openStore()
            let programs = try store.programs().map(\.program)
            let wanted = program.trimmingCharacters(in: .whitespaces)
            guard let found = programs.first(where: { $0.name.caseInsensitiveCompare(wanted) == .orderedSame })
                    ?? Int64(wanted).flatMap({ id in programs.first { $0.id == id } }) else {
                throw CLIError("There is no program \"\(wanted)\".")
            }
            let target = try location.map { try LocationCommand.find($0, in: store) }
            try store.setProgramScope(found.id, location: target?.id, by: try context.signedIn(store, as: who.user))
            let scope = target?.name ?? ProgramScope.chain.label
            try context.output(["program": found.name, "scope": scope]) { "\(found.name) now earns punches at: \(scope)." }
        }
    }
}
