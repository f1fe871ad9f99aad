import Foundation
import LoyaltyCore
import LoyaltyStore

/// Fills an empty store with `Assets/demo-store.json`: settings (training mode on), users with their
/// documented demo secrets, programs and UPCs, points rewards, customers and their history.
enum DemoStoreLoader {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    static func load(into store: LoyaltyStore, from path: String, now: Date) throws {
        let file: DemoStoreFile
        do {
            file = try JSONDecoder().decode(DemoStoreFile.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
        } catch {
            throw Failure(description: "The demo data \(path) could not be read: \(error)")
        }
        let calendar = try StoreCalendar(timeZoneID: file.store.timeZone)
        let today = calendar.today(now: now)
        func day(_ daysAgo: Int) -> LocalDate { today.adding(days: -daysAgo) }
        // A plausible time of day for things that happened `daysAgo`: opening hours, spread by `salt`.
        func moment(_ daysAgo: Int, salt: Int = 0) -> Date {
            let opening = calendar.startOfDay(day(daysAgo)).addingTimeInterval(10 * 3600)
            let at = opening.addingTimeInterval(TimeInterval((salt * 7919) % (8 * 3600)))
            return daysAgo == 0 ? min(at, now) : at
        }

        guard let adminSpec = file.users.first(where: { $0.role == "admin" }) else {
            throw Failure(description: "The demo data has no admin user.")
        }
        let admin = Operator(try store.createFirstAdmin(username: adminSpec.username,
                                                        displayName: adminSpec.displayName,
                                                        password: adminSpec.password, pin: adminSpec.pin))
        for user in file.users where user.username != adminSpec.username {
            guard let role = Role(rawValue: user.role) else {
                throw Failure(description: "Demo user \(user.username) has an unknown role \(user.role).")
            }
            try store.addUser(username: user.username, displayName: user.displayName, role: role,
                              password: user.password, pin: user.pin, by: admin)
        }

        var settings = try store.settings()
        settings.storeName = file.store.name
        settings.timeZoneID = file.store.timeZone
        settings.goLiveDate = day(file.store.goLiveDaysAgo)
        settings.pointsEnabled = true
        settings.pointsRule = PointsRule(points: file.store.pointsPerDollar)
        settings.trainingMode = true
        try store.updateSettings(settings, by: admin)

        // The default location (made from the settings) becomes the first shop; the others are added.
        var locationIDs: [String: Int64] = [:]
        for (index, spec) in (file.locations ?? []).enumerated() {
            let wanted = Location(name: spec.name, address: spec.address, timeZoneID: spec.timeZone,
                                  lightspeedShopID: spec.lightspeedShopID)
            if index == 0 {
                var first = try store.location(named: nil)
                first.name = wanted.name
                first.address = wanted.address
                first.timeZoneID = wanted.timeZoneID
                first.lightspeedShopID = wanted.lightspeedShopID
                try store.updateLocation(first, by: admin)
                locationIDs[spec.name] = first.id
            } else {
                locationIDs[spec.name] = try store.addLocation(wanted, by: admin).id
            }
        }

        var programIDs: [String: Int64] = [:]
        for spec in file.programs {
            let program = try store.addProgram(
                Program(name: spec.name, manufacturer: spec.manufacturer, punchesRequired: spec.buy,
                        rewardRule: spec.rewardRule, completionWindowMonths: spec.completionWindowMonths),
                by: admin)
            programIDs[spec.key] = program.id
            if let name = spec.location {
                guard let locationID = locationIDs[name] else {
                    throw Failure(description: "Demo program \(spec.name) names an unknown location \(name).")
                }
                try store.setProgramScope(program.id, location: locationID, by: admin)
            }
            for item in spec.items {
                try store.addProgramItem(ProgramItem(programID: program.id, upc: try UPC.parse(item.upc),
                                                     description: item.description, size: item.size), by: admin)
            }
        }
        for reward in file.pointsRewards {
            try store.setPointsReward(name: reward.name, cost: reward.cost, by: admin)
        }

        let drafts = file.customers.map {
            CustomerDraft(firstName: $0.firstName, lastName: $0.lastName, phone: $0.phone ?? "", email: $0.email ?? "")
        }
        let ids = try store.addCustomers(drafts, by: admin)

        var facts: [HistoricalCustomerFacts] = []
        var cards: [HistoricalCard] = []
        var points: [PointsEntry] = []
        for (index, (spec, id)) in zip(file.customers, ids).enumerated() {
            facts.append(HistoricalCustomerFacts(
                customerID: id, notes: spec.notes ?? "",
                pets: (spec.pets ?? []).map { Pet(name: $0.name, species: $0.species) },
                lightspeedCustomerID: spec.lightspeedCustomerID,
                lastRealtimeImport: spec.lastRealtimeImportDaysAgo.map { moment($0, salt: index) }))
            for card in spec.cards ?? [] {
                guard let programID = programIDs[card.program] else {
                    throw Failure(description: "Demo customer \(spec.firstName) has a card of unknown program \(card.program).")
                }
                var punches: [Punch] = []
                for (n, p) in card.punches.enumerated() {
                    guard let source = PunchSource(rawValue: p.source) else {
                        throw Failure(description: "Unknown punch source \(p.source) in the demo data.")
                    }
                    punches.append(Punch(
                        cardID: 0, upc: try UPC.parse(p.upc), itemDescription: "", purchaseDate: day(p.daysAgo),
                        source: source, recordedBy: p.by, recordedAt: moment(p.daysAgo, salt: index + n),
                        saleID: p.saleID, saleLineID: p.saleLineID,
                        exceptionReason: source == .exception ? (p.exceptionReason ?? "Other") : nil,
                        removal: p.removed.map { PunchRemoval(removedAt: moment($0.daysAgo, salt: n + 1),
                                                              removedBy: $0.by, reason: $0.reason) }))
                }
                let redemption = try card.redeemed.map {
                    HistoricalCard.Redemption(at: moment($0.daysAgo, salt: index), by: $0.by,
                                              rewardUPC: try UPC.parse($0.upc))
                }
                cards.append(HistoricalCard(customerID: id, programID: programID, punches: punches,
                                            redemption: redemption, note: card.note ?? ""))
            }
            for (n, entry) in (spec.points ?? []).enumerated() {
                guard let kind = PointsKind(rawValue: entry.kind) else {
                    throw Failure(description: "Unknown points kind \(entry.kind) in the demo data.")
                }
                // Sales carry their Lightspeed sale ID; a generated one marks history from before the link.
                let saleID = entry.saleID ?? ((kind == .sale || kind == .refund) ? "demo-\(id)-\(n)" : nil)
                points.append(PointsEntry(customerID: id, delta: entry.delta, kind: kind, reason: entry.reason ?? "",
                                          saleID: saleID, createdAt: moment(entry.daysAgo, salt: n),
                                          createdBy: "cashier"))
            }
        }
        try store.loadHistory(facts: facts, cards: cards, points: points, by: admin)
        if let claims = file.claims {
            try DemoClaimsLoader.load(claims, into: store, programIDs: programIDs, customers: ids, today: today, admin: admin)
        }
    }
}
