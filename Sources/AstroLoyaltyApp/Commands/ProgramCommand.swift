import ArgumentParser
import Foundation
import LoyaltyCore
import LoyaltyStore

/// `astro-loyalty program …`: the admin's programs screen, headless.
struct ProgramCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "program", abstract: "Frequent-buyer programs and their UPCs.",
        subcommands: [List.self, Add.self, AddUPC.self, Scope.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List programs with their UPCs.")
        @OptionGroup var common: CommonOptions

        func run() throws {
            let context = try CommandContext(common)
            let programs = try context.openStore().programs()
            try context.output(programs.map(ProgramReport.init)) {
                programs.map { p in
                    "#\(p.program.id) \(p.program.name) — buy \(p.program.punchesRequired), \(p.program.rewardRule)"
                        + (p.program.scope == .chain ? "" : " — at \(p.program.scope.label) only") + "\n"
                        + p.items.map { "    \($0.upc.display)  \($0.description)" }.joined(separator: "\n")
                }.joined(separator: "\n")
            }
        }
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a program (admin).")
        @OptionGroup var common: CommonOptions
        @OptionGroup var who: UserOption
        @Option(help: "Program name.") var name: String
        @Option(help: "Manufacturer.") var manufacturer = ""
        @Option(help: "N: punches that fill a card (buy N, get one free).") var buy: Int
        @Option(help: "The reward rule shown to the cashier.") var reward = "Lesser or equal value free"
        @Option(help: "Completion window in months.") var windowMonths: Int?

        func run() throws {
            let context = try CommandContext(common)
            guard buy > 0 else { throw CLIError("--buy must be at least 1.") }
            let store = try context.openStore()
            let op = try context.signedIn(store, as: who.user)
            let program = try store.addProgram(
                Program(name: name, manufacturer: manufacturer, punchesRequired: buy, rewardRule: reward,
                        completionWindowMonths: windowMonths), by: op)
            try context.output(program) { "Added program #\(program.id) \(program.name)." }
        }
    }

    struct AddUPC: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add-upc",
                                                        abstract: "Add a qualifying UPC to a program (admin).")
        @OptionGroup var common: CommonOptions
        @OptionGroup var who: UserOption
        @Argument(help: "Program ID.") var program: Int64
        @Option(help: "The UPC (UPC-A, EAN-13, UPC-E or GTIN-14).") var upc: String
        @Option(help: "Item description.") var description: String
        @Option(help: "Size, e.g. 12 lb.") var size = ""
        @Flag(help: "The UPC is already in this program: change its description and size (shown as old → new).")
        var change = false

        func run() throws {
            let context = try CommandContext(common)
            let code = try parseUPC(upc)
            let store = try context.openStore()
            let op = try context.signedIn(store, as: who.user)
            let item = ProgramItem(programID: program, upc: code, description: description, size: size)
            // A UPC already in this program (in any of its forms, 12 or 13 digits) is a change, never a silent
            // overwrite: refused with old → new unless --change says so.
            let existing = try store.programs().first { $0.program.id == program }?.items.first { $0.upc == code }
            if let existing {
                let change = ProgramItemChange(old: existing, new: item)
                guard self.change else {
                    throw CLIError("\(code.display) is already in program #\(program): \(change.text). "
                                   + "Run again with --change to change it.")
                }
                try store.changeProgramItem(item, by: op)
                try context.output(["program": String(program), "upc": code.display, "changed": change.text]) {
                    "Changed \(code.display) in program #\(program): \(change.text)."
                }
                return
            }
            guard !self.change else { throw CLIError("\(code.display) is not in program #\(program): nothing to change.") }
            try store.addProgramItem(item, by: op)
            try context.output(["program": String(program), "upc": code.display]) {
                "Added \(code.display) to program #\(program)."
            }
        }
    }
}

struct ProgramReport: Encodable {
    struct Item: Encodable {
        let upc: String
        let description: String
        let size: String
    }
    let id: Int64
    let name: String
    let manufacturer: String
    let buy: Int
    let rewardRule: String
    /// "whole chain" or the one location whose counters earn punches on it.
    let scope: String
    let items: [Item]

    init(_ p: ProgramWithItems) {
        id = p.program.id
        name = p.program.name
        manufacturer = p.program.manufacturer
        buy = p.program.punchesRequired
        rewardRule = p.program.rewardRule
        scope = p.program.scope.label
        items = p.items.map { Item(upc: $0.upc.display, description: $0.description, size: $0.size) }
    }
}
