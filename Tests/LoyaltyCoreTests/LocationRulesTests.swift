import Foundation
import Testing
@testable import LoyaltyCore

@Suite struct LocationRulesTests {
    let downtown = Location(id: 1, name: "Downtown", timeZoneID: "America/New_York", lightspeedShopID: "1")
    let denver = Location(id: 2, name: "Denver", timeZoneID: "America/Denver", lightspeedShopID: "2")

    func program(_ scope: ProgramScope) -> Program {
        Program(id: 7, name: "Nutro Bites", manufacturer: "Nutro", punchesRequired: 10, rewardRule: "", scope: scope)
    }

    @Test func aChainWideProgramAppliesEverywhere() throws {
        #expect(LocationRules.applies(.chain, at: 1) && LocationRules.applies(.chain, at: 2))
        try LocationRules.checkPunch(program: program(.chain), at: denver)
    }

    @Test func aScopedProgramAppliesOnlyAtItsLocation() throws {
        let scoped = ProgramScope.location(id: 1, name: "Downtown")
        #expect(LocationRules.applies(scoped, at: 1))
        #expect(!LocationRules.applies(scoped, at: 2))
        try LocationRules.checkPunch(program: program(scoped), at: downtown)
        #expect(throws: LocationRefusal.programOfOtherLocation(program: "Nutro Bites", location: "Downtown", here: "Denver")) {
            try LocationRules.checkPunch(program: program(scoped), at: denver)
        }
        #expect(LocationRefusal.programOfOtherLocation(program: "Nutro Bites", location: "Downtown", here: "Denver").description
                == "Nutro Bites is a program of Downtown only: its items earn no punches at Denver.")
    }

    /// Domain: a purchase belongs to the location where it happened — the location of the Lightspeed shop that
    /// sold it; the counter's own location when no location has that shop (or the sale names none).
    @Test func aSaleBelongsToItsShopsLocationElseToTheCounters() {
        let closed = Location(id: 3, name: "Old Mall", timeZoneID: "America/New_York", lightspeedShopID: "3", active: false)
        let chain = [downtown, denver, closed]
        #expect(LocationRules.saleLocation(shop: "2", in: chain, counter: 1) == 2)
        #expect(LocationRules.saleLocation(shop: "1", in: chain, counter: 2) == 1)
        // A shop that is no location's, no shop, a deactivated location's shop: the counter's.
        #expect(LocationRules.saleLocation(shop: "9", in: chain, counter: 2) == 2)
        #expect(LocationRules.saleLocation(shop: nil, in: chain, counter: 2) == 2)
        #expect(LocationRules.saleLocation(shop: "3", in: chain, counter: 2) == 2)
        // A counter with no location setting stands at the default location (the first active one).
        #expect(LocationRules.saleLocation(shop: "9", in: chain, counter: nil) == 1)
    }

    @Test func aScopedProgramEarnsOnlyOnSalesOfItsLocationAndAChainWideOneEverywhere() {
        let chain = [downtown, denver]
        let denverOnly = ProgramScope.location(id: 2, name: "Denver")
        #expect(LocationRules.earns(denverOnly, shop: "2", in: chain, counter: 1))
        #expect(!LocationRules.earns(denverOnly, shop: "1", in: chain, counter: 2))
        #expect(!LocationRules.earns(denverOnly, shop: "9", in: chain, counter: 1))
        #expect(LocationRules.earns(denverOnly, shop: "9", in: chain, counter: 2))
        for shop in ["1", "2", "9", nil] as [String?] {
            #expect(LocationRules.earns(.chain, shop: shop, in: chain, counter: 1))
        }

        // The matcher's lookup applies it line by line: the line is "No Item" where the program does not earn.
        let food = try! UPC.parse("012345678905")
        let toy = try! UPC.parse("099990000015")
        let programs = SaleLinePrograms(entries: [food: .init(programID: 7, scope: denverOnly),
                                                  toy: .init(programID: 8, scope: .chain)],
                                        locations: chain, counter: 1)
        func line(_ id: String, _ upc: UPC, shop: String?) -> SaleLine {
            var line = SaleLine(saleID: "S", saleLineID: id, completedAt: Date(timeIntervalSince1970: 1_554_217_200),
                                upc: upc, description: id, quantity: 1)
            line.shopID = shop
            return line
        }
        let lines = [line("at Denver", food, shop: "2"), line("at Downtown", food, shop: "1"),
                     line("unknown shop", food, shop: nil), line("toy at Downtown", toy, shop: "1")]
        #expect(lines.map(programs.programID(of:)) == [7, nil, nil, 8])
        #expect(ImportMatcher.match(lines: lines, punches: [], programs: programs, calendar: newYork).map(\.status)
                == [.willImport, .noItem, .noItem, .willImport])
        #expect(programs.location(shop: "2") == 2 && programs.location(shop: nil) == 1)
    }

    @Test func aLocationIsCleanedAndChecked() throws {
        let clean = try LocationRules.validated(Location(name: "  Uptown ", address: " 1 Main St\n",
                                                         timeZoneID: "America/Chicago", lightspeedShopID: "  "))
        #expect(clean.name == "Uptown" && clean.address == "1 Main St" && clean.lightspeedShopID == nil)
        #expect(throws: LocationRefusal.nameRequired) {
            try LocationRules.validated(Location(name: " ", timeZoneID: "America/Chicago"))
        }
        #expect(throws: LocationRefusal.unknownTimeZone("Mars/Olympus")) {
            try LocationRules.validated(Location(name: "Mars", timeZoneID: "Mars/Olympus"))
        }
    }

    @Test func aLocationKeepsItsLightspeedShopsClock() throws {
        let now = Date(timeIntervalSince1970: 1_780_000_000)
        // Lightspeed's "US/Eastern" keeps New York's clock: accepted.
        _ = try LocationRules.validated(downtown, shopZoneID: "US/Eastern", now: now)
        #expect(throws: LocationRefusal.zoneDiffersFromShop(zone: "America/Denver", shop: "1", shopZone: "US/Eastern")) {
            try LocationRules.validated(Location(name: "Downtown", timeZoneID: "America/Denver", lightspeedShopID: "1"),
                                        shopZoneID: "US/Eastern", now: now)
        }
    }

    @Test func theConfigNamesALocationByNameOrIDAndNothingMeansTheDefault() {
        let closed = Location(id: 3, name: "Airport", timeZoneID: "America/Denver", active: false)
        let all = [denver, downtown, closed]
        #expect(LocationRules.resolve(nil, in: all) == downtown)
        #expect(LocationRules.resolve("", in: all) == downtown)
        #expect(LocationRules.resolve("denver", in: all) == denver)
        #expect(LocationRules.resolve("2", in: all) == denver)
        #expect(LocationRules.resolve("Airport", in: all) == nil)
        #expect(LocationRules.resolve("Uptown", in: all) == nil)
    }

    @Test func todayAtALocationIsItsOwnDate() {
        // 05:30 UTC: still the 9th in Denver (23:30), already the 10th in New York (01:30).
        let instant = ISO8601DateFormatter().date(from: "2026-06-10T05:30:00Z")!
        #expect(denver.calendar.localDate(of: instant).iso == "2026-06-09")
        #expect(downtown.calendar.localDate(of: instant).iso == "2026-06-10")
    }
}
