import Foundation
import LoyaltyCore

extension Schema {
    /// Migration v10-locations: the store's locations (a chain shares one customer base), a default one made
    /// from the store's settings so a single-counter store works unchanged, a program's scope
    /// (`programs.location_id`, NULL = the whole chain) and where each punch, redemption, points entry and audit
    /// entry happened. Every row written before this migration happened at the one location there was: the
    /// default. The audit log's no-update trigger is lifted for that one statement and put back as it was, in
    /// this migration's transaction.
    ///
    /// Manufacturer claims (v9-claims) kept a placeholder location on each punch (`punches.location_id` TEXT,
    /// 'main') and on each claim: the punch's column becomes the real location's foreign key (dropped and added
    /// again: SQLite cannot change a column's type), and a claim's location is the location's ID as text.
    static func createLocations(_ db: any SQLConnection) throws {
        try db.execute(sql: """
            CREATE TABLE locations (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                name TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(trim(name)) > 0),
                address TEXT NOT NULL DEFAULT '',
                time_zone_id TEXT NOT NULL CHECK (length(time_zone_id) > 0),
                lightspeed_shop_id TEXT UNIQUE CHECK (lightspeed_shop_id IS NULL OR lightspeed_shop_id <> ''),
                active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
                created_at DATETIME NOT NULL
            );
            ALTER TABLE programs ADD COLUMN location_id INTEGER REFERENCES locations(id);
            ALTER TABLE punches DROP COLUMN location_id;
            ALTER TABLE punches ADD COLUMN location_id INTEGER REFERENCES locations(id);
            ALTER TABLE cards ADD COLUMN redeemed_at_location INTEGER REFERENCES locations(id);
            ALTER TABLE points_entries ADD COLUMN location_id INTEGER REFERENCES locations(id);
            ALTER TABLE audit_log ADD COLUMN location_id INTEGER REFERENCES locations(id);
            CREATE INDEX programs_by_location ON programs(location_id) WHERE location_id IS NOT NULL;
            CREATE INDEX audit_by_location ON audit_log(location_id, id);
            """)
        let settings = try LoyaltyStore.loadSettings(db)
        let defaultID = try db.insertedID(sql: """
            INSERT INTO locations (name, address, time_zone_id, created_at) VALUES (?, ?, ?, ?) RETURNING id
            """, arguments: [settings.storeName, settings.storeAddress, settings.timeZoneID, Date()])
        try pointRowsAtDefaultLocation(db, defaultID)
        try db.execute(sql: "DROP TRIGGER audit_log_no_update")
        try db.execute(sql: "UPDATE audit_log SET location_id = ?", arguments: [defaultID])
        try db.execute(sql: """
            CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
            BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END
            """)
    }
}

extension Schema {
    /// Every row written before v10-locations happened at the one location there was (both engines).
    static func pointRowsAtDefaultLocation(_ db: any SQLConnection, _ defaultID: Int64) throws {
        try db.execute(sql: "UPDATE punches SET location_id = ?", arguments: [defaultID])
        try db.execute(sql: "UPDATE cards SET redeemed_at_location = ? WHERE state = 'redeemed'", arguments: [defaultID])
        try db.execute(sql: "UPDATE points_entries SET location_id = ?", arguments: [defaultID])
        try db.execute(sql: "UPDATE claims SET location_id = ?", arguments: [String(defaultID)])
    }
}

extension LoyaltyStore {
    /// Every location, active or not, oldest first (the first is the default).
    public func locations() throws -> [Location] {
        try read { db in try Self.allLocations(db) }
    }

    /// The location a counter's config names (name or id, `LocationRules.resolve`); nil setting → the default.
    /// Unknown or deactivated → `StoreError.unknownLocation`, listing the active ones.
    public func location(named setting: String?) throws -> Location {
        let all = try locations()
        guard let found = LocationRules.resolve(setting, in: all) else {
            throw StoreError.unknownLocation(setting ?? "", known: all.filter(\.active).map(\.name))
        }
        return found
    }

    /// Adds a location (admin), audited. `shopZoneID`: the Lightspeed shop's zone when the caller asked
    /// Lightspeed (a location keeps its shop's clock).
    @discardableResult
    public func addLocation(_ location: Location, shopZoneID: String? = nil, by op: Operator) throws -> Location {
        try op.require(.manageLocations, "change locations")
        let clean = try Self.validated(location, shopZoneID: shopZoneID, now: now())
        return try write { db in
            try Self.checkUnique(db, clean, except: nil)
            let newID = try db.insertedID(sql: """
                INSERT INTO locations (name, address, time_zone_id, lightspeed_shop_id, active, created_at)
                VALUES (?, ?, ?, ?, 1, ?) RETURNING id
                """, arguments: [clean.name, clean.address, clean.timeZoneID, clean.lightspeedShopID, now()])
            var created = clean
            created.id = newID
            created.active = true
            try audit(db, op, .locationAdd, "added location \(clean.name) (\(clean.timeZoneID)"
                        + (clean.lightspeedShopID.map { ", Lightspeed shop \($0)" } ?? "") + ")",
                      details: ["locationID": String(created.id)])
            return created
        }
    }

    /// Changes a location's name, address, time zone or Lightspeed shop (admin), audited as old → new.
    /// Renaming is an edit like the others. Its history keeps pointing to it (by id).
    public func updateLocation(_ location: Location, shopZoneID: String? = nil, by op: Operator) throws {
        try op.require(.manageLocations, "change locations")
        let clean = try Self.validated(location, shopZoneID: shopZoneID, now: now())
        try write { db in
            let old = try Self.requireLocation(db, location.id)
            try Self.checkUnique(db, clean, except: old.id)
            var changes: [String] = []
            if old.name != clean.name { changes.append("name \(old.name) → \(clean.name)") }
            if old.address != clean.address { changes.append("address \(old.address) → \(clean.address)") }
            if old.timeZoneID != clean.timeZoneID { changes.append("time zone \(old.timeZoneID) → \(clean.timeZoneID)") }
            if old.lightspeedShopID != clean.lightspeedShopID {
                changes.append("Lightspeed shop \(old.lightspeedShopID ?? "none") → \(clean.lightspeedShopID ?? "none")")
            }
            guard !changes.isEmpty else { return }
            try db.execute(sql: """
                UPDATE locations SET name = ?, address = ?, time_zone_id = ?, lightspeed_shop_id = ? WHERE id = ?
                """, arguments: [clean.name, clean.address, clean.timeZoneID, clean.lightspeedShopID, old.id])
            try audit(db, op, .locationEdit, "location \(old.name): " + changes.joined(separator: "; "),
                      details: ["locationID": String(old.id)])
        }
    }

    /// Deactivates a location (admin), audited: no counter may start there, its history stays. Refused for the
    /// last active location, and for one that still has active programs scoped to it (scope them first).
    public func deactivateLocation(_ id: Int64, by op: Operator) throws {
        try op.require(.manageLocations, "change locations")
        try write { db in
            let location = try Self.requireLocation(db, id)
            guard location.active else { throw StoreError.invalid("The location \(location.name) is already deactivated.") }
            let active = try Int.fetchOne(db, sql: "SELECT count(*) FROM locations WHERE active = 1") ?? 0
            guard active > 1 else {
                throw StoreError.invalid("\(location.name) is the only active location: a store needs one.")
            }
            let programs = try String.fetchAll(db, sql: """
                SELECT name FROM programs WHERE location_id = ? AND active = 1 ORDER BY name
                """, arguments: [id])
            guard programs.isEmpty else {
                throw StoreError.invalid("\(location.name) still has \(Counting.of(programs.count, "program")) of its own ("
                    + programs.joined(separator: ", ") + "): give them another scope or switch them off first.")
            }
            try db.execute(sql: "UPDATE locations SET active = 0 WHERE id = ?", arguments: [id])
            try audit(db, op, .locationDeactivate, "location \(location.name): active → deactivated",
                      details: ["locationID": String(id)])
        }
    }

    /// Scopes a program to one location, or to the whole chain with nil (admin), audited as old → new. Punches
    /// already recorded stay where they are.
    public func setProgramScope(_ programID: Int64, location locationID: Int64?, by op: Operator) throws {
        try op.require(.managePrograms, "change programs")
        try write { db in
            let program = try Self.requireProgram(db, programID)
            let new = try Self.storedScope(db, locationID.map { .location(id: $0, name: "") } ?? .chain)
            guard new != program.scope else {
                throw StoreError.invalid("The program \"\(program.name)\" is already for \(program.scope.label).")
            }
            try db.execute(sql: "UPDATE programs SET location_id = ? WHERE id = ?", arguments: [locationID, programID])
            try audit(db, op, .programScope, "program \(program.name): \(program.scope.label) → \(new.label)",
                      details: ["programID": String(programID), "locationID": locationID.map(String.init) ?? ""])
        }
    }

    // MARK: - inside a transaction

    static func allLocations(_ db: any SQLConnection) throws -> [Location] {
        try SQLRow.fetchAll(db, sql: "SELECT * FROM locations ORDER BY id").map(Location.init(row:))
    }

    static func requireLocation(_ db: any SQLConnection, _ id: Int64) throws -> Location {
        guard let row = try SQLRow.fetchOne(db, sql: "SELECT * FROM locations WHERE id = ?", arguments: [id]) else {
            throw StoreError.notFound("Location \(id)")
        }
        return Location(row: row)
    }

    /// The default location: the oldest active one (the migration's, on a store that began with one counter).
    static func defaultLocationID(_ db: any SQLConnection) throws -> Int64 {
        guard let id = try Int64.fetchOne(db, sql: "SELECT min(id) FROM locations WHERE active = 1") else {
            throw StoreError.notFound("An active location")
        }
        return id
    }

    /// Where `op` works: its counter's location, or the default one. Written on punches, redemptions, points
    /// entries and audit entries (the foreign key checks that it exists).
    static func locationID(_ db: any SQLConnection, _ op: Operator) throws -> Int64 {
        if let id = op.locationID { return id }
        return try defaultLocationID(db)
    }

    /// The location `op` works at, read whole (its zone, its name for a refusal).
    static func location(_ db: any SQLConnection, _ op: Operator) throws -> Location {
        try requireLocation(db, try locationID(db, op))
    }

    /// Refuses a punch for a program scoped to another location than `op`'s (Core's rule, checked again here
    /// in the write's transaction: the screen checked against the catalogue it had).
    static func checkScope(_ db: any SQLConnection, _ program: Program, _ op: Operator) throws {
        guard program.scope != .chain else { return }
        let here = try location(db, op)
        do throws(LocationRefusal) { try LocationRules.checkPunch(program: program, at: here) } catch {
            throw StoreError.locationRule(error)
        }
    }

    /// Today at `op`'s counter: the date in its location's time zone.
    func today(_ db: any SQLConnection, _ op: Operator) throws -> LocalDate {
        try Self.location(db, op).calendar.localDate(of: now())
    }

    private static func validated(_ location: Location, shopZoneID: String?, now: Date) throws -> Location {
        do throws(LocationRefusal) {
            return try LocationRules.validated(location, shopZoneID: shopZoneID, now: now)
        } catch { throw StoreError.locationRule(error) }
    }

    private static func checkUnique(_ db: any SQLConnection, _ location: Location, except id: Int64?) throws {
        if try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM locations WHERE lower(name) = lower(?) AND id <> ?)",
                             arguments: [location.name, id ?? 0]) == true {
            throw StoreError.invalid("A location named \"\(location.name)\" already exists.")
        }
        if let shop = location.lightspeedShopID,
           let other = try String.fetchOne(db, sql: "SELECT name FROM locations WHERE lightspeed_shop_id = ? AND id <> ?",
                                           arguments: [shop, id ?? 0]) {
            throw StoreError.invalid("Lightspeed shop \(shop) is already the location \(other).")
        }
    }
}

extension Location {
    init(row: SQLRow) {
        self.init(id: row["id"], name: row["name"], address: row["address"], timeZoneID: row["time_zone_id"],
                  lightspeedShopID: row["lightspeed_shop_id"], active: row["active"])
    }
}

extension LoyaltyStore {
    /// A program's scope as stored: chain-wide, or an active location named as the store knows it.
    static func storedScope(_ db: any SQLConnection, _ scope: ProgramScope) throws -> ProgramScope {
        guard let id = scope.locationID else { return .chain }
        let location = try requireLocation(db, id)
        guard location.active else {
            throw StoreError.invalid("The location \(location.name) is deactivated: pick an active one.")
        }
        return .location(id: location.id, name: location.name)
    }
}
