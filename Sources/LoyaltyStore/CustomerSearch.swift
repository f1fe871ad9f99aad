import Foundation
import LoyaltyCore

extension LoyaltyStore {
    public static let defaultSearchLimit = CustomerSummary.searchPageSize

    /// On PostgreSQL, what the substring statement runs under (`searchCustomers`): only bitmap scans, for the
    /// transaction. Public for the benchmark's raw baseline, which runs the same statement the same way.
    public static let substringPlannerSettings =
        "SELECT set_config('enable_seqscan', 'off', true), set_config('enable_indexscan', 'off', true)"

    /// Whether the lookup looks for `text` inside names (`CustomerQuery.subqueries`): several words, or one of
    /// letters, hyphens and apostrophes; one word with anything else is an address being typed. Public for the
    /// benchmark's raw baselines, which write the store's statements out.
    public static func searchesInsideNames(_ text: String) -> Bool { CustomerQuery(text).searchesInsideNames }

    /// `%term%` with LIKE's own characters escaped (PostgreSQL's default escape is the backslash), so that
    /// nothing typed is a wildcard. Public for the benchmark's raw baseline, which binds the same pattern.
    public static func likeContaining(_ term: String) -> String {
        var escaped = ""
        for character in term {
            if character == "\\" || character == "%" || character == "_" { escaped.append("\\") }
            escaped.append(character)
        }
        return "%" + escaped + "%"
    }

    /// Customer lookup as the cashier types: any part of a name (a prefix of the first or last name
    /// from one letter, any 3+ letters inside — one word with other characters, "j.r", only by prefix),
    /// phone digits in any formatting (prefix, the last 4 or 7 digits, any 3+ digits inside), or an email
    /// (prefix, or any 3+ characters inside the part before "@"; "smith@gm" finds "john.smith@gmail.com":
    /// "smith" inside that part, then the whole address holding "smith@gm"). A term found only in a domain
    /// ("gmail") finds no one by substring.
    /// Merged customers never appear. Ranked: exact name, name prefix, phone/email, then substring;
    /// alphabetical within a rank. Every part goes through an index or the FTS5 trigram index:
    /// no scan of the customers table per keystroke.
    public func searchCustomers(_ text: String, limit: Int = defaultSearchLimit) throws -> [CustomerSummary] {
        let query = CustomerQuery(text)
        guard !query.isEmpty, limit > 0 else { return [] }
        let parts = query.subqueries(engine.dialect)
        let prefixes = parts.filter { $0.0 < CustomerQuery.substringRank }
        return try read { db in
            // One statement per keystroke: the prefix matches, ranked, sorted, cut to the page and
            // counted in SQL. Substring matches rank below every prefix match: only when the prefixes
            // leave the page short does the (costlier) FTS5 query run, in a second statement.
            let rows = try Self.searchPage(db, query, prefixes, limit: limit)
            guard rows.count < limit, parts.count > prefixes.count else { return rows }
            if db.dialect == .postgresql {
                // Only the trigram indexes' bitmaps: PostgreSQL cannot estimate `LIKE '%krich%'` (it guessed 1,700
                // rows of a million for 43), and for a LIMIT of 50 it then read the table, or a whole name index,
                // until 50 rows turned up — 250–1,400 ms at a million customers — where the trigram bitmaps take
                // 5–35 ms even for the commonest three letters (measured, docs/PERFORMANCE.md). For this read-only
                // transaction only (`set_config(…, true)` is SET LOCAL), in one round trip.
                try db.execute(sql: Self.substringPlannerSettings)
            }
            return try Self.searchPage(db, query, parts, limit: limit)
        }
    }

    /// The page of lookup rows for these ID subqueries, ranked (exact name 0, else the best rank
    /// of any subquery that found the customer), then by last and first name and ID.
    private static func searchPage(_ db: any SQLConnection, _ query: CustomerQuery, _ parts: [(Int, String, SQLArguments)],
                                   limit: Int) throws -> [CustomerSummary] {
        var arguments = SQLArguments()
        let matches = parts.map { rank, sql, args -> String in
            arguments += args + [limit]
            return "SELECT id, \(rank) AS rank FROM (\(sql)) AS part"
        }.joined(separator: " UNION ALL ")
        let exact = query.exactNames.first ?? ""
        arguments += [exact, exact, exact, limit]
        // `page` is materialized so that the counts run for the page's rows only.
        let sql: String = """
            WITH matches(id, rank) AS (\(matches)),
            page AS MATERIALIZED (
                SELECT c.id, c.first_name, c.last_name, c.phone, c.email, c.lightspeed_customer_id,
                       c.first_key, c.last_key,
                       CASE WHEN c.first_key = ? OR c.last_key = ? OR c.first_key || ' ' || c.last_key = ?
                            THEN 0 ELSE m.rank END AS rank
                FROM (SELECT id, min(rank) AS rank FROM matches GROUP BY id) m
                JOIN customers c ON c.id = m.id
                WHERE c.merged_into IS NULL
                ORDER BY 9, c.last_key, c.first_key, c.id
                LIMIT ?)
            SELECT id, first_name, last_name, phone, email, lightspeed_customer_id,
                   (SELECT count(*) FROM cards k WHERE k.customer_id = page.id AND k.state = 'open'),
                   (SELECT count(*) FROM cards k WHERE k.customer_id = page.id AND k.state = 'complete'),
                   (SELECT coalesce(sum(delta), 0) FROM points_entries e WHERE e.customer_id = page.id)
            FROM page ORDER BY rank, last_key, first_key, id
            """
        var result: [CustomerSummary] = []
        result.reserveCapacity(limit)
        for row in try SQLRow.fetchAll(db, sql: sql, arguments: arguments) {
            result.append(CustomerSummary(id: row[0], firstName: row[1], lastName: row[2], phone: row[3], email: row[4],
                                          lightspeedCustomerID: row[5], openCards: row[6], rewardsReady: row[7],
                                          pointsBalance: Int(row[8] as Int64)))
        }
        return result
    }

    /// Lookup-table rows for known IDs (e.g. after adding or merging), in the given order.
    public func customerSummaries(ids: [Int64]) throws -> [CustomerSummary] {
        guard !ids.isEmpty else { return [] }
        return try read { db in
            let rows = try SQLRow.fetchAll(db, sql: """
                SELECT id, first_name, last_name, phone, email, lightspeed_customer_id FROM customers
                WHERE id IN (\(Self.placeholders(ids.count)))
                """, arguments: SQLArguments(ids))
            let counts = try Self.cardAndPointCounts(db, ids: ids)
            let byID = Dictionary(rows.map { ($0["id"] as Int64, $0) }, uniquingKeysWith: { a, _ in a })
            return ids.compactMap { id in
                guard let row = byID[id] else { return nil }
                let c = counts[id] ?? (0, 0, 0)
                return CustomerSummary(id: id, firstName: row["first_name"], lastName: row["last_name"],
                                       phone: row["phone"], email: row["email"],
                                       lightspeedCustomerID: row["lightspeed_customer_id"],
                                       openCards: c.open, rewardsReady: c.complete, pointsBalance: c.points)
            }
        }
    }

    /// Open cards, complete cards and points balance for a few customers: two grouped queries
    /// over indexes, never one query per customer.
    static func cardAndPointCounts(_ db: any SQLConnection, ids: [Int64])
        throws -> [Int64: (open: Int, complete: Int, points: Int)]
    {
        guard !ids.isEmpty else { return [:] }
        var result: [Int64: (open: Int, complete: Int, points: Int)] = [:]
        let marks = placeholders(ids.count)
        for row in try SQLRow.fetchAll(db, sql: """
            SELECT customer_id, sum(CASE WHEN state = 'open' THEN 1 ELSE 0 END) AS open,
                   sum(CASE WHEN state = 'complete' THEN 1 ELSE 0 END) AS complete
            FROM cards WHERE customer_id IN (\(marks)) AND state IN ('open', 'complete') GROUP BY customer_id
            """, arguments: SQLArguments(ids)) {
            result[row["customer_id"]] = (row["open"], row["complete"], 0)
        }
        for row in try SQLRow.fetchAll(db, sql: """
            SELECT customer_id, coalesce(sum(delta), 0) AS points FROM points_entries
            WHERE customer_id IN (\(marks)) GROUP BY customer_id
            """, arguments: SQLArguments(ids)) {
            let id: Int64 = row["customer_id"]
            result[id, default: (0, 0, 0)].points = Int(row["points"] as Int64)
        }
        return result
    }

    static func placeholders(_ count: Int) -> String {
        Array(repeating: "?", count: count).joined(separator: ",")
    }
}

/// What the cashier typed, read as a name, a phone number or an email, and turned into
/// index-friendly subqueries (each returning customer IDs, bounded by the limit).
struct CustomerQuery {
    /// The rank of FTS5 substring matches; subqueries come in rank order.
    static let substringRank = 3
    let tokens: [String]
    let folded: String
    let email: String
    let phoneDigits: String?
    let exactNames: Set<String>

    init(_ raw: String) {
        let trimmed = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        folded = LoyaltyStore.searchKey(trimmed)
        tokens = folded.split(separator: " ").map(String.init)
        email = trimmed.lowercased()
        let phoneChars = Set(" -.()+/")
        if trimmed.contains(where: \.isNumber), trimmed.allSatisfy({ ($0.isASCII && $0.isNumber) || phoneChars.contains($0) }) {
            var digits = trimmed.filter { $0.isASCII && $0.isNumber }
            if digits.count == 11, digits.first == "1" { digits.removeFirst() }
            phoneDigits = digits
        } else {
            phoneDigits = nil
        }
        exactNames = folded.isEmpty ? [] : [folded]
    }

    var isEmpty: Bool { folded.isEmpty }

    /// (rank, SQL selecting `id` and ending in `LIMIT ?`, arguments without the limit). A prefix range takes the
    /// first rows of its index (`ORDER BY key`): without the order, the page for a prefix with more matches than
    /// a page ("ca" among a million customers) was whichever rows the plan met first — on SQLite the index's
    /// order, on PostgreSQL a bitmap scan's, so the two engines (and two plans) showed different customers.
    /// Not `ORDER BY key, id`: PostgreSQL's index holds the key alone, and sorting each run of one name (a
    /// thousand "Carol"s) tripled the lookup at a million customers; among equal keys the index's order stands.
    func subqueries(_ dialect: SQLDialect) -> [(Int, String, SQLArguments)] {
        var result: [(Int, String, SQLArguments)] = []
        let upper = LoyaltyStore.upperBound
        if let digits = phoneDigits {
            result.append((2, "SELECT id FROM customers WHERE merged_into IS NULL AND phone >= ? AND phone < ? ORDER BY phone LIMIT ?",
                           [digits, upper(digits)]))
            let reversed = String(digits.reversed())
            result.append((2, """
                SELECT id FROM customers WHERE merged_into IS NULL AND phone_reversed >= ? AND phone_reversed < ?
                    ORDER BY phone_reversed LIMIT ?
                """, [reversed, upper(reversed)]))
            if digits.count >= 3 {
                result.append(Self.substrings(dialect, [SubstringSearch(.phone, [digits])]))
            }
            return result
        }
        if tokens.count == 1 {
            let t = tokens[0]
            result.append((1, "SELECT id FROM customers WHERE merged_into IS NULL AND first_key >= ? AND first_key < ? ORDER BY first_key LIMIT ?",
                           [t, upper(t)]))
            result.append((1, "SELECT id FROM customers WHERE merged_into IS NULL AND last_key >= ? AND last_key < ? ORDER BY last_key LIMIT ?",
                           [t, upper(t)]))
        } else {
            // "sally pet", "pet sally", or a first name with a space in it ("mary ann").
            let a = tokens[0], b = tokens[1...].joined(separator: " ")
            result.append((1, """
                SELECT id FROM customers WHERE merged_into IS NULL AND first_key >= ? AND first_key < ?
                    AND last_key >= ? AND last_key < ? ORDER BY first_key LIMIT ?
                """, [a, upper(a), b, upper(b)]))
            result.append((1, """
                SELECT id FROM customers WHERE merged_into IS NULL AND last_key >= ? AND last_key < ?
                    AND first_key >= ? AND first_key < ? ORDER BY last_key LIMIT ?
                """, [a, upper(a), b, upper(b)]))
            result.append((1, "SELECT id FROM customers WHERE merged_into IS NULL AND first_key >= ? AND first_key < ? ORDER BY first_key LIMIT ?",
                           [folded, upper(folded)]))
        }
        if tokens.count == 1 {
            result.append((2, "SELECT id FROM customers WHERE merged_into IS NULL AND email >= ? AND email < ? ORDER BY email LIMIT ?",
                           [email, upper(email)]))
        }
        // Substrings: every token of 3+ characters somewhere in the name (or, for one token, the
        // email's local part): one substring query (FTS5 on SQLite, the pg_trgm indexes on PostgreSQL).
        if tokens.allSatisfy({ $0.count >= 3 }) {
            // Letters (and a name's hyphens and apostrophes) are looked for inside names; one word with anything
            // else ("james.co", "kofi_r", "smith@gm") is an address being typed. Searching names for it found
            // no one more and cost the most of all lookups on PostgreSQL: pg_trgm splits "james.co" into
            // "james" and "co", whose trigram " co" starts thousands of names (10–16 ms at a million customers).
            // Several words are a name, whatever they hold (an address has no spaces).
            var either: [SubstringSearch] = []
            if searchesInsideNames { either.append(SubstringSearch(.name, tokens)) }
            if let local = emailLocalTerm { either.append(local) }
            if !either.isEmpty { result.append(Self.substrings(dialect, either)) }
        }
        return result
    }

    /// Several words, or one of letters (and a name's hyphens and apostrophes).
    var searchesInsideNames: Bool {
        tokens.count > 1 || tokens.allSatisfy { $0.allSatisfy { $0.isLetter || $0 == "-" || $0 == "'" } }
    }

    /// The email part of the substring search for a one-token query: the typed text inside the part of the
    /// address before "@" (the local part; domains are not searched inside: the trigrams of ".com", "gmail"
    /// are in nearly every address, and an index scan of them read a posting list of every customer). When
    /// the text holds an "@" ("smith@gm"), the piece before it is looked for in the local part and the whole
    /// address must hold the text; a piece shorter than 3 characters searches no email by substring.
    var emailLocalTerm: SubstringSearch? {
        guard tokens.count == 1 else { return nil }
        let term = email == folded ? tokens[0] : email
        let local = String(term.prefix { $0 != "@" })
        guard local.count >= 3 else { return nil }
        return SubstringSearch(.emailLocal, [local], emailContains: local == term ? nil : term)
    }

    /// What a substring subquery's alternative searches: the folded name, the phone's digits, or the part of
    /// the email before "@" (`Schema.rebuildSearchOnEmailLocalPart`, `PostgresSchema.searchEmailLocalPart`).
    enum SearchColumn {
        case name, phone, emailLocal

        /// The column of SQLite's FTS5 table `customer_search`.
        var ftsColumn: String {
            switch self {
            case .name: "search_name"
            case .phone: "phone"
            case .emailLocal: "email_local"
            }
        }

        /// The expression PostgreSQL's `pg_trgm` index `customer_search_*` is on, written exactly as in the
        /// index (the planner uses an expression index only for the same expression).
        var postgresExpression: String {
            switch self {
            case .name: "search_name"
            case .phone: "phone"
            case .emailLocal: "split_part(email, '@', 1)"
            }
        }
    }

    /// One alternative of the substring subquery: `column` contains every one of `terms`, and, when
    /// `emailContains` is given, the customer's whole email contains it (checked on the rows the index found).
    struct SubstringSearch {
        var column: SearchColumn
        var terms: [String]
        var emailContains: String?

        init(_ column: SearchColumn, _ terms: [String], emailContains: String? = nil) {
            self.column = column
            self.terms = terms
            self.emailContains = emailContains
        }
    }

    /// The substring subquery: customers found by any of the alternatives given. SQLite asks its FTS5 trigram
    /// table; PostgreSQL asks `LIKE '%term%'` of each alternative's expression, which its `pg_trgm` GIN indexes
    /// answer (`customer_search_*`), merged customers being outside those indexes. An alternative with
    /// `emailContains` reads its rows' email (SQLite: a second FTS5 query joined to `customers`, whose rows it
    /// reads by ID; PostgreSQL: the index's recheck reads them anyway).
    static func substrings(_ dialect: SQLDialect, _ either: [SubstringSearch]) -> (Int, String, SQLArguments) {
        switch dialect {
        case .sqlite:
            let plain = either.filter { $0.emailContains == nil }
            var arguments = SQLArguments()
            var selects: [String] = []
            if !plain.isEmpty {
                arguments += [plain.count == 1 ? ftsColumn(plain[0].column.ftsColumn, plain[0].terms)
                    : plain.map { "(" + ftsColumn($0.column.ftsColumn, $0.terms) + ")" }.joined(separator: " OR ")]
                selects.append("SELECT rowid AS id FROM customer_search WHERE customer_search MATCH ?")
            }
            for checked in either {
                guard let whole = checked.emailContains else { continue }
                arguments += [ftsColumn(checked.column.ftsColumn, checked.terms), whole]
                selects.append("""
                    SELECT c.id FROM customer_search JOIN customers c ON c.id = customer_search.rowid
                        WHERE customer_search MATCH ? AND instr(c.email, ?) > 0
                    """)
            }
            return (substringRank, selects.joined(separator: " UNION ALL ") + " LIMIT ?", arguments)
        case .postgresql:
            var arguments = SQLArguments()
            let clauses = either.map { alternative in
                var conditions = alternative.terms.map { term -> String in
                    arguments += [LoyaltyStore.likeContaining(term)]
                    return "\(alternative.column.postgresExpression) LIKE ?"
                }
                if let whole = alternative.emailContains {
                    arguments += [LoyaltyStore.likeContaining(whole)]
                    conditions.append("email LIKE ?")
                }
                return "(" + conditions.joined(separator: " AND ") + ")"
            }
            return (substringRank, "SELECT id FROM customers WHERE merged_into IS NULL AND ("
                        + clauses.joined(separator: " OR ") + ") LIMIT ?", arguments)
        }
    }

    /// An FTS5 query for `column` containing every term as a phrase; quotes are doubled so that
    /// nothing typed can change the query's meaning.
    static func ftsColumn(_ column: String, _ terms: [String]) -> String {
        "{\(column)} : (" + terms.map { "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
            .joined(separator: " AND ") + ")"
    }
}
