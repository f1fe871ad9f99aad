import Foundation
import LoyaltyCore

extension LoyaltyStore {
    /// Pairs of customers sharing a phone, an email, or the same name (ignoring case and
    /// accents), most reasons first. A manager's report, not a keystroke path: it walks the
    /// phone, email and name indexes once.
    public func likelyDuplicatePairs(limit: Int = 100) throws -> [DuplicatePair] {
        let found: [PairKey: Set<DuplicateCandidate.Reason>] = try read { db in
            var found: [PairKey: Set<DuplicateCandidate.Reason>] = [:]
            func collect(_ sql: String, _ reason: DuplicateCandidate.Reason) throws {
                for group in try String.fetchAll(db, sql: sql, arguments: [limit * 4]) {
                    let ids = group.split(separator: ",").compactMap { Int64($0) }.sorted()
                    for i in ids.indices { for j in ids.indices where j > i {
                        found[PairKey(a: ids[i], b: ids[j]), default: []].insert(reason)
                    } }
                }
            }
            try collect("""
                SELECT \(db.dialect.commaList("id")) FROM customers WHERE merged_into IS NULL AND phone IS NOT NULL
                GROUP BY phone HAVING count(*) > 1 LIMIT ?
                """, .samePhone)
            try collect("""
                SELECT \(db.dialect.commaList("id")) FROM customers WHERE merged_into IS NULL AND email IS NOT NULL
                GROUP BY email HAVING count(*) > 1 LIMIT ?
                """, .sameEmail)
            try collect("""
                SELECT \(db.dialect.commaList("id")) FROM customers WHERE merged_into IS NULL
                GROUP BY last_key, first_key HAVING count(*) > 1 LIMIT ?
                """, .sameName)
            return found
        }
        let ordered = found.sorted { ($0.value.count, -$0.key.a, -$0.key.b) > ($1.value.count, -$1.key.a, -$1.key.b) }
            .prefix(limit)
        let summaries = try customerSummaries(ids: Array(Set(ordered.flatMap { [$0.key.a, $0.key.b] })))
        let byID = Dictionary(summaries.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        return ordered.compactMap { pair, reasons in
            guard let a = byID[pair.a], let b = byID[pair.b] else { return nil }
            return DuplicatePair(first: a, second: b, reasons: reasons.sorted { $0.rawValue < $1.rawValue })
        }
    }

    private struct PairKey: Hashable {
        var a: Int64
        var b: Int64
    }
}
