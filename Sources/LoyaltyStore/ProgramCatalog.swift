import Foundation


extension Schema {
    /// Migration v7: a stamp that changes with every write to `programs` or `program_items`, whoever
    /// writes (this process, another counter on the same file, the sqlite3 shell). The checkout screen
    /// reads the whole program catalogue (50 programs, 2,000 UPCs) after every scan; with the stamp, a
    /// reader compares one value and reuses the catalogue it already decoded (`ProgramCatalogCache`).
    /// The stamp is random rather than a counter so that a restored older file can never present the
    /// stamp of a catalogue it does not hold.
    static func createProgramCatalogStamp(_ db: any SQLConnection) throws {
        try createStamp(db, "program_catalog_stamp", changedBy: ["programs", "program_items"])
    }

    /// A one-row table holding a random stamp, and triggers that replace it after every insert, update or delete
    /// on `tables` (v7's catalogue stamp, v13's configuration stamp).
    static func createStamp(_ db: any SQLConnection, _ stampTable: String, changedBy tables: [String]) throws {
        try db.execute(sql: """
            CREATE TABLE \(stampTable) (
                id INTEGER PRIMARY KEY CHECK (id = 1),
                stamp INTEGER NOT NULL
            );
            INSERT INTO \(stampTable) (id, stamp) VALUES (1, random());
            """)
        for table in tables {
            for event in ["INSERT", "UPDATE", "DELETE"] {
                try db.execute(sql: """
                    CREATE TRIGGER \(table)_stamp_\(event.lowercased()) AFTER \(event) ON \(table)
                    BEGIN UPDATE \(stampTable) SET stamp = random() WHERE id = 1; END
                    """)
            }
        }
    }
}

/// The decoded program catalogue and the stamp it was read under. Shared by every thread of one
/// store; a reader that finds the stamp unchanged (one indexed read) skips reading and decoding
/// the 2,000 items again.
final class ProgramCatalogCache: @unchecked Sendable {
    private let lock = NSLock()
    private var stamp: Int64?
    private var programs: [ProgramWithItems] = []

    func programs(stamp: Int64) -> [ProgramWithItems]? {
        lock.lock()
        defer { lock.unlock() }
        return self.stamp == stamp ? programs : nil
    }

    func store(_ programs: [ProgramWithItems], stamp: Int64) {
        lock.lock()
        defer { lock.unlock() }
        self.stamp = stamp
        self.programs = programs
    }
}

extension LoyaltyStore {
    /// The catalogue's current stamp, read inside the caller's transaction (so that it matches what
    /// that transaction sees of the programs).
    static func programCatalogStamp(_ db: any SQLConnection) throws -> Int64 {
        try Int64.fetchOne(db, sql: "SELECT stamp FROM program_catalog_stamp WHERE id = 1") ?? 0
    }
}
