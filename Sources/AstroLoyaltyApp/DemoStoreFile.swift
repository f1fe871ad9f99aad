import Foundation

/// The shape of `Assets/demo-store.json` (written by `scripts/make-demo-store.py`).
/// Dates are "days before the store is created", so a demo made on any day looks current.
struct DemoStoreFile: Decodable {
    struct Store: Decodable {
        var name: String
        var timeZone: String
        var goLiveDaysAgo: Int
        var pointsPerDollar: Int
    }
    struct DemoUser: Decodable {
        var username: String
        var displayName: String
        var role: String
        var password: String
        var pin: String
    }
    struct PointsReward: Decodable {
        var name: String
        var cost: Int
    }
    struct Item: Decodable {
        var upc: String
        var description: String
        var size: String
    }
    /// A shop of the chain (Assets/lightspeed-demo.json's shops); the first is the default location.
    struct DemoLocation: Decodable {
        var name: String
        var address: String
        var timeZone: String
        var lightspeedShopID: String?
    }
    struct DemoProgram: Decodable {
        /// The location whose counters alone earn punches on it; nil: the whole chain.
        var location: String?
        var key: String
        var name: String
        var manufacturer: String
        var buy: Int
        var rewardRule: String
        var completionWindowMonths: Int?
        var items: [Item]
    }
    struct Removal: Decodable {
        var by: String
        var reason: String
        var daysAgo: Int
    }
    struct DemoPunch: Decodable {
        var upc: String
        var daysAgo: Int
        var source: String
        var by: String
        var saleID: String?
        var saleLineID: String?
        var exceptionReason: String?
        var removed: Removal?
    }
    struct Redemption: Decodable {
        var daysAgo: Int
        var upc: String
        var by: String
    }
    struct DemoCard: Decodable {
        var program: String
        var note: String?
        var punches: [DemoPunch]
        var redeemed: Redemption?
    }
    struct DemoPoints: Decodable {
        var delta: Int
        var kind: String
        var daysAgo: Int
        var saleID: String?
        var reason: String?
    }
    struct DemoPet: Decodable {
        var name: String
        var species: String
    }
    struct DemoCustomer: Decodable {
        var firstName: String
        var lastName: String
        var phone: String?
        var email: String?
        var notes: String?
        var lightspeedCustomerID: String?
        var lastRealtimeImportDaysAgo: Int?
        var pets: [DemoPet]?
        var cards: [DemoCard]?
        var points: [DemoPoints]?
    }

    var store: Store
    var users: [DemoUser]
    var pointsRewards: [PointsReward]
    var programs: [DemoProgram]
    /// The chain's locations (issue 18); nil: the one default location.
    var locations: [DemoLocation]?
    var customers: [DemoCustomer]
    /// Manufacturer claims (issue 17): distributors, rules per program, the story of the demo's claims.
    var claims: DemoClaims?

    struct DemoClaims: Decodable {
        struct Distributor: Decodable {
            var key: String
            var name: String
            var account: String
            var deadlineDays: Int
            var require: [String]
        }
        struct RuleItem: Decodable {
            var upc: String
            var group: String
            var retail: String
            var excluded: Bool?
        }
        struct Rules: Decodable {
            var program: String
            var distributor: String
            var cap: String
            var windowMonths: Int?
            var items: [RuleItem]
        }
        struct Story: Decodable {
            var firstBatchDaysAgo: Int
            var secondBatchDaysAgo: Int
            var deny: Int
            var reconcileDaysAgo: Int
            var denyReasons: [String]
        }
        var storeAddress: String
        var distributors: [Distributor]
        var rules: [Rules]
        var story: Story
    }
}
