import Foundation
import LoyaltyCore
import LoyaltyStore

/// A customer as `customer show` and `customer find --json` print them: what the checkout screen shows.
struct CustomerReport: Encodable {
    struct PunchLine: Encodable {
        let id: Int64
        let date: String
        let upc: String?
        let item: String
        let source: String
        let recordedBy: String
        /// When the punch was recorded (a scan kept while the server was down: when it was scanned).
        let recordedAt: Date
        let saleID: String?
        let saleLineID: String?
        let removed: String?
    }
    struct CardLine: Encodable {
        let id: Int64
        let program: String
        let state: String
        let punches: Int
        let of: Int
        let note: String
        let rewardUPC: String?
        let punchList: [PunchLine]
    }
    let id: Int64
    let name: String
    let phone: String?
    let email: String?
    let lightspeedCustomerID: String?
    let lastRealtimeImport: Date?
    let points: Int
    let pets: [String]
    let cards: [CardLine]
    let todaysPurchases: Int

    init(_ detail: CustomerDetail) {
        let c = detail.customer
        id = c.id
        name = c.fullName
        phone = c.phone
        email = c.email
        lightspeedCustomerID = c.lightspeedCustomerID
        lastRealtimeImport = c.lastRealtimeImport
        points = detail.pointsBalance
        pets = detail.pets.map { $0.species.isEmpty ? $0.name : "\($0.name) (\($0.species))" }
        todaysPurchases = detail.todaysPurchases.count
        cards = detail.programs.flatMap { group in
            group.cards.map { card in
                CardLine(id: card.card.id, program: group.program.name, state: card.card.state.rawValue,
                         punches: card.countingPunches, of: group.program.punchesRequired, note: card.card.note,
                         rewardUPC: card.card.rewardUPC?.display,
                         punchList: card.punches.map { p in
                             PunchLine(id: p.id, date: p.purchaseDate.iso, upc: p.upc?.display, item: p.itemDescription,
                                       source: p.source.rawValue, recordedBy: p.recordedBy, recordedAt: p.recordedAt,
                                       saleID: p.saleID,
                                       saleLineID: p.saleLineID,
                                       removed: p.removal.map { "by \($0.removedBy): \($0.reason)" })
                         })
            }
        }
    }

    var human: String {
        var lines = ["#\(id) \(name)",
                     "  phone \(phone ?? "-")   email \(email ?? "-")   points \(points)",
                     "  Lightspeed: " + (lightspeedCustomerID.map { "customer \($0)" } ?? "not linked")]
        if !pets.isEmpty { lines.append("  pets: " + pets.joined(separator: ", ")) }
        for card in cards {
            let mark = card.state == "complete" ? "  Reward earned" : card.state == "redeemed" ? "  (redeemed)" : ""
            lines.append("  card #\(card.id) \(card.program): \(card.punches)/\(card.of)\(mark)")
        }
        if cards.isEmpty { lines.append("  no cards yet") }
        return lines.joined(separator: "\n")
    }
}

extension CustomerReport {
    init(_ detail: CustomerDetail?, summary: CustomerSummary?) throws {
        guard let detail else { throw CLIError("No customer #\(summary?.id ?? 0).") }
        self.init(detail)
    }
}
