import AstroLoyaltyApp

/// The binary's entry point; every command lives in AstroLoyaltyApp so tests can reach it.
@main
struct Entry {
    static func main() async {
        await AstroLoyaltyRoot.main()
    }
}
