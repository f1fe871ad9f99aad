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
        let start = Clock.nanoseconds()
        let timed: @Sendable (String) -> Void = { progress(String(format: "%6.1f s  ", Double(Clock.nanoseconds() - start) / 1e9) + $0) }
        timed("admin and settings done")
        return try store.bulkLoad(by: admin, progress: timed) { loader in
            // Programs first (their IDs go into the plans); then one thread plans customers while this one
            // inserts them: the random stream is consumed in one order, so the store is the same every time.
            let catalog = try Catalog.load(shape: shape, into: loader)
            let queue = PlanQueue()
            let producer = Thread {
                var planner = Planner(shape: shape, catalog: catalog)
                var chunk: [PlannedCustomer] = []
                for index in 0..<shape.customers {
                    chunk.append(planner.plan(index))
                    if chunk.count == 500 || index == shape.customers - 1 {
                        queue.push(chunk)
                        chunk = []
                    }
                }
                queue.finish()
            }
            producer.start()
            var loaded = 0
            while let chunk = queue.pop() {
                for customer in chunk {
                    try Self.insert(customer, into: loader)
                    loaded += 1
                    if loaded % 100_000 == 0 { timed("  \(loaded) customers") }
                }
            }
        }
    }

    static func insert(_ customer: PlannedCustomer, into loader: BulkLoader) throws {
        let id = try loader.addCustomer(customer.draft)
        for card in customer.cards {
            let cardID = try loader.addCard(customerID: id, programID: card.programID, state: card.state,
                                            createdAt: card.createdAt, completedAt: card.completedAt,
                                            redemption: card.redemption)
            for p in card.punches {
                try loader.addPunch(cardID: cardID, upc: p.upc, description: p.description, purchaseDate: p.day,
                                    source: p.source, recordedBy: p.recordedBy, recordedAt: p.at, saleID: p.sale,
                                    saleLineID: p.line)
            }
        }
        for e in customer.points {
            try loader.addPoints(customerID: id, delta: e.delta, kind: e.kind, reason: e.reason, saleID: e.sale,
                                 createdAt: e.at, createdBy: e.by)
        }
    }
}

/// One customer as planned by the generator, ready to insert.
struct PlannedCustomer: Sendable {
    struct Punch: Sendable {
        var upc: UPC, description: String, day: LocalDate, source: PunchSource, recordedBy: String, at: Date
        var sale: String?, line: String?
    }
    struct Card: Sendable {
        var programID: Int64, state: CardState, createdAt: Date, completedAt: Date?
        var redemption: HistoricalCard.Redemption?
        var punches: [Punch]
    }
    struct Points: Sendable {
        var delta: Int, kind: PointsKind, reason: String, sale: String?, at: Date, by: String
    }
    var draft: CustomerDraft
    var cards: [Card] = []
    var points: [Points] = []
}

/// Chunks of planned customers from the planning thread to the inserting one (bounded: the planner waits
/// when it is far ahead, so memory stays flat).
final class PlanQueue: @unchecked Sendable {
    private let condition = NSCondition()
    private var chunks: [[PlannedCustomer]] = []
    private var finished = false

    func push(_ chunk: [PlannedCustomer]) {
        condition.withLock {
            while chunks.count >= 16 { condition.wait() }
            chunks.append(chunk)
            condition.broadcast()
        }
    }

    func finish() { condition.withLock { finished = true; condition.broadcast() } }

    func pop() -> [PlannedCustomer]? {
        condition.withLock {
            while chunks.isEmpty && !finished { condition.wait() }
            guard !chunks.isEmpty else { return nil }
            condition.broadcast()
            return chunks.removeFirst()
        }
    }
}

/// The programs and their UPCs, as loaded.
struct Catalog: Sendable {
    struct Item: Sendable { var upc: UPC; var description: String }
    struct ProgramInfo: Sendable { var id: Int64; var required: Int; var items: [Item] }
    var programs: [ProgramInfo] = []

    static func load(shape: StoreShape, into loader: BulkLoader) throws -> Catalog {
        var catalog = Catalog()
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
                let upc = upcA(manufacturer: 71_000 + p, item: i + 1)
                let description = "\(brand) \(line) \(flavor) \(size)"
                try loader.addProgramItem(upc: upc, programID: id, description: description, size: size)
                items.append(Item(upc: upc, description: description))
            }
            catalog.programs.append(ProgramInfo(id: id, required: required, items: items))
        }
        return catalog
    }

    /// A UPC-A with its check digit: number system 0, 5-digit manufacturer, 5-digit item.
    static func upcA(manufacturer: Int, item: Int) -> UPC {
        let body = "0" + String(format: "%05d%05d", manufacturer % 100_000, item % 100_000)
        let digits = body.compactMap(\.wholeNumberValue)
        var sum = 0
        for (i, d) in digits.enumerated() { sum += i % 2 == 0 ? d * 3 : d }
        return try! UPC.parse(body + String((10 - sum % 10) % 10))
    }
}

/// Plans customers one after another from the seed: names, phones, emails, cards, punches, points.
private struct Planner {
    let shape: StoreShape
    let catalog: Catalog
    var rng: SeededRandom
    let lastNames: [String]
    let days: [LocalDate]
    let dayStarts: [Date]
    let cashiers = ["cashier", "cashier2", "ann", "bob", "manager"]
    let tens: [Int]
    let twelves: [Int]

    init(shape: StoreShape, catalog: Catalog) {
        self.shape = shape
        self.catalog = catalog
        var random = SeededRandom(seed: shape.seed)
        lastNames = Names.commonLast + Names.generatedLast(6000, rng: &random)
        rng = random
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let reference = calendar.date(from: DateComponents(year: 2026, month: 10, day: 31))!
        days = (0..<Generator.historyDays).map { Generator.referenceDay.adding(days: -$0) }
        dayStarts = (0..<Generator.historyDays).map { reference.addingTimeInterval(-Double($0) * 86_400) }
        tens = catalog.programs.indices.filter { catalog.programs[$0].required == 10 }
        twelves = catalog.programs.indices.filter { catalog.programs[$0].required == 12 }
    }

    mutating func plan(_ index: Int) -> PlannedCustomer {
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
        var customer = PlannedCustomer(draft: CustomerDraft(firstName: first, lastName: last, phone: phone, email: email))
        if heavy { planHeavyCards(index, &customer) } else { planCards(index, &customer) }
        planPoints(index, &customer)
        return customer
    }

    /// 40 cards, 400 punches: six N=10 programs with 4 redeemed + 1 complete cards each, two N=12 programs
    /// with 4 redeemed cards and an open one of 2 punches.
    mutating func planHeavyCards(_ index: Int, _ customer: inout PlannedCustomer) {
        let chosen = (0..<6).map { tens[(index + $0) % tens.count] } + (0..<2).map { twelves[(index + $0) % twelves.count] }
        var serial = 0, cardNumber = 0
        for p in chosen {
            let required = catalog.programs[p].required
            let cards: [(CardState, Int)] = required == 10
                ? [(.redeemed, 10), (.redeemed, 10), (.redeemed, 10), (.redeemed, 10), (.complete, 10)]
                : [(.redeemed, 12), (.redeemed, 12), (.redeemed, 12), (.redeemed, 12), (.open, 2)]
            for (state, count) in cards {
                customer.cards.append(planCard(index, program: p, state: state, punches: count,
                                               startDay: 1050 - cardNumber * 25, spanDays: 24, serial: &serial))
                cardNumber += 1
            }
        }
    }

    /// A mean of `punchesPerCustomer` punches over one to three programs, on cards filled in order.
    mutating func planCards(_ index: Int, _ customer: inout PlannedCustomer) {
        let total = min(150, Int((-log(1 - rng.unit()) * Double(shape.punchesPerCustomer)).rounded()))
        guard total > 0 else { return }
        let programCount = min(total, 1 + (total > 8 ? rng.int(3) : 0))
        var shares = Array(repeating: total / programCount, count: programCount)
        shares[0] += total % programCount
        let firstDay = 30 + rng.int(Generator.historyDays - 60)
        var serial = 0
        var used = Set<Int>()
        for share in shares {
            var p = rng.int(catalog.programs.count)
            while used.contains(p) { p = rng.int(catalog.programs.count) }
            used.insert(p)
            let required = catalog.programs[p].required
            var left = share
            let span = max(1, firstDay / max(1, share / required + 1))
            var day = firstDay
            while left > 0 {
                let count = min(left, required)
                left -= count
                let state: CardState = count < required ? .open : (left == 0 && rng.chance(0.4) ? .complete : .redeemed)
                customer.cards.append(planCard(index, program: p, state: state, punches: count, startDay: day,
                                               spanDays: max(1, span - 1), serial: &serial))
                day = max(1, day - span)
            }
        }
    }

    /// One card and its punches, oldest first, spread over `spanDays` days from `startDay` days ago.
    mutating func planCard(_ index: Int, program p: Int, state: CardState, punches count: Int, startDay: Int,
                           spanDays: Int, serial: inout Int) -> PlannedCustomer.Card {
        let program = catalog.programs[p]
        var punches: [PlannedCustomer.Punch] = []
        punches.reserveCapacity(count)
        for n in 0..<count {
            let day = max(1, min(Generator.historyDays - 1, startDay - n * spanDays / max(1, count)))
            let at = dayStarts[day].addingTimeInterval(Double(36_000 + rng.int(28_800)))
            let item = rng.pick(program.items)
            let roll = rng.int(100)
            let source: PunchSource = roll < 60 ? .counter : roll < 85 ? .realtime : roll < 95 ? .import : .paper
            var sale: String?, line: String?
            if source == .realtime || source == .import {
                sale = "S\(index)-\(serial)"
                line = "L\(index)-\(serial)"
            }
            serial += 1
            punches.append(PlannedCustomer.Punch(upc: item.upc, description: item.description, day: days[day],
                                                 source: source,
                                                 recordedBy: source == .counter ? rng.pick(cashiers) : "lightspeed",
                                                 at: at, sale: sale, line: line))
        }
        let completed = state == .open ? nil : punches.last?.at
        let redemption = state == .redeemed
            ? HistoricalCard.Redemption(at: completed!.addingTimeInterval(86_400 * Double(1 + rng.int(20))),
                                        by: rng.pick(cashiers), rewardUPC: rng.pick(program.items).upc)
            : nil
        return PlannedCustomer.Card(programID: program.id, state: state, createdAt: punches.first?.at ?? dayStarts[startDay],
                                    completedAt: completed, redemption: redemption, punches: punches)
    }

    mutating func planPoints(_ index: Int, _ customer: inout PlannedCustomer) {
        let entries = rng.int(2 * shape.pointsPerCustomer + 1)
        for n in 0..<entries {
            let at = dayStarts[1 + rng.int(Generator.historyDays - 2)].addingTimeInterval(40_000)
            if rng.chance(0.1) {
                customer.points.append(PlannedCustomer.Points(delta: rng.chance(0.5) ? 10 : -10, kind: .adjustment,
                                                              reason: "Goodwill", sale: nil, at: at, by: "manager"))
            } else {
                customer.points.append(PlannedCustomer.Points(delta: 5 + rng.int(115), kind: .sale, reason: "",
                                                              sale: "P\(index)-\(n)", at: at, by: "lightspeed"))
            }
        }
    }
}
