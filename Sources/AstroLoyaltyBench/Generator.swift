import Foundation
import LoyaltyCore
import LoyaltyStore

/// The shape of the synthetic store. Everything below follows from these numbers and the seed.
struct StoreShape: Codable, Sendable, Equatable {
    var customers: Int
    var seed: UInt64
    var programs = 50
    var upcsPerProgram = 40
    /// Mean punches per ordinary customer (10 → 10,000,000 punches for a million customers).
    var punchesPerCustomer = 10
    /// Mean points entries per customer.
    var pointsPerCustomer = 2

    /// Customers 1…heavyCustomers have 40 cards and 400 punches (the checkout figure opens them).
    var heavyCustomers: Int { max(5, min(100, customers / 1000)) }
}

/// What the marker file next to a generated store records: the shape it was made with and what went in.
struct GeneratedStore: Codable, Sendable {
    var shape: StoreShape
    var report: BulkLoadReport
    var seconds: Double
    var version = 1
}

/// Fills an empty store deterministically from `StoreShape`: programs with their UPCs, customers (names,
/// phones, emails as a pet store's list has them), each with cards, punches and points. Customers are loaded
/// in ID order, so the heavy ones are IDs 1…heavyCustomers.
struct Generator: Sendable {
    static let adminName = "bench"
    static let adminPassword = "bench-password-1"
    /// The store's "today" for generated history (fixed, so a seed gives the same file every time).
    static let referenceDay = LocalDate(year: 2026, month: 10, day: 31)!
    static let historyDays = 1100

    let shape: StoreShape

    /// Creates the admin, settings and everything else. Returns what the bulk load reported.
    func generate(into store: LoyaltyStore, progress: @escaping @Sendable (String) -> Void) throws -> BulkLoadReport {
        let admin = Operator(try store.createFirstAdmin(username: Self.adminName, displayName: "Benchmark",
                                                        password: Self.adminPassword, pin: nil))
        var settings = try store.settings()
        settings.storeName = "Benchmark store"
        settings.pointsEnabled = true
        try store.updateSettings(settings, by: admin)
        let shape = self.shape
        return try store.bulkLoad(by: admin) { loader in
            var run = GeneratorRun(shape: shape)
            try run.load(into: loader, progress: progress)
        }
    }
}

/// One generation pass (the mutable part: the random stream and the catalog built from it).
private struct GeneratorRun {
    struct Item { var upc: UPC; var description: String }
    struct ProgramInfo { var id: Int64; var required: Int; var items: [Item] }

    let shape: StoreShape
    var rng: SeededRandom
    var programs: [ProgramInfo] = []
    var lastNames: [String]
    let days: [LocalDate]
    let dayStarts: [Date]
    let cashiers = ["cashier", "cashier2", "ann", "bob", "manager"]

    init(shape: StoreShape) {
        self.shape = shape
        var random = SeededRandom(seed: shape.seed)
        lastNames = Names.commonLast + Names.generatedLast(6000, rng: &random)
        rng = random
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let reference = calendar.date(from: DateComponents(year: 2026, month: 10, day: 31))!
        days = (0..<Generator.historyDays).map { Generator.referenceDay.adding(days: -$0) }
        dayStarts = (0..<Generator.historyDays).map { reference.addingTimeInterval(-Double($0) * 86_400) }
    }

    mutating func load(into loader: BulkLoader, progress: (String) -> Void) throws {
        try loadPrograms(loader)
        for index in 0..<shape.customers {
            try loadCustomer(index, loader)
            if (index + 1) % 100_000 == 0 { progress("  \(index + 1) customers") }
        }
    }

    // MARK: Programs

    mutating func loadPrograms(_ loader: BulkLoader) throws {
        for p in 0..<shape.programs {
            let brand = Names.brands[p % Names.brands.count]
            let line = Names.lines[(p / Names.brands.count + p) % Names.lines.count]
            let required = [10, 12, 8, 10, 6][p % 5]
            let id = try loader.addProgram(name: "\(brand) \(line) #\(p + 1)", manufacturer: brand,
                                           punchesRequired: required,
                                           rewardRule: p % 2 == 0 ? "lesser or equal value free" : "same size free")
            var items: [Item] = []
            for i in 0..<shape.upcsPerProgram {
                let flavor = Names.flavors[i % Names.flavors.count]
                let size = Names.sizes[(i / Names.flavors.count) % Names.sizes.count]
                let upc = Self.upcA(manufacturer: 71_000 + p, item: i + 1)
                let description = "\(brand) \(line) \(flavor) \(size)"
                try loader.addProgramItem(upc: upc, programID: id, description: description, size: size)
                items.append(Item(upc: upc, description: description))
            }
            programs.append(ProgramInfo(id: id, required: required, items: items))
        }
    }

    /// A UPC-A with its check digit: number system 0, 5-digit manufacturer, 5-digit item.
    static func upcA(manufacturer: Int, item: Int) -> UPC {
        let body = "0" + String(format: "%05d%05d", manufacturer % 100_000, item % 100_000)
        let digits = body.compactMap(\.wholeNumberValue)
        var sum = 0
        for (i, d) in digits.enumerated() { sum += i % 2 == 0 ? d * 3 : d }
        return try! UPC.parse(body + String((10 - sum % 10) % 10))
    }

    // MARK: Customers

    mutating func loadCustomer(_ index: Int, _ loader: BulkLoader) throws {
        let first = rng.pick(Names.first)
        let last = rng.chance(0.6) ? rng.pick(Names.commonLast) : rng.pick(lastNames)
        let heavy = index < shape.heavyCustomers
        var phone = ""
        if heavy || rng.chance(0.9) {
            // Unique 7-digit numbers (a bijection of the index), exchange 200–999, under a common area code.
            let local = 2_000_000 + (index &* 2_654_435_761) % 8_000_000
            phone = "(\(rng.pick(Names.areaCodes))) \(local / 10_000)-" + String(format: "%04d", local % 10_000)
        }
        var email = ""
        if heavy || rng.chance(0.85) {
            let f = first.lowercased().filter(\.isLetter), l = last.lowercased().filter(\.isLetter)
            let domain = rng.pick(Names.emailDomains)
            switch rng.int(3) {
            case 0: email = "\(f).\(l)@\(domain)"
            case 1: email = "\(f)\(l)\(index % 997)@\(domain)"
            default: email = "\(f.prefix(1))\(l)\(index % 89)@\(domain)"
            }
        }
        let id = try loader.addCustomer(CustomerDraft(firstName: first, lastName: last, phone: phone, email: email))
        if heavy {
            try loadHeavyCards(customer: id, index: index, loader)
        } else {
            try loadCards(customer: id, index: index, loader)
        }
        try loadPoints(customer: id, index: index, loader)
    }

    /// 40 cards, 400 punches: six N=10 programs with 4 redeemed + 1 complete cards each, two N=12 programs
    /// with 4 redeemed cards and an open one of 2 punches.
    mutating func loadHeavyCards(customer: Int64, index: Int, _ loader: BulkLoader) throws {
        let tens = programs.indices.filter { programs[$0].required == 10 }
        let twelves = programs.indices.filter { programs[$0].required == 12 }
        let chosen = (0..<6).map { tens[(index + $0) % tens.count] } + (0..<2).map { twelves[(index + $0) % twelves.count] }
        var serial = 0, cardNumber = 0
        for p in chosen {
            let required = programs[p].required
            let cards: [(CardState, Int)] = required == 10
                ? [(.redeemed, 10), (.redeemed, 10), (.redeemed, 10), (.redeemed, 10), (.complete, 10)]
                : [(.redeemed, 12), (.redeemed, 12), (.redeemed, 12), (.redeemed, 12), (.open, 2)]
            for (state, count) in cards {
                try loadCard(customer: customer, index: index, program: p, state: state, punches: count,
                             startDay: 1050 - cardNumber * 25, spanDays: 24, serial: &serial, loader)
                cardNumber += 1
            }
        }
    }

    /// A mean of `punchesPerCustomer` punches over one to three programs, on cards filled in order.
    mutating func loadCards(customer: Int64, index: Int, _ loader: BulkLoader) throws {
        let total = min(150, Int((-log(1 - rng.unit()) * Double(shape.punchesPerCustomer)).rounded()))
        guard total > 0 else { return }
        let programCount = min(total, 1 + (total > 8 ? rng.int(3) : 0))
        var shares = Array(repeating: total / programCount, count: programCount)
        shares[0] += total % programCount
        let firstDay = 30 + rng.int(Generator.historyDays - 60)
        var serial = 0
        var used = Set<Int>()
        for share in shares {
            var p = rng.int(programs.count)
            while used.contains(p) { p = rng.int(programs.count) }
            used.insert(p)
            let required = programs[p].required
            var left = share
            let span = max(1, firstDay / max(1, share / required + 1))
            var day = firstDay
            while left > 0 {
                let count = min(left, required)
                left -= count
                let state: CardState = count < required ? .open : (left == 0 && rng.chance(0.4) ? .complete : .redeemed)
                try loadCard(customer: customer, index: index, program: p, state: state, punches: count,
                             startDay: day, spanDays: max(1, span - 1), serial: &serial, loader)
                day = max(1, day - span)
            }
        }
    }

    /// One card and its punches, oldest first, over `spanDays` days ending `startDay - spanDays` days ago.
    mutating func loadCard(customer: Int64, index: Int, program p: Int, state: CardState, punches count: Int,
                           startDay: Int, spanDays: Int, serial: inout Int, _ loader: BulkLoader) throws {
        let program = programs[p]
        var moments: [(day: Int, at: Date)] = []
        for n in 0..<count {
            let day = max(1, min(Generator.historyDays - 1, startDay - n * spanDays / max(1, count)))
            moments.append((day, dayStarts[day].addingTimeInterval(Double(36_000 + rng.int(28_800)))))
        }
        let completed = state == .open ? nil : moments.last?.at
        let redemption = state == .redeemed
            ? HistoricalCard.Redemption(at: completed!.addingTimeInterval(86_400 * Double(1 + rng.int(20))),
                                        by: rng.pick(cashiers), rewardUPC: rng.pick(program.items).upc)
            : nil
        let cardID = try loader.addCard(customerID: customer, programID: program.id, state: state,
                                        createdAt: moments.first?.at ?? dayStarts[startDay], completedAt: completed,
                                        redemption: redemption)
        for moment in moments {
            let item = rng.pick(program.items)
            let roll = rng.int(100)
            let source: PunchSource = roll < 60 ? .counter : roll < 85 ? .realtime : roll < 95 ? .import : .paper
            var sale: String?, line: String?
            if source == .realtime || source == .import {
                sale = "S\(index)-\(serial)"
                line = "L\(index)-\(serial)"
            }
            serial += 1
            try loader.addPunch(cardID: cardID, upc: item.upc, description: item.description, purchaseDate: days[moment.day],
                                source: source, recordedBy: source == .counter ? rng.pick(cashiers) : "lightspeed",
                                recordedAt: moment.at, saleID: sale, saleLineID: line)
        }
    }

    mutating func loadPoints(customer: Int64, index: Int, _ loader: BulkLoader) throws {
        let entries = rng.int(2 * shape.pointsPerCustomer + 1)
        for n in 0..<entries {
            let at = dayStarts[1 + rng.int(Generator.historyDays - 2)].addingTimeInterval(40_000)
            if rng.chance(0.1) {
                try loader.addPoints(customerID: customer, delta: rng.chance(0.5) ? 10 : -10, kind: .adjustment,
                                     reason: "Goodwill", createdAt: at, createdBy: "manager")
            } else {
                try loader.addPoints(customerID: customer, delta: 5 + rng.int(115), kind: .sale,
                                     saleID: "P\(index)-\(n)", createdAt: at, createdBy: "lightspeed")
            }
        }
    }
}
