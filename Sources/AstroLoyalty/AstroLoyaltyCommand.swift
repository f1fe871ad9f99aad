import ArgumentParser

@main
struct AstroLoyaltyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "astro-loyalty",
                                                    abstract: "Frequent-buyer loyalty at the pet-store counter.")
    func run() throws {
        print("The terminal UI is not built yet.")
    }
}
