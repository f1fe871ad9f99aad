internal import CSV
import Foundation
import LoyaltyCore

/// One bad line of a UPC import: its number in the file and why it was refused.
public struct CSVLineError: Hashable, Sendable, CustomStringConvertible {
    public var line: Int
    public var reason: String
    public init(line: Int, reason: String) {
        self.line = line
        self.reason = reason
    }
    public var description: String { "line \(line): \(reason)" }
}

/// A UPC file refused as a whole: its bad lines.
public struct CSVLinesRefused: Error, Hashable, Sendable {
    public var lines: [CSVLineError]
}

/// One good line of a UPC import, with its line number for the store's refusals.
public struct CSVItemLine: Hashable, Sendable {
    public var line: Int
    public var item: ProgramItem
}

/// Reading and writing the admin's CSV files through a CSV library (quotes, commas, accents and line
/// breaks inside fields are the library's business, never hand-rolled quoting).
public enum AdminCSV {
    /// Parses a `upc,description,size` file for a program: every line checked (check digit, a
    /// description, no UPC twice), all or nothing. A first line whose first field is "upc" is a header.
    /// Line numbers count records from 1, as a spreadsheet shows them.
    public static func parseItems(_ text: String, programID: Int64) -> Result<[CSVItemLine], CSVLinesRefused> {
        let reader: CSVReader
        do {
            reader = try CSVReader(string: text, hasHeaderRow: false, trimFields: true)
        } catch {
            return .failure(CSVLinesRefused(lines: [CSVLineError(line: 1, reason: "not a CSV file (\(error))")]))
        }
        var items: [CSVItemLine] = []
        var errors: [CSVLineError] = []
        var seen: [UPC: Int] = [:]
        var line = 0
        while let row = reader.next() {
            line += 1
            if row.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) { continue }
            if line == 1, row.first?.lowercased() == "upc" { continue }
            guard row.count >= 2, row.count <= 3 else {
                errors.append(CSVLineError(line: line, reason: "expected upc,description,size (\(row.count) fields)"))
                continue
            }
            let upc: UPC
            do {
                upc = try UPC.parse(row[0])
            } catch {
                errors.append(CSVLineError(line: line, reason: "\"\(row[0])\": \(error)"))
                continue
            }
            let description = row[1].trimmingCharacters(in: .whitespaces)
            guard !description.isEmpty else {
                errors.append(CSVLineError(line: line, reason: "the item needs a description"))
                continue
            }
            if let first = seen[upc] {
                errors.append(CSVLineError(line: line, reason: "\(upc.display) is also on line \(first)"))
                continue
            }
            seen[upc] = line
            items.append(CSVItemLine(line: line, item: ProgramItem(programID: programID, upc: upc,
                                                                   description: description,
                                                                   size: row.count > 2 ? row[2] : "")))
        }
        if let error = reader.error {
            errors.append(CSVLineError(line: line + 1, reason: "unreadable CSV (\(error))"))
        }
        if items.isEmpty && errors.isEmpty {
            errors.append(CSVLineError(line: 1, reason: "the file has no items"))
        }
        return errors.isEmpty ? .success(items) : .failure(CSVLinesRefused(lines: errors))
    }

    /// A table as CSV text: a header line, then one line per row.
    public static func text(_ table: ReportTable) throws -> String {
        let csv = try CSVWriter(stream: .toMemory())
        try csv.write(row: table.columns)
        for row in table.rows { try csv.write(row: row) }
        csv.stream.close()
        guard let data = csv.stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data,
              let text = String(data: data, encoding: .utf8) else { return "" }
        return text + "\n"
    }

    /// Parses CSV text into rows (for the round-trip test and any later CSV reading).
    public static func rows(_ text: String) throws -> [[String]] {
        let reader = try CSVReader(string: text, hasHeaderRow: false)
        var rows: [[String]] = []
        while let row = reader.next() { rows.append(row) }
        if let error = reader.error { throw error }
        return rows
    }

    /// Where exports go: `exports/` in the counter's own folder, beside a store file (with the store's own privacy:
    /// the folder 0700), or in the data folder when the store is on a server.
    public static func exportsFolder(in localFolder: String) -> String {
        URL(fileURLWithPath: localFolder).appendingPathComponent("exports").path
    }

    /// The file a typed name means: a bare name (or a relative path) lands in `folder`; `~/…` and absolute
    /// paths are taken as given. Always the full path, which the screen then shows.
    public static func exportPath(_ typed: String, folder: String) -> String {
        let t = typed.trimmingCharacters(in: .whitespaces)
        if t.hasPrefix("/") { return URL(fileURLWithPath: t).standardizedFileURL.path }
        if t.hasPrefix("~/") {
            return URL(fileURLWithPath: NSHomeDirectory()).appendingPathComponent(String(t.dropFirst(2))).standardizedFileURL.path
        }
        return URL(fileURLWithPath: folder).appendingPathComponent(t).standardizedFileURL.path
    }

    /// Writes `table` to a new file at `path`, owner-only (0600) like the store: a report names customers.
    /// An existing file is never overwritten; the exports folder is created (0700) when missing.
    public static func export(_ table: ReportTable, to path: String) throws {
        let text = try text(table)
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        if !FileManager.default.fileExists(atPath: folder) {
            do {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true,
                                                        attributes: [.posixPermissions: 0o700])
            } catch {
                throw AdminFileError.cannotWrite(path, "the folder \(folder) cannot be made")
            }
        }
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard fd >= 0 else {
            let code = errno
            if code == EEXIST { throw AdminFileError.exists(path) }
            throw AdminFileError.cannotWrite(path, String(cString: strerror(code)))
        }
        // The umask may only take bits away, but say it plainly: owner read/write, nobody else.
        fchmod(fd, 0o600)
        let handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
        do {
            try handle.write(contentsOf: Data(text.utf8))
        } catch {
            throw AdminFileError.cannotWrite(path, "\(error)")
        }
    }

    /// The text of the file at `path`, with errors a person can act on.
    public static func read(_ path: String) throws -> String {
        guard FileManager.default.fileExists(atPath: path) else { throw AdminFileError.missing(path) }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw AdminFileError.cannotRead(path)
        }
        guard let text = String(data: data, encoding: .utf8) else { throw AdminFileError.notUTF8(path) }
        return text
    }
}

/// Why a file could not be read or written, in words.
public enum AdminFileError: Error, Hashable, Sendable, CustomStringConvertible {
    case exists(String), cannotWrite(String, String), missing(String), cannotRead(String), notUTF8(String)
    public var description: String {
        switch self {
        case .exists(let p): "\(p) already exists: give another file name."
        case .cannotWrite(let p, let why): "Cannot write \(p): \(why)."
        case .missing(let p): "There is no file \(p)."
        case .cannotRead(let p): "Cannot read \(p)."
        case .notUTF8(let p): "\(p) is not UTF-8 text."
        }
    }
}
