import Foundation
import Testing
@testable import LoyaltyStore

/// The placeholder rewriter and the script splitter of the PostgreSQL engine: `?` and `;` are syntax only in code.
@Suite struct PostgresSQLTextTests {
    @Test func placeholdersAreNumberedInOrder() {
        let (sql, count) = PostgresSQLText.numberingPlaceholders("SELECT * FROM t WHERE a = ? AND b IN (?, ?)")
        #expect(sql == "SELECT * FROM t WHERE a = $1 AND b IN ($2, $3)")
        #expect(count == 3)
    }

    @Test func questionMarksInLiteralsIdentifiersAndCommentsStay() {
        let source = """
            SELECT 'what?', "odd?name", E'it\\'s ?', 'it''s ?' -- really?
            , /* a ? /* nested ? */ still ? */ ? FROM t WHERE x = ?
            """
        let (sql, count) = PostgresSQLText.numberingPlaceholders(source)
        #expect(sql == """
            SELECT 'what?', "odd?name", E'it\\'s ?', 'it''s ?' -- really?
            , /* a ? /* nested ? */ still ? */ $1 FROM t WHERE x = $2
            """)
        #expect(count == 2)
    }

    @Test func dollarQuotedBodiesStayButParametersAndIdentifiersWithDollarsDoNot() {
        let source = "SELECT a$b, $fn$ what? ; $fn$, $$ ? $$, ? FROM t"
        let (sql, count) = PostgresSQLText.numberingPlaceholders(source)
        #expect(sql == "SELECT a$b, $fn$ what? ; $fn$, $$ ? $$, $1 FROM t")
        #expect(count == 1)
    }

    @Test func scriptsSplitOnSemicolonsInCodeOnly() {
        let script = """
            CREATE TABLE a (x TEXT DEFAULT ';');
            -- a comment; with a semicolon
            CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN RAISE EXCEPTION 'no; never'; END;
            $$;
            ;
            INSERT INTO a VALUES ('x')
            """
        let statements = PostgresSQLText.statements(script)
        #expect(statements == [
            "CREATE TABLE a (x TEXT DEFAULT ';')",
            """
            -- a comment; with a semicolon
            CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN RAISE EXCEPTION 'no; never'; END;
            $$
            """,
            "INSERT INTO a VALUES ('x')",
        ])
    }

    @Test func aTrailingCommentIsNotAStatement() {
        #expect(PostgresSQLText.statements("SELECT 1; -- done\n") == ["SELECT 1"])
    }
}

@Suite struct PostgresAddressTests {
    let noEnvironment: [String: String] = ["USER": "clerk"]

    @Test func aFullAddressParses() throws {
        let address = try PostgresAddress(parsing: "postgresql://loyalty@db.example:6543/astro?sslmode=require",
                                          environment: noEnvironment)
        #expect(address.endpoint == .tcp(host: "db.example", port: 6543))
        #expect(address.user == "loyalty")
        #expect(address.database == "astro")
        #expect(address.tls == .require)
        #expect(address.description == "postgresql://loyalty@db.example:6543/astro?sslmode=require")
    }

    @Test func defaultsFollowLibpq() throws {
        let address = try PostgresAddress(parsing: "postgres://db.example", environment: noEnvironment)
        #expect(address.endpoint == .tcp(host: "db.example", port: 5432))
        #expect(address.user == "clerk")
        #expect(address.database == "clerk")
        #expect(address.tls == .prefer)
        let fromEnvironment = try PostgresAddress(parsing: "postgresql://db.example",
                                                  environment: ["PGUSER": "u", "PGPORT": "7000", "PGDATABASE": "d"])
        #expect(fromEnvironment.endpoint == .tcp(host: "db.example", port: 7000))
        #expect(fromEnvironment.user == "u" && fromEnvironment.database == "d")
    }

    @Test func aUnixSocketFolderNamesTheSocketFile() throws {
        let address = try PostgresAddress(parsing: "postgresql://loyalty@/astro?host=/run/pg&port=5499",
                                          environment: noEnvironment)
        #expect(address.endpoint == .unixSocket(path: "/run/pg/.s.PGSQL.5499", port: 5499))
        #expect(address.tls == .disable)
        #expect(address.description == "postgresql://loyalty@/astro?host=/run/pg")
    }

    @Test func percentEscapesAndIPv6() throws {
        let address = try PostgresAddress(parsing: "postgresql://sh%40p@[::1]:5433/my%20db", environment: noEnvironment)
        #expect(address.endpoint == .tcp(host: "::1", port: 5433))
        #expect(address.user == "sh@p")
        #expect(address.database == "my db")
        #expect(address.description == "postgresql://sh@p@[::1]:5433/my db")
    }

    @Test func aPasswordInTheAddressIsRefusedWithTheWayToGiveIt() {
        for url in ["postgresql://loyalty:secret@db/astro", "postgresql://loyalty:@db/astro",
                    "postgresql://loyalty@db/astro?password=secret"] {
            #expect(throws: PostgresAddress.ParseError.passwordInURL) {
                try PostgresAddress(parsing: url, environment: noEnvironment)
            }
        }
        let sentence = PostgresAddress.ParseError.passwordInURL.description
        #expect(sentence.contains("PGPASSWORD") && sentence.contains(".pgpass"))
        #expect(!sentence.contains("secret"))
    }

    @Test func badAddressesSayWhatIsWrong() {
        #expect(throws: PostgresAddress.ParseError.notPostgres) { try PostgresAddress(parsing: "/var/astro.sqlite") }
        #expect(throws: PostgresAddress.ParseError.badPort("99999")) {
            try PostgresAddress(parsing: "postgresql://u@db:99999/x", environment: noEnvironment)
        }
        #expect(throws: PostgresAddress.ParseError.badPort("five")) {
            try PostgresAddress(parsing: "postgresql://u@db:five/x", environment: noEnvironment)
        }
        #expect(throws: PostgresAddress.ParseError.noHost) {
            try PostgresAddress(parsing: "postgresql:///x", environment: noEnvironment)
        }
        #expect(throws: PostgresAddress.ParseError.badSSLMode("allow")) {
            try PostgresAddress(parsing: "postgresql://u@db/x?sslmode=allow", environment: noEnvironment)
        }
        #expect(throws: PostgresAddress.ParseError.unknownParameter("target_session_attrs")) {
            try PostgresAddress(parsing: "postgresql://u@db/x?target_session_attrs=any", environment: noEnvironment)
        }
    }

    @Test func thePasswordComesFromTheEnvironmentFirst() throws {
        let address = try PostgresAddress(parsing: "postgresql://u@db/x", environment: noEnvironment)
        #expect(try PostgresPassword.lookup(for: address, environment: ["PGPASSWORD": "pw", "PGPASSFILE": "/nonexistent"]) == "pw")
        #expect(try PostgresPassword.lookup(for: address, environment: ["PGPASSFILE": "/nonexistent"]) == nil)
    }

    @Test func passwordFileLinesMatchLikeLibpq() {
        let file = """
            # host:port:database:user:password
            other:5432:x:u:wrong
            db:5432:x:u:pa\\:ss\\\\word
            *:*:*:*:fallback
            """
        #expect(PostgresPassword.match(file, host: "db", port: 5432, database: "x", user: "u") == "pa:ss\\word")
        #expect(PostgresPassword.match(file, host: "db", port: 5433, database: "x", user: "u") == "fallback")
        #expect(PostgresPassword.match("db:5432:x:u:pw", host: "db", port: 5432, database: "y", user: "u") == nil)
    }

    @Test func aPasswordFileOthersCanReadIsRefused() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("pgpass-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        FileManager.default.createFile(atPath: path, contents: Data("db:5432:x:u:pw\n".utf8),
                                       attributes: [.posixPermissions: 0o644])
        let address = try PostgresAddress(parsing: "postgresql://u@db/x", environment: noEnvironment)
        #expect(throws: PostgresPassword.Failure.fileNotPrivate(path: path)) {
            try PostgresPassword.lookup(for: address, environment: ["PGPASSFILE": path])
        }
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
        #expect(try PostgresPassword.lookup(for: address, environment: ["PGPASSFILE": path]) == "pw")
    }
}
