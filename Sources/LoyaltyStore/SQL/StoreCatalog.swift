import Foundation

/// What a database holds, read from its own catalogue (SQLite's `sqlite_master` and pragmas, PostgreSQL's
/// `pg_class`/`pg_attribute`/`pg_constraint`): the tables, their columns, keys and references. The store's
/// copy between engines (`StoreCopy`) and the emptiness checks of `init` and `db migrate-to` read it, so they
/// follow the schema the migrations built instead of a list kept by hand beside it.
enum StoreCatalog {
    struct Column: Sendable, Hashable {
        var name: String
        /// Position in the primary key (1-based), 0 when not part of it. (`pg_index.indkey` is a 0-based array.)
        var primaryKeyPosition: Int
        /// Filled by an identity or serial sequence (PostgreSQL), which a copy must move past the copied values.
        var sequenced: Bool
        /// Computed by the database (a generated column): never written.
        var generated: Bool
    }

    struct Reference: Sendable, Hashable {
        var column: String
        var parentTable: String
    }

    /// The tables that hold the store's rows. The migrations' bookkeeping (`grdb_migrations` on both engines),
    /// SQLite's own tables and its full-text index (a virtual table and its shadow tables: derived from
    /// `customers`, kept by its triggers) are not rows of the store.
    static func dataTables(_ db: any SQLConnection) throws -> [String] {
        switch db.dialect {
        case .sqlite:
            let rows = try SQLRow.fetchAll(db, sql: """
                SELECT name, sql FROM sqlite_master
                WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name
                """)
            let virtual = rows.filter { (($0["sql"] as String?) ?? "").uppercased().hasPrefix("CREATE VIRTUAL TABLE") }
                .map { $0["name"] as String }
            return rows.map { $0["name"] as String }.filter { name in
                name != "grdb_migrations" && !virtual.contains { name == $0 || name.hasPrefix($0 + "_") }
            }
        case .postgresql:
            return try String.fetchAll(db, sql: """
                SELECT c.relname::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND c.relname <> 'grdb_migrations'
                ORDER BY 1
                """)
        }
    }

    /// Every relation a user made in the database, in any schema (`schema.name` on PostgreSQL): what makes a
    /// database "not empty" for `init` and `db migrate-to`.
    static func userRelations(_ db: any SQLConnection) throws -> [String] {
        switch db.dialect {
        case .sqlite:
            return try String.fetchAll(db, sql: """
                SELECT name FROM sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'
                ORDER BY name
                """)
        case .postgresql:
            return try String.fetchAll(db, sql: """
                SELECT (n.nspname || '.' || c.relname)::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
                  AND n.nspname NOT IN ('pg_catalog', 'information_schema')
                  AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp%'
                  AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype = 'e')
                ORDER BY 1
                """)
        }
    }

    static func columns(_ db: any SQLConnection, of table: String) throws -> [Column] {
        switch db.dialect {
        case .sqlite:
            // table_xinfo's `hidden`: 2 and 3 are generated columns.
            return try SQLRow.fetchAll(db, sql: "SELECT name, pk, hidden FROM pragma_table_xinfo(?) ORDER BY cid",
                                       arguments: [table]).map { row in
                Column(name: row["name"], primaryKeyPosition: row["pk"], sequenced: false,
                       generated: (row["hidden"] as Int) >= 2)
            }
        case .postgresql:
            return try SQLRow.fetchAll(db, sql: """
                SELECT a.attname::text AS name,
                       COALESCE((SELECT array_position(i.indkey::int2[], a.attnum) - array_lower(i.indkey::int2[], 1) + 1
                                 FROM pg_index i WHERE i.indrelid = a.attrelid AND i.indisprimary), 0)::int AS pk,
                       (CASE WHEN a.attidentity <> '' OR pg_get_serial_sequence(quote_ident(?), a.attname::text) IS NOT NULL
                             THEN 1 ELSE 0 END)::int AS sequenced,
                       (CASE WHEN a.attgenerated <> '' THEN 1 ELSE 0 END)::int AS generated
                FROM pg_attribute a
                WHERE a.attrelid = quote_ident(?)::regclass AND a.attnum > 0 AND NOT a.attisdropped
                ORDER BY a.attnum
                """, arguments: [table, table]).map { row in
                Column(name: row["name"], primaryKeyPosition: row["pk"], sequenced: (row["sequenced"] as Int) != 0,
                       generated: (row["generated"] as Int) != 0)
            }
        }
    }

    static func references(_ db: any SQLConnection, from table: String) throws -> [Reference] {
        switch db.dialect {
        case .sqlite:
            return try SQLRow.fetchAll(db, sql: "SELECT \"from\" AS col, \"table\" AS parent FROM pragma_foreign_key_list(?)",
                                       arguments: [table]).map { Reference(column: $0["col"], parentTable: $0["parent"]) }
        case .postgresql:
            return try SQLRow.fetchAll(db, sql: """
                SELECT a.attname::text AS col, p.relname::text AS parent
                FROM pg_constraint k
                JOIN pg_class p ON p.oid = k.confrelid
                JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = ANY(k.conkey)
                WHERE k.contype = 'f' AND k.conrelid = quote_ident(?)::regclass
                """, arguments: [table]).map { Reference(column: $0["col"], parentTable: $0["parent"]) }
        }
    }

    /// `name` as a quoted identifier (both dialects quote with double quotes).
    static func quoted(_ name: String) -> String {
        "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
