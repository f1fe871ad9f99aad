import ArgumentParser
import Foundation

/// `astro-loyalty`: with no subcommand, opens the counter screen (`open`); the subcommands do the
/// same work headless, with the same rules, for scripts and for managers at a shell.
public struct AstroLoyaltyRoot: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "astro-loyalty",
        abstract: "Frequent-buyer loyalty at the pet-store counter.",
        discussion: """
            With no subcommand, opens the counter screen on the configured store.
            `astro-loyalty --demo` opens a ready demo store (created on first run) in training mode.
            """,
        subcommands: [
            OpenCommand.self, InitCommand.self, CustomerCommand.self, ProgramCommand.self, CheckoutCommand.self,
            RedeemCommand.self, ExceptionCommand.self, PaperCommand.self, SplitCommand.self,
            PunchCommand.self, UserCommand.self, DbCommand.self, ImportHistoryCommand.self,
            LightspeedCommand.self, LightspeedSimCommand.self, SaleCommand.self,
            WatchCommand.self, UnlinkedCommand.self, SweepCommand.self, RulesCommand.self, ClaimsCommand.self,
            QueueCommand.self,
            ChangesCommand.self,
            LocationCommand.self,
        ],
        defaultSubcommand: OpenCommand.self)

    public init() {}
}

/// Options every command takes.
public struct CommonOptions: ParsableArguments {
    @Option(help: """
        The store: its SQLite file, or postgresql://user@host:port/database (the password from PGPASSWORD or \
        ~/.pgpass, never in the address). Default: the config's "database", else \
        $XDG_DATA_HOME/astro-loyalty/store.sqlite.
        """)
    public var db: String?

    @Option(help: "Config file (default: $XDG_CONFIG_HOME/astro-loyalty/config.json).")
    public var config: String?

    @Flag(help: "Machine-readable JSON output.")
    public var json = false

    public init() {}
}
