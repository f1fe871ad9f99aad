import Foundation
import GRDBSQLite

/// The lookup's result set fetched the narrowest way we know: one hand-written statement per query shape
/// on the raw sqlite3 C API (prepared once, its own read-only connection on the same file), returning the
/// final 50 rows with their card and points counts in the lookup's order. The store's lookup is measured
/// against it: the ratio says what the store, GRDB and the view-model cost on top of SQLite itself.
///
/// It mirrors the store's rules for the queries the benchmark types: prefix matches on first name, last
/// name and email (rank 1, 1, 2) or on phone and reversed phone (rank 2), each bounded to 50 rows; the
/// FTS5 substring query (rank 3) only when the prefix matches leave the page short; exact names first.
final class RawBaseline: LookupBaseline {
    struct Row: Equatable {
        var id: Int64
        var firstName: String
        var lastName: String
        var phone: String?
        var email: String?
        var lightspeedID: String?
        var open: Int
        var complete: Int
        var points: Int
    }

    private var db: OpaquePointer?
    private var statements: [String: OpaquePointer] = [:]
    static let limit = 50

    init(path: String) throws {
        guard sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nil) == SQLITE_OK else {
            throw BenchError("raw sqlite3 cannot open \(path): \(db.map { String(cString: sqlite3_errmsg($0)) } ?? "?")")
        }
    }

    deinit {
        for statement in statements.values { sqlite3_finalize(statement) }
        sqlite3_close_v2(db)
    }

    /// The rows the lookup shows for `query`.
    func search(_ query: CashierQuery) throws -> [Row] {
        let text = query.text
        let upper = text + "\u{10FFFF}"
        let fts = query.isPhone ? "{phone} : (\"\(text)\")"
            : query.searchesNames ? "{search_name email_local} : (\"\(text)\")" : "{email_local} : (\"\(text)\")"
        let shape = query.isPhone ? "phone" : "name"
        let prefixOnly = try run(try statement(shape, withFTS: false), text, upper, nil)
        guard prefixOnly.count < Self.limit, text.count >= 3 else { return prefixOnly }
        return try run(try statement(shape, withFTS: true), text, upper, fts)
    }

    private func run(_ s: OpaquePointer, _ text: String, _ upper: String, _ fts: String?) throws -> [Row] {
        defer { sqlite3_reset(s) }
        bind(s, 1, text)
        bind(s, 2, upper)
        if let fts { bind(s, 3, fts) }
        var rows: [Row] = []
        rows.reserveCapacity(Self.limit)
        while true {
            let code = sqlite3_step(s)
            if code == SQLITE_DONE { break }
            guard code == SQLITE_ROW else { throw BenchError("raw sqlite3: \(String(cString: sqlite3_errmsg(db)))") }
            rows.append(Row(id: sqlite3_column_int64(s, 0), firstName: column(s, 1)!, lastName: column(s, 2)!,
                            phone: column(s, 3), email: column(s, 4), lightspeedID: column(s, 5),
                            open: Int(sqlite3_column_int64(s, 6)), complete: Int(sqlite3_column_int64(s, 7)),
                            points: Int(sqlite3_column_double(s, 8))))
        }
        return rows
    }

    private func statement(_ shape: String, withFTS: Bool) throws -> OpaquePointer {
        let key = "\(shape)/\(withFTS)"
        if let s = statements[key] { return s }
        let prefixes = shape == "phone"
            ? """
              SELECT id, 2 FROM (SELECT id FROM customers WHERE merged_into IS NULL AND phone >= ?1 AND phone < ?2 ORDER BY phone LIMIT 50)
              UNION ALL SELECT id, 2 FROM (SELECT id FROM customers WHERE merged_into IS NULL
                  AND phone_reversed >= reverse_of_1 AND phone_reversed < reverse_of_1 || char(1114111)
                  ORDER BY phone_reversed LIMIT 50)
              """
            : """
              SELECT id, 1 FROM (SELECT id FROM customers WHERE merged_into IS NULL AND first_key >= ?1 AND first_key < ?2 ORDER BY first_key LIMIT 50)
              UNION ALL SELECT id, 1 FROM (SELECT id FROM customers WHERE merged_into IS NULL AND last_key >= ?1 AND last_key < ?2 ORDER BY last_key LIMIT 50)
              UNION ALL SELECT id, 2 FROM (SELECT id FROM customers WHERE merged_into IS NULL AND email >= ?1 AND email < ?2 ORDER BY email LIMIT 50)
              """
        let substring = withFTS
            ? "UNION ALL SELECT rowid, 3 FROM (SELECT rowid FROM customer_search WHERE customer_search MATCH ?3 LIMIT 50)"
            : ""
        var sql = """
            WITH m(id, rank) AS (\(prefixes) \(substring))
            SELECT c.id, c.first_name, c.last_name, c.phone, c.email, c.lightspeed_customer_id,
                   (SELECT count(*) FROM cards k WHERE k.customer_id = c.id AND k.state = 'open'),
                   (SELECT count(*) FROM cards k WHERE k.customer_id = c.id AND k.state = 'complete'),
                   (SELECT total(delta) FROM points_entries p WHERE p.customer_id = c.id)
            FROM (SELECT id, min(rank) AS rank FROM m GROUP BY id) r JOIN customers c ON c.id = r.id
            WHERE c.merged_into IS NULL
            ORDER BY CASE WHEN c.first_key = ?1 OR c.last_key = ?1 OR c.first_key || ' ' || c.last_key = ?1
                          THEN 0 ELSE r.rank END, c.last_key, c.first_key, c.id
            LIMIT 50
            """
        // The reversed digits are bound as ?4 (SQLite has no reverse()).
        sql = sql.replacingOccurrences(of: "reverse_of_1", with: "?4")
        var s: OpaquePointer?
        guard sqlite3_prepare_v3(db, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &s, nil) == SQLITE_OK, let s else {
            throw BenchError("raw sqlite3 prepare: \(String(cString: sqlite3_errmsg(db)))")
        }
        statements[key] = s
        return s
    }

    private func bind(_ s: OpaquePointer, _ index: Int32, _ text: String) {
        var text = text
        text.withUTF8 { bytes in
            _ = bytes.withMemoryRebound(to: CChar.self) {
                sqlite3_bind_text(s, index, $0.baseAddress, Int32($0.count), RawBaseline.transient)
            }
        }
        if index == 1 { bind(s, 4, reversed: text) }
    }

    private func bind(_ s: OpaquePointer, _ index: Int32, reversed text: String) {
        guard sqlite3_bind_parameter_count(s) >= index else { return }
        var reversed = String(text.reversed())
        reversed.withUTF8 { bytes in
            _ = bytes.withMemoryRebound(to: CChar.self) {
                sqlite3_bind_text(s, index, $0.baseAddress, Int32($0.count), RawBaseline.transient)
            }
        }
    }

    private func column(_ s: OpaquePointer, _ index: Int32) -> String? {
        guard let text = sqlite3_column_text(s, index) else { return nil }
        return String(cString: text)
    }

    private static let transient = unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)
}

/// A benchmark failure, said plainly.
struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
