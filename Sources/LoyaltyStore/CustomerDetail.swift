import Foundation
import LoyaltyCore

/// The checkout screen's data as one snapshot (`LoyaltyStore.checkoutSnapshot`).
public struct CheckoutSnapshot: Sendable, Hashable {
    public var detail: CustomerDetail
    public var settings: StoreSettings
    public var programs: [ProgramWithItems]
    /// The active ones, and none when points are off.
    public var pointsRewards: [StoredPointsReward]
    public var pendingSaleIDs: [String]
}

extension LoyaltyStore {
    /// The checkout screen's data: customer (following merges to the primary), pets, cards grouped
    /// by program with their punches, points balance and Today's Purchases. A handful of indexed
    /// queries whatever the number of cards. `location`: the counter's (its "today"); nil: the default location.
    public func customerDetail(id: Int64, at location: Int64? = nil) throws -> CustomerDetail? {
        try read { db in try customerDetail(db, id: id, at: location) }
    }

    /// Everything the checkout screen shows, read in one transaction: the customer's detail, the settings, the
    /// program catalogue, the active points rewards (when points are on) and the Lightspeed sales a press waits
    /// for. One snapshot, so the parts agree; one transaction, because on PostgreSQL each of the five reads
    /// was a BEGIN and a COMMIT of its own — round trips on every checkout opened and every scan's reload.
    ///
    /// `redeemedPunches`: false reads a redeemed card without its punches (`CardDetail(card:countingPunches:)`), as
    /// the checkout does until the cashier shows redeemed cards (H): a long-time customer's redeemed cards hold most
    /// of their punches (336 of 400 rows for the benchmark's heavy customer), and reading them was most of the time
    /// opening a checkout took on PostgreSQL. Today's Purchases still hold today's punches on those cards.
    public func checkoutSnapshot(customer id: Int64, at location: Int64? = nil,
                                 redeemedPunches: Bool = true) throws -> CheckoutSnapshot? {
        try read { db in
            guard let head = try Self.checkoutHead(db, customer: id) else { return nil }
            let catalogue = try programs(db, stamp: head.catalogueStamp)
            let configuration = try configuration(db, stamp: head.configurationStamp)
            let detail = try customerDetail(db, head, requestedID: id, at: location, configuration: configuration,
                                            catalogue: catalogue, redeemedPunches: redeemedPunches)
            let settings = configuration.settings
            return CheckoutSnapshot(detail: detail, settings: settings, programs: catalogue,
                                    pointsRewards: settings.pointsEnabled ? configuration.pointsRewards.filter(\.active) : [],
                                    pendingSaleIDs: try Self.pendingSaleIDs(db, customer: id))
        }
    }

    private func customerDetail(_ db: any SQLConnection, id: Int64, at location: Int64?) throws -> CustomerDetail? {
        guard let head = try Self.checkoutHead(db, customer: id) else { return nil }
        return try customerDetail(db, head, requestedID: id, at: location,
                                  configuration: configuration(db, stamp: head.configurationStamp))
    }

    /// What every read of a customer's checkout begins with, in one statement: the customer (following merges to
    /// the primary, one more statement per merge), the stamps of the program catalogue and of the configuration,
    /// and the points balance. On PostgreSQL each was a round trip of its own, and a checkout opened with a dozen
    /// of them (docs/PERFORMANCE.md).
    struct CheckoutHead {
        var customer: Customer
        var catalogueStamp: Int64
        var configurationStamp: Int64
        var pointsBalance: Int
    }

    static func checkoutHead(_ db: any SQLConnection, customer id: Int64) throws -> CheckoutHead? {
        guard let row = try resolveCustomerRow(db, id, columns: """
            c.*, (SELECT stamp FROM program_catalog_stamp WHERE id = 1) AS catalogue_stamp,
            (SELECT stamp FROM configuration_stamp WHERE id = 1) AS configuration_stamp,
            (SELECT coalesce(sum(delta), 0) FROM points_entries e WHERE e.customer_id = c.id) AS points_balance
            """) else { return nil }
        return CheckoutHead(customer: Customer(row: row), catalogueStamp: row["catalogue_stamp"] ?? 0,
                            configurationStamp: row["configuration_stamp"] ?? 0,
                            pointsBalance: Int(row["points_balance"] as Int64))
    }

    /// The detail of `head`'s customer as `location`'s counter sees it (its today). `catalogue`: the programs as
    /// just read in this transaction, when the caller has them (no need to read the cards' programs again).
    private func customerDetail(_ db: any SQLConnection, _ head: CheckoutHead, requestedID id: Int64, at location: Int64?,
                                configuration: StoreConfiguration, catalogue: [ProgramWithItems]? = nil,
                                redeemedPunches: Bool = true) throws -> CustomerDetail {
        let customer = head.customer
        let pets = try SQLRow.fetchAll(db, sql: "SELECT name, species FROM pets WHERE customer_id = ? ORDER BY id",
                                    arguments: [customer.id]).map { Pet(name: $0["name"], species: $0["species"]) }
        let today = try configuration.location(Operator(username: "", role: .cashier, location: location))
            .calendar.localDate(of: now())
        // Prepared once per connection (the engine keeps statements with arguments), columns by position: opening
        // checkout and every scan's reload run these. The last column: a redeemed card's counting punches, when
        // its punches are not read.
        let unreadCount = redeemedPunches ? "NULL"
            : "CASE WHEN state = 'redeemed' THEN (SELECT count(*) FROM punches p WHERE p.card_id = cards.id AND p.removed_at IS NULL) END"
        let cards = try SQLRow.fetchAll(db, sql: """
            SELECT \(IndexedRows.cardColumns), \(unreadCount) FROM cards WHERE customer_id = ? ORDER BY created_at, id
            """, arguments: [customer.id]).map { row in
                (card: IndexedRows.card(row), unread: row[IndexedRows.cardColumnCount] as Int64?)
            }
        // Without redeemed cards' punches: still today's, which Today's Purchases list (a card filled and redeemed
        // during this visit).
        let punches = try SQLRow.fetchAll(db, sql: """
            SELECT \(IndexedRows.punchColumns("p")) FROM cards c JOIN punches p ON p.card_id = c.id
            WHERE c.customer_id = ?\(redeemedPunches ? "" : " AND (c.state <> 'redeemed' OR p.purchase_date = ?)")
            ORDER BY p.purchase_date, p.id
            """, arguments: redeemedPunches ? [customer.id] : [customer.id, today.iso]).map(IndexedRows.punch)
        let programIDs = Array(Set(cards.map(\.card.programID)))
        let known = Dictionary(catalogue?.map { ($0.program.id, $0.program) } ?? [], uniquingKeysWith: { a, _ in a })
        let programs = programIDs.allSatisfy { known[$0] != nil } ? programIDs.compactMap { known[$0] }
            : Array(try Self.requirePrograms(db, programIDs).values)
        let punchesByCard = Dictionary(grouping: punches, by: \.cardID)
        let cardsByProgram = Dictionary(grouping: cards, by: \.card.programID)
        let grouped = programs.sorted { $0.name < $1.name }.map { program in
            ProgramCards(program: program, cards: (cardsByProgram[program.id] ?? []).map { card, unread in
                unread.map { CardDetail(card: card, countingPunches: Int($0)) }
                    ?? CardDetail(card: card, punches: punchesByCard[card.id] ?? [])
            })
        }
        return CustomerDetail(customer: customer, requestedID: id, pets: pets, programs: grouped,
                              pointsBalance: head.pointsBalance, today: today,
                              todaysPurchases: TodaysPurchases.filter(punches, today: today))
    }

    /// One card with its punches.
    public func card(id: Int64) throws -> CardDetail? {
        try read { db in
            guard let row = try SQLRow.fetchOne(db, sql: "SELECT \(IndexedRows.cardColumns) FROM cards WHERE id = ?",
                                             arguments: [id]) else { return nil }
            return CardDetail(card: IndexedRows.card(row), punches: try Self.punches(db, card: id))
        }
    }

    /// All of a customer's punches (removed ones included), for Import History's matcher
    /// (`MatchablePunch.from` keeps the counting ones).
    public func punches(customer id: Int64) throws -> [Punch] {
        try read { db in
            try SQLRow.fetchAll(db, sql: """
                SELECT \(IndexedRows.punchColumns("p")) FROM cards c JOIN punches p ON p.card_id = c.id
                WHERE c.customer_id = ? ORDER BY p.id
                """, arguments: [id]).map(IndexedRows.punch)
        }
    }

    /// The punches (of any customer) recorded for these Lightspeed sale lines, e.g. the lines a
    /// refund points to with `parentSaleLineID`.
    public func punches(saleLineIDs: [String]) throws -> [Punch] {
        guard !saleLineIDs.isEmpty else { return [] }
        return try read { db in
            try SQLRow.fetchAll(db, sql: """
                SELECT * FROM punches WHERE sale_line_id IN (\(Self.placeholders(saleLineIDs.count))) ORDER BY id
                """, arguments: SQLArguments(saleLineIDs)).map(Punch.init(row:))
        }
    }
}
