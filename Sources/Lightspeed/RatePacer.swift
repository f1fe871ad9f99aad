import Foundation

/// Keeps our own estimate of Lightspeed's leaky bucket from the `X-LS-API-Bucket-Level` ("used/size") and
/// `X-LS-API-Drip-Rate` headers, and waits before a request that would overflow it, so a long import
/// never draws a 429.
actor RatePacer {
    private let environment: LightspeedEnvironment
    private var level = 0.0
    private var size = 90.0
    private var dripRate = 1.0
    private var observedAt: Date?
    /// Room kept free below the bucket size: other programs on the same account spend from it too.
    private let headroom: Double

    init(environment: LightspeedEnvironment, headroom: Double = 3) {
        self.environment = environment
        self.headroom = headroom
    }

    /// Waits until one more request of `cost` fits, then books it.
    func waitTurn(cost: Double = 1) async throws {
        guard let observedAt else { return }
        let now = environment.now()
        let current = max(0, level - dripRate * now.timeIntervalSince(observedAt))
        let limit = max(1, size - headroom)
        let excess = current + cost - limit
        var wait = 0.0
        if excess > 0 {
            wait = excess / max(dripRate, 0.01)
        }
        // Book it before sleeping, so concurrent callers queue up behind this one.
        level = current + cost
        self.observedAt = now.addingTimeInterval(0)
        if wait > 0 {
            level -= dripRate * wait
            self.observedAt = now.addingTimeInterval(wait)
            try await environment.sleep(wait)
        }
    }

    /// Takes the server's word for the bucket after each answer.
    func observe(_ answer: HTTPAnswer) {
        if let bucket = answer.header("X-LS-API-Bucket-Level") {
            let parts = bucket.split(separator: "/")
            if parts.count == 2, let used = Double(parts[0].trimmingCharacters(in: .whitespaces)),
               let total = Double(parts[1].trimmingCharacters(in: .whitespaces)), total > 0 {
                level = used
                size = total
                observedAt = environment.now()
            }
        }
        if let drip = answer.header("X-LS-API-Drip-Rate").flatMap({ Double($0.trimmingCharacters(in: .whitespaces)) }),
           drip > 0 {
            dripRate = drip
        }
    }
}

/// What a GET costs in Lightspeed's bucket, estimated before sending it so the pacer books the real cost
/// (Lightspeed's rate-limit page): 1, plus 0.1 per loaded to-one relation and 0.2 per to-many one, each
/// doubled on a query (list) endpoint and again under a to-many relation; `count=1` costs 10. A sale page
/// with its lines and their items costs 1.8, not 1. The bucket level the answer reports corrects any error.
enum RequestCost {
    /// Relations that load many records; everything else loads one.
    static let toMany: Set<String> = ["SaleLines", "SalePayments", "SaleNotes", "Tags", "CustomFieldValues",
                                      "TaxCategoryClasses", "Prices", "ItemShops", "Phones", "Emails", "Addresses"]

    static func estimate(for url: URL) -> Double {
        let items = QueryEncoding.parse(url.query ?? "")
        if items.contains(where: { $0.0 == "count" && $0.1 == "1" }) { return 10 }
        // `/API/V3/Account/{A}/Sale.json` is a query; `/API/V3/Account/{A}/Sale/{id}.json` one record.
        let parts = url.path.split(separator: "/")
        let isQuery = parts.count != 6
        guard let raw = items.last(where: { $0.0 == "load_relations" })?.1 else { return 1 }
        if raw == "all" { return 1 + (isQuery ? 4 : 2) }
        let names = (try? LightspeedBody.decode(OneOrMany<Lenient>.self, from: Data(raw.utf8)))?.items.compactMap(\.text) ?? []
        return estimate(relations: names, isQuery: isQuery)
    }

    /// A GET loading `relations` (dotted paths, as in `load_relations`) from a list (`isQuery`) or one record.
    /// The sales watcher books its pages with this before sending them, from the relations the page loads.
    static func estimate(relations names: [String], isQuery: Bool) -> Double {
        var cost = 1.0
        for name in names {
            let path = name.split(separator: ".").map(String.init)
            guard let last = path.last else { continue }
            var part = toMany.contains(last) ? 0.2 : 0.1
            if isQuery { part *= 2 }
            if path.dropLast().contains(where: toMany.contains) { part *= 2 }
            cost += part
        }
        return cost
    }
}

extension RatePacer {
    /// The bucket's size and drip rate as last seen (for the sales watcher's share).
    func shape() -> BucketShape { BucketShape(size: size, dripRate: dripRate) }
}
