import Foundation

/// Where a PostgreSQL store is: `postgresql://user@host:port/dbname`, `postgres://…`, a unix socket folder
/// with `?host=/path`, TLS with `?sslmode=`. The password is never part of it: a URL ends up in config files,
/// shell history, process lists and logs, so one written there is refused, and the password comes from
/// `PGPASSWORD` or a password file (`PGPASSFILE`, else `~/.pgpass`), as libpq reads them.
public struct PostgresAddress: Sendable, Hashable, CustomStringConvertible {
    public enum Endpoint: Sendable, Hashable {
        case tcp(host: String, port: Int)
        /// The socket file itself (`<folder>/.s.PGSQL.<port>`).
        case unixSocket(path: String, port: Int)
    }

    /// libpq's `sslmode`, the values this program supports.
    public enum TLSMode: String, Sendable, Hashable, CaseIterable {
        /// Never TLS.
        case disable
        /// TLS when the server offers it, without checking its certificate (libpq's default).
        case prefer
        /// TLS always, without checking the certificate (libpq's meaning of `require`).
        case require
        /// TLS always, the certificate checked against the system's trusted roots and the host name.
        case verifyFull = "verify-full"
    }

    public var endpoint: Endpoint
    public var user: String
    public var database: String
    public var tls: TLSMode

    public init(endpoint: Endpoint, user: String, database: String, tls: TLSMode = .disable) {
        self.endpoint = endpoint
        self.user = user
        self.database = database
        self.tls = tls
    }

    /// Why an address was refused. The sentences are the program's (the CLI prints them as they are).
    public enum ParseError: Error, Equatable, Sendable, CustomStringConvertible {
        case notPostgres
        case passwordInURL
        case badPort(String)
        case noHost
        case unknownParameter(String)
        case badSSLMode(String)
        case malformed(String)

        public var description: String {
            switch self {
            case .notPostgres:
                "A PostgreSQL address starts with postgresql:// (for example postgresql://loyalty@db.example:5432/loyalty)."
            case .passwordInURL:
                "The address holds a password: remove it and put the password in the PGPASSWORD environment variable "
                    + "or in a password file (~/.pgpass, or the file PGPASSFILE names, readable by its owner only)."
            case .badPort(let port): "The port \"\(port)\" is not a number between 1 and 65535."
            case .noHost: "The address names no server: postgresql://user@host:port/database, or ?host=/socket/folder."
            case .unknownParameter(let name):
                "The address parameter \"\(name)\" is not supported (supported: sslmode, host, port, user, dbname, connect_timeout)."
            case .badSSLMode(let mode):
                "sslmode=\(mode) is not supported: use disable, prefer, require or verify-full."
            case .malformed(let reason): "The PostgreSQL address is not valid: \(reason)."
            }
        }
    }

    /// Whether `text` is meant as a PostgreSQL address (rather than a SQLite file path).
    public static func isPostgresURL(_ text: String) -> Bool {
        let lower = text.lowercased()
        return lower.hasPrefix("postgresql://") || lower.hasPrefix("postgres://")
    }

    /// Parses `postgresql://[user@][host][:port][/dbname][?param=value&…]`. Missing parts take libpq's
    /// defaults: user `PGUSER` or the login name, port `PGPORT` or 5432, database the user's name.
    public init(parsing text: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        guard Self.isPostgresURL(text) else { throw ParseError.notPostgres }
        let rest = text[text.range(of: "://")!.upperBound...]
        let (beforeQuery, query) = Self.split(rest, at: "?")
        let (authority, path) = Self.split(beforeQuery, at: "/")

        var user: String?
        var hostPort = Substring(authority)
        if let at = authority.lastIndex(of: "@") {
            let userInfo = authority[..<at]
            hostPort = authority[authority.index(after: at)...]
            // Any colon in the user part introduces a password, even an empty one: refused.
            if userInfo.contains(":") { throw ParseError.passwordInURL }
            user = try Self.decode(userInfo, what: "user name")
        }
        var host: String?
        var port: Int?
        if hostPort.hasPrefix("[") {
            // [IPv6]:port
            guard let close = hostPort.firstIndex(of: "]") else { throw ParseError.malformed("an IPv6 host lacks its ]") }
            host = String(hostPort[hostPort.index(after: hostPort.startIndex)..<close])
            let after = hostPort[hostPort.index(after: close)...]
            if after.hasPrefix(":") { port = try Self.port(after.dropFirst()) } else if !after.isEmpty {
                throw ParseError.malformed("unexpected \"\(after)\" after the host")
            }
        } else if let colon = hostPort.lastIndex(of: ":") {
            host = try Self.decode(hostPort[..<colon], what: "host")
            port = try Self.port(hostPort[hostPort.index(after: colon)...])
        } else if !hostPort.isEmpty {
            host = try Self.decode(hostPort, what: "host")
        }
        if host?.isEmpty == true { host = nil }
        var database = path.isEmpty ? nil : try Self.decode(path, what: "database name")
        if database?.contains("/") == true { throw ParseError.malformed("the database name holds a /") }

        var tls = TLSMode.prefer
        var socketFolder: String?
        for pair in query.split(separator: "&", omittingEmptySubsequences: true) {
            let (rawName, rawValue) = Self.split(pair, at: "=")
            let name = try Self.decode(rawName, what: "parameter name")
            let value = try Self.decode(rawValue, what: "parameter \(name)")
            switch name {
            case "sslmode":
                guard let mode = TLSMode(rawValue: value) else { throw ParseError.badSSLMode(value) }
                tls = mode
            case "host":
                if value.hasPrefix("/") { socketFolder = value } else { host = value }
            case "port": port = try Self.port(Substring(value))
            case "user": user = value
            case "dbname": database = value
            case "password": throw ParseError.passwordInURL
            case "connect_timeout", "application_name": break // accepted as libpq does; the engine sets its own
            default: throw ParseError.unknownParameter(name)
            }
        }

        let resolvedPort = try port ?? environment["PGPORT"].map { try Self.port(Substring($0)) } ?? 5432
        if let socketFolder {
            endpoint = .unixSocket(path: Self.socketFile(socketFolder, port: resolvedPort), port: resolvedPort)
            // A unix socket never carries TLS; `require` over one is a contradiction worth saying.
            if tls == .require || tls == .verifyFull {
                throw ParseError.malformed("sslmode=\(tls.rawValue) cannot be used over a unix socket")
            }
            tls = .disable
        } else {
            guard let host else { throw ParseError.noHost }
            endpoint = .tcp(host: host, port: resolvedPort)
        }
        self.user = user ?? environment["PGUSER"] ?? Self.loginName(environment)
        self.database = database ?? environment["PGDATABASE"] ?? self.user
        self.tls = tls
    }

    /// The address as the program shows it: never a password (there is none in it).
    public var description: String {
        switch endpoint {
        case .tcp(let host, let port):
            let shownHost = host.contains(":") ? "[\(host)]" : host
            return "postgresql://\(user)@\(shownHost):\(port)/\(database)" + (tls == .prefer ? "" : "?sslmode=\(tls.rawValue)")
        case .unixSocket(let path, _):
            let folder = (path as NSString).deletingLastPathComponent
            return "postgresql://\(user)@/\(database)?host=\(folder)"
        }
    }

    /// The host as a password file names it: unix sockets match `localhost`, as in libpq.
    var passwordFileHost: String {
        switch endpoint {
        case .tcp(let host, _): host
        case .unixSocket: "localhost"
        }
    }

    var port: Int {
        switch endpoint {
        case .tcp(_, let port), .unixSocket(_, let port): port
        }
    }

    // MARK: - Parsing helpers

    private static func split<S: StringProtocol>(_ text: S, at separator: Character) -> (Substring, Substring) {
        let text = Substring(text)
        guard let index = text.firstIndex(of: separator) else { return (text, "") }
        return (text[..<index], text[text.index(after: index)...])
    }

    private static func decode(_ text: Substring, what: String) throws -> String {
        guard let decoded = String(text).removingPercentEncoding else {
            throw ParseError.malformed("the \(what) has a bad %-escape")
        }
        return decoded
    }

    private static func port(_ text: Substring) throws -> Int {
        guard let port = Int(text), (1...65_535).contains(port) else { throw ParseError.badPort(String(text)) }
        return port
    }

    /// libpq's `host=/folder` names the folder; the socket file in it is `.s.PGSQL.<port>`. A path to the socket
    /// file itself is taken as it is.
    private static func socketFile(_ path: String, port: Int) -> String {
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), !isFolder.boolValue { return path }
        if (path as NSString).lastPathComponent.hasPrefix(".s.PGSQL.") { return path }
        return (path as NSString).appendingPathComponent(".s.PGSQL.\(port)")
    }

    /// libpq's default user: the login name (`USER` of the environment the address is read in, else the
    /// account's name).
    private static func loginName(_ environment: [String: String]) -> String {
        if let name = environment["USER"], !name.isEmpty { return name }
        return NSUserName()
    }
}

/// Where the password comes from: `PGPASSWORD`, else the first matching line of the password file. Never logged,
/// never in a message: errors name the file, not its content.
enum PostgresPassword {
    enum Failure: Error, Equatable, CustomStringConvertible {
        /// libpq ignores a password file others can read; this program refuses it with the fix.
        case fileNotPrivate(path: String)

        var description: String {
            switch self {
            case .fileNotPrivate(let path):
                "The password file \(path) can be read by other users: make it private with `chmod 600 \(path)`."
            }
        }
    }

    /// The password for `address`, or nil when none is configured (trust or peer authentication).
    static func lookup(for address: PostgresAddress, environment: [String: String] = ProcessInfo.processInfo.environment)
        throws -> String?
    {
        if let password = environment["PGPASSWORD"], !password.isEmpty { return password }
        let path = environment["PGPASSFILE"] ?? (environment["HOME"].map { $0 + "/.pgpass" } ?? NSHomeDirectory() + "/.pgpass")
        guard let contents = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        guard let password = match(contents, host: address.passwordFileHost, port: address.port,
                                   database: address.database, user: address.user) else { return nil }
        // libpq's rule: no access for group or others (0600 or stricter).
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        if let mode = (attributes?[.posixPermissions] as? NSNumber)?.intValue, mode & 0o077 != 0 {
            throw Failure.fileNotPrivate(path: path)
        }
        return password
    }

    /// The password of the first line `hostname:port:database:username:password` that matches, `*` matching
    /// anything, `\:` and `\\` escaping; `#` lines are comments.
    static func match(_ contents: String, host: String, port: Int, database: String, user: String) -> String? {
        for line in contents.split(whereSeparator: \.isNewline) {
            if line.hasPrefix("#") { continue }
            let fields = splitFields(line)
            guard fields.count == 5 else { continue }
            let wanted = [host, String(port), database, user]
            if zip(fields.prefix(4), wanted).allSatisfy({ $0 == "*" || $0 == $1 }) { return fields[4] }
        }
        return nil
    }

    private static func splitFields(_ line: Substring) -> [String] {
        var fields: [String] = []
        var current = ""
        var escaped = false
        for character in line {
            if escaped {
                current.append(character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == ":" && fields.count < 4 {
                fields.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        fields.append(current)
        return fields
    }
}
