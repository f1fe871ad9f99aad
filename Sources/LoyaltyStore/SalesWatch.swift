import Foundation
import LoyaltyCore

/// What the sales watcher did with one Lightspeed sale it read (kept so a replayed page skips it, and so
/// the sales of customers linked to nobody wait in a queue instead of being lost).
public enum WatchedSaleOutcome: String, Sendable, Hashable, Codable, CaseIterable {
    /// Recorded for a linked customer through the button's path (possibly "nothing new").
    case recorded
    /// The sale's Lightspeed customer is linked to nobody here: queued for "Lightspeed customers to link".
    case unlinked
    /// No customer on the sale: nothing to record.
    case noCustomer = "no-customer"
    /// Voided before the watcher saw it completed.
    case voided
    /// A refund (returned items): left for a person, never applied by the watcher.
    case refund
}

/// One sale as the watcher commits it with its page.
public struct WatchedSale: Sendable, Hashable, Codable {
    public var saleID: String
    public var outcome: WatchedSaleOutcome
    public var completeTime: Date
    /// Lightspeed's `updatetime` when read: a later read with a newer one is recorded again (only what is new).
    public var updateTime: Date?
    public var shopID: String?
    public var lightspeedCustomerID: String?
    /// The loyalty customer it was recorded for.
    public var customerID: Int64?
    /// The Lightspeed customer's details, for the queue of customers to link.
    public var firstName: String
    public var lastName: String
    public var phone: String?
    public var email: String?
    /// The sale's total in cents (what the queue shows next to its date).
    public var totalCents: Int?

    public init(saleID: String, outcome: WatchedSaleOutcome, completeTime: Date, updateTime: Date? = nil, shopID: String? = nil,
                lightspeedCustomerID: String? = nil, customerID: Int64? = nil, firstName: String = "",
                lastName: String = "", phone: String? = nil, email: String? = nil, totalCents: Int? = nil) {
        self.totalCents = totalCents
        self.saleID = saleID
        self.outcome = outcome
        self.completeTime = completeTime
        self.updateTime = updateTime
        self.shopID = shopID
        self.lightspeedCustomerID = lightspeedCustomerID
        self.customerID = customerID
        self.firstName = firstName
        self.lastName = lastName
        self.phone = phone
        self.email = email
    }
}

/// The watcher's place in the account's sales and who is watching.
public struct WatcherRecord: Sendable, Hashable, Codable {
    /// Every sale completed before this instant (less the re-read overlap) has been committed.
    public var checkpoint: Date?
    /// Voids are looked for from this `updatetime` on.
    public var voidCheckpoint: Date?
    public var leaseHolder: String?
    public var leaseUntil: Date?
    /// When a pass last reached the end of the sales (the "up to date" time).
    public var upToDateAt: Date?
    /// Sales committed by the watcher so far, by outcome.
    public var counts: [String: Int]
}

/// Whether this holder may watch now.
public enum WatcherLease: Sendable, Hashable {
    case held(until: Date)
    case heldByOther(holder: String, until: Date)
}

/// One sale waiting in the queue.
public struct QueuedSale: Sendable, Hashable, Codable {
    public var saleID: String
    public var completeTime: Date
    public var totalCents: Int?
    public init(saleID: String, completeTime: Date, totalCents: Int?) {
        self.saleID = saleID
        self.completeTime = completeTime
        self.totalCents = totalCents
    }
}

/// One Lightspeed customer whose sales wait for a link, with what the queue shows.
public struct UnlinkedLightspeedCustomer: Sendable, Hashable, Codable {
    public var lightspeedCustomerID: String
    public var firstName: String
    public var lastName: String
    public var phone: String?
    public var email: String?
    public var saleIDs: [String]
    public var firstSale: Date
    public var lastSale: Date
    /// Each queued sale (ID, completion, total when the watcher read it), oldest first.
    public var sales: [QueuedSale] = []

    public var fullName: String { [firstName, lastName].filter { !$0.isEmpty }.joined(separator: " ") }
}

extension LoyaltyStore {
    static func createWatcherTables(_ db: any SQLConnection) throws {
        try db.execute(sql: """
            CREATE TABLE watcher_state (
                id INTEGER PRIMARY KEY CHECK (id = 1),
                checkpoint DATETIME,
                void_checkpoint DATETIME,
                lease_holder TEXT,
                lease_until DATETIME,
                up_to_date_at DATETIME,
                CHECK ((lease_holder IS NULL) = (lease_until IS NULL))
            );
            INSERT INTO watcher_state (id) VALUES (1);

            CREATE TABLE watcher_sales (
                sale_id TEXT PRIMARY KEY NOT NULL,
                outcome TEXT NOT NULL CHECK (outcome IN ('recorded', 'unlinked', 'no-customer', 'voided', 'refund')),
                complete_time DATETIME NOT NULL,
                update_time DATETIME,
                shop_id TEXT,
                lightspeed_customer_id TEXT,
                customer_id INTEGER REFERENCES customers(id),
                first_name TEXT NOT NULL DEFAULT '',
                last_name TEXT NOT NULL DEFAULT '',
                phone TEXT,
                email TEXT,
                seen_at DATETIME NOT NULL,
                seen_by TEXT NOT NULL,
                resolved_at DATETIME,
                resolved_by TEXT,
                CHECK (outcome != 'unlinked' OR lightspeed_customer_id IS NOT NULL),
                CHECK ((resolved_at IS NULL) = (resolved_by IS NULL))
            ) WITHOUT ROWID;
            CREATE INDEX watcher_sales_waiting ON watcher_sales(lightspeed_customer_id, complete_time)
                WHERE outcome = 'unlinked' AND resolved_at IS NULL;
            """)
    }

    /// The queue shows each waiting sale's amount (migration `v10-watcher-sale-totals`).
    static func addWatcherSaleTotals(_ db: any SQLConnection) throws {
        try db.execute(sql: "ALTER TABLE watcher_sales ADD COLUMN total_cents INTEGER")
    }

    public func watcherRecord() throws -> WatcherRecord {
        try read { db in
            let row = try SQLRow.fetchOne(db, sql: "SELECT * FROM watcher_state WHERE id = 1")
            var counts: [String: Int] = [:]
            for count in try SQLRow.fetchAll(db, sql: "SELECT outcome, count(*) AS n FROM watcher_sales GROUP BY outcome") {
                counts[count["outcome"]] = count["n"]
            }
            return WatcherRecord(checkpoint: row?["checkpoint"], voidCheckpoint: row?["void_checkpoint"],
                                 leaseHolder: row?["lease_holder"], leaseUntil: row?["lease_until"],
                                 upToDateAt: row?["up_to_date_at"], counts: counts)
        }
    }

    /// Takes (or renews) the one watcher lease for `seconds`: granted when nobody holds it, when this holder
    /// does, or when the holder stopped renewing (its time ran out). Two counters on one store thus never
    /// both watch; a crashed one is taken over once its lease lapses. A take-over is audited.
    public func takeWatcherLease(holder: String, seconds: TimeInterval, by op: Operator) throws -> WatcherLease {
        try op.require(.checkout, "record Lightspeed sales")
        return try write { db in
            let row = try SQLRow.fetchOne(db, sql: "SELECT lease_holder, lease_until FROM watcher_state WHERE id = 1")
            let current: String? = row?["lease_holder"]
            let until: Date? = row?["lease_until"]
            let at = now()
            if let current, current != holder, let until, until > at {
                return .heldByOther(holder: current, until: until)
            }
            let newUntil = at.addingTimeInterval(seconds)
            try db.execute(sql: "UPDATE watcher_state SET lease_holder = ?, lease_until = ? WHERE id = 1",
                           arguments: [holder, newUntil])
            if current != holder {
                try audit(db, op, .watcherLease,
                          current.map { "Lightspeed watcher: \(holder) took over from \($0) (lease lapsed)" }
                              ?? "Lightspeed watcher: \(holder) started watching",
                          details: ["holder": holder, "previous": current ?? ""])
            }
            return .held(until: newUntil)
        }
    }

    /// Gives the lease up (a clean stop), so another counter can take over at once.
    public func releaseWatcherLease(holder: String) throws {
        try write { db in
            try db.execute(sql: """
                UPDATE watcher_state SET lease_holder = NULL, lease_until = NULL WHERE id = 1 AND lease_holder = ?
                """, arguments: [holder])
        }
    }

    /// Of these sale IDs, those the watcher already committed, with the `updatetime` they had then (a re-read
    /// page skips them unless Lightspeed changed them since).
    public func watchedSales(_ saleIDs: [String]) throws -> [String: Date] {
        guard !saleIDs.isEmpty else { return [:] }
        return try read { db in
            var found: [String: Date] = [:]
            for row in try SQLRow.fetchAll(db, sql: """
                SELECT sale_id, update_time FROM watcher_sales WHERE sale_id IN (\(Self.placeholders(saleIDs.count)))
                """, arguments: SQLArguments(saleIDs)) {
                found[row["sale_id"]] = row["update_time"] ?? Date.distantPast
            }
            return found
        }
    }

    /// Commits one page the watcher has handled: its sales' outcomes and the checkpoint, in one transaction,
    /// only while `holder` still holds the lease (else nothing is written and false comes back). The
    /// sales' punches and points were committed before this, through the button's own path, so the
    /// checkpoint is never ahead of what is recorded; it only moves forward.
    @discardableResult
    public func commitWatchedPage(holder: String, sales: [WatchedSale], checkpoint: Date?, upToDate: Bool,
                                  by op: Operator) throws -> Bool {
        try op.require(.checkout, "record Lightspeed sales")
        return try write { db in
            let at = now()
            guard try String.fetchOne(db, sql: """
                SELECT lease_holder FROM watcher_state WHERE id = 1 AND lease_holder = ? AND lease_until > ?
                """, arguments: [holder, at]) != nil else { return false }
            for sale in sales {
                try db.execute(sql: """
                    INSERT INTO watcher_sales (sale_id, outcome, complete_time, update_time, shop_id, lightspeed_customer_id,
                        customer_id, first_name, last_name, phone, email, seen_at, seen_by, total_cents)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (sale_id) DO UPDATE SET update_time = excluded.update_time, total_cents = excluded.total_cents
                    """, arguments: [sale.saleID, sale.outcome.rawValue, sale.completeTime, sale.updateTime, sale.shopID,
                                     sale.lightspeedCustomerID, sale.customerID, sale.firstName, sale.lastName,
                                     sale.phone, sale.email, at, op.username, sale.totalCents])
            }
            if let checkpoint {
                try db.execute(sql: """
                    UPDATE watcher_state SET checkpoint = CASE WHEN checkpoint IS NULL OR checkpoint < ?1 THEN ?1 ELSE checkpoint END
                    WHERE id = 1
                    """, arguments: [checkpoint])
            }
            if upToDate { try db.execute(sql: "UPDATE watcher_state SET up_to_date_at = ? WHERE id = 1", arguments: [at]) }
            if !sales.isEmpty {
                let byOutcome = Dictionary(grouping: sales, by: \.outcome).mapValues(\.count)
                try audit(db, op, .watcherPage,
                          "Lightspeed watcher: \(sales.count) sale\(sales.count == 1 ? "" : "s") ("
                            + byOutcome.sorted { $0.key.rawValue < $1.key.rawValue }.map { "\($0.value) \($0.key.rawValue)" }
                                .joined(separator: ", ") + ")",
                          details: ["saleIDs": sales.map(\.saleID).joined(separator: ","),
                                    "checkpoint": checkpoint.map { ISO8601DateFormatter().string(from: $0) } ?? ""])
            }
            return true
        }
    }

    /// Sets where the watcher starts (admin: a store turning the watcher on decides from when; earlier
    /// sales are the sweep's job). Never moves an existing checkpoint back unless `force`.
    public func setWatcherCheckpoint(_ date: Date, force: Bool = false, by op: Operator) throws {
        try op.require(.editSettings, "set where the Lightspeed watcher starts")
        try write { db in
            let current = try Date.fetchOne(db, sql: "SELECT checkpoint FROM watcher_state WHERE id = 1")
            if let current, !force, current > date { return }
            try db.execute(sql: "UPDATE watcher_state SET checkpoint = ? WHERE id = 1", arguments: [date])
            try audit(db, op, .watcherLease, "Lightspeed watcher: starts from \(ISO8601DateFormatter().string(from: date))",
                      details: ["checkpoint": ISO8601DateFormatter().string(from: date)])
        }
    }

    /// Lightspeed customers whose completed sales wait for a link, newest sale first.
    public func unlinkedLightspeedCustomers(limit: Int = 200) throws -> [UnlinkedLightspeedCustomer] {
        try read { db in
            let rows = try SQLRow.fetchAll(db, sql: """
                SELECT lightspeed_customer_id, first_name, last_name, phone, email, sale_id, complete_time, total_cents
                FROM watcher_sales WHERE outcome = 'unlinked' AND resolved_at IS NULL
                ORDER BY lightspeed_customer_id, complete_time
                """)
            var byID: [String: UnlinkedLightspeedCustomer] = [:]
            for row in rows {
                let id: String = row["lightspeed_customer_id"]
                let time: Date = row["complete_time"]
                let sale = QueuedSale(saleID: row["sale_id"], completeTime: time, totalCents: row["total_cents"])
                if var entry = byID[id] {
                    entry.saleIDs.append(sale.saleID)
                    entry.sales.append(sale)
                    entry.lastSale = max(entry.lastSale, time)
                    byID[id] = entry
                } else {
                    var entry = UnlinkedLightspeedCustomer(lightspeedCustomerID: id, firstName: row["first_name"],
                                                           lastName: row["last_name"], phone: row["phone"], email: row["email"],
                                                           saleIDs: [sale.saleID], firstSale: time, lastSale: time)
                    entry.sales = [sale]
                    byID[id] = entry
                }
            }
            return Array(byID.values.sorted { ($0.lastSale, $0.lightspeedCustomerID) > ($1.lastSale, $1.lightspeedCustomerID) }
                .prefix(limit))
        }
    }

    /// Marks queued sales of a Lightspeed customer as dealt with (recorded after linking, or found already on
    /// record). A manager's work: the queue is the manager's screen ("Lightspeed customers to link").
    public func resolveUnlinkedSales(_ saleIDs: [String], customer: Int64, by op: Operator) throws {
        try op.require(.reviewLightspeedSales, "record the queued Lightspeed sales")
        guard !saleIDs.isEmpty else { return }
        try write { db in try resolveUnlinkedSales(db, saleIDs, customer: customer, by: op) }
    }

    /// Inside a transaction already open (Import History's commit of a queued customer's older sales).
    func resolveUnlinkedSales(_ db: any SQLConnection, _ saleIDs: [String], customer: Int64, by op: Operator) throws {
        try db.execute(sql: """
            UPDATE watcher_sales SET outcome = 'recorded', customer_id = ?, resolved_at = ?, resolved_by = ?
            WHERE outcome = 'unlinked' AND resolved_at IS NULL AND sale_id IN (\(Self.placeholders(saleIDs.count)))
            """, arguments: SQLArguments([customer, now(), op.username] as [(any SQLValueConvertible)?])
                + SQLArguments(saleIDs))
        let name = try Self.customerName(db, customer)
        try audit(db, op, .watcherLink, customer: customer,
                  "\(name): \(Counting.of(saleIDs.count, "queued Lightspeed sale")) recorded after linking",
                  details: ["saleIDs": saleIDs.joined(separator: ",")])
    }
}

extension LoyaltyStore {
    /// Every customer linked to a Lightspeed customer (not merged away): ID and Lightspeed ID, by ID.
    public func linkedCustomers() throws -> [(id: Int64, lightspeedID: String)] {
        try read { db in
            try SQLRow.fetchAll(db, sql: """
                SELECT id, lightspeed_customer_id FROM customers
                WHERE lightspeed_customer_id IS NOT NULL AND merged_into IS NULL ORDER BY id
                """).map { (id: $0["id"], lightspeedID: $0["lightspeed_customer_id"]) }
        }
    }
}
